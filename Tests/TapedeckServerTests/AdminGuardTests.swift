import Foundation
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckTestSupport
import Testing

@testable import TapedeckHTTP
@testable import TapedeckServer

/// A web page the user visits must not reach the servers through the browser:
/// DNS rebinding (a page's own host name pointed at 127.0.0.1) is refused by
/// `Host`, a cross-site request by its `Origin`, on the admin endpoints and on
/// every path of a recording proxy.
struct AdminGuardTests {
    /// Host names a rebinding page would send: its own name, with and without a port,
    /// look-alikes of loopback, and addresses of other machines.
    static let foreignHosts: [String] = {
        var hosts = [
            "rebind.attacker.example", "rebind.attacker.example:4010", "localhost.attacker.example", "127.0.0.1.nip.io",
            "attacker.localhost.example:80", "10.0.0.7", "[fe80::1]:4010", "192.168.1.20:4010", "0.0.0.0",
        ]
        // Generated names: label lengths 3 to 24 over letters and digits, each with a port.
        let characters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        for index in 0..<8 {
            let label = String((0..<(3 + index * 3)).map { characters[($0 * 7 + index * 11) % characters.count] })
            hosts.append("\(label).example:\(1 + index * 8_191)")
        }
        return hosts
    }()

    static func request(_ raw: String, to port: Int) throws -> (status: Int, text: String) {
        let connection = try #require(RawConnection(port: port, timeout: 5))
        connection.send(raw)
        let received = connection.receive { $0.contains("\r\n\r\n") && $0.contains("}") }
        let status = Int(received.text.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, received.text)
    }

    @Test(arguments: foreignHosts)
    func theJournalRefusesARebindingHost(host: String) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let server = try await CassetteServer.started(.init(cassettes: [try ServerFixture.pagesCassette(2, in: folder)]))
        defer { Task { try? await server.stop() } }
        _ = try await ServerFixture.fetch(server.baseURL.appendingPathComponent("api/items").appending(queryItems: [.init(name: "page", value: "1")]))
        for path in ["/__tapedeck/journal", "/__tapedeck/unused", "/__tapedeck/nope"] {
            let answer = try Self.request("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\r\n", to: server.port)
            #expect(answer.status == 421, "\(path) for Host \(host): \(answer.text.prefix(300))")
            #expect(!answer.text.contains("api/items"), "the journal must not be read through a foreign Host")
        }
        let reset = try Self.request("POST /__tapedeck/reset HTTP/1.1\r\nHost: \(host)\r\nContent-Length: 0\r\n\r\n", to: server.port)
        #expect(reset.status == 421)
    }

    @Test(arguments: ["http://attacker.example", "null", "http://127.0.0.1:1", "https://localhost"])
    func anAdminRequestWithAnOriginIsForbidden(origin: String) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let server = try await CassetteServer.started(.init(cassettes: [try ServerFixture.pagesCassette(2, in: folder)]))
        defer { Task { try? await server.stop() } }
        _ = try await ServerFixture.fetch(server.baseURL.appendingPathComponent("api/items").appending(queryItems: [.init(name: "page", value: "1")]))
        let reset = try Self.request(
            "POST /__tapedeck/reset HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nOrigin: \(origin)\r\nContent-Length: 0\r\n\r\n", to: server.port)
        #expect(reset.status == 403, "\(reset.text.prefix(300))")
        let journal = try Self.request("GET /__tapedeck/journal HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nOrigin: \(origin)\r\n\r\n", to: server.port)
        #expect(journal.status == 403)
        // The refused reset did nothing: the journal still holds the request, for its owner.
        let owner = try await ServerFixture.fetch(server.baseURL.appendingPathComponent("__tapedeck/journal"))
        #expect(owner.status == 200)
        #expect(String(decoding: owner.body, as: UTF8.self).contains("api/items"))
    }

    @Test(arguments: ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
    func theOwnerReachesTheAdminEndpointsByALoopbackName(name: String) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let server = try await CassetteServer.started(.init(cassettes: [try ServerFixture.pagesCassette(2, in: folder)]))
        defer { Task { try? await server.stop() } }
        for host in [name, "\(name):\(server.port)"] {
            let answer = try Self.request("GET /__tapedeck/journal HTTP/1.1\r\nHost: \(host)\r\n\r\n", to: server.port)
            #expect(answer.status == 200, "Host \(host): \(answer.text.prefix(300))")
        }
        // A replayed path is no admin endpoint: any Host may ask it (a client of the recorded API names that API).
        let replay = try Self.request("GET /api/items?page=1 HTTP/1.1\r\nHost: api.example\r\n\r\n", to: server.port)
        #expect(replay.status == 200)
    }

    @Test(arguments: foreignHosts.prefix(6))
    func aRecordingProxyRefusesAForeignHostOnEveryPath(host: String) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let upstream = try await CassetteServer.started(.init(cassettes: [try ServerFixture.pagesCassette(2, in: folder)]))
        let cassette = folder.appendingPathComponent("recorded.json")
        let proxy = try await CassetteServer.started(.init(cassettes: [cassette], mode: .all, upstream: upstream.baseURL))
        let injected = try Self.request(
            "POST /api/items?page=9 HTTP/1.1\r\nHost: \(host)\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", to: proxy.port)
        #expect(injected.status == 421, "\(injected.text.prefix(300))")
        let owner = try Self.request("GET /api/items?page=1 HTTP/1.1\r\nHost: 127.0.0.1:\(proxy.port)\r\n\r\n", to: proxy.port)
        #expect(owner.status == 200)
        // A client that names the upstream itself (a signature covering Host) is the owner too.
        let named = try Self.request("GET /api/items?page=2 HTTP/1.1\r\nHost: 127.0.0.1:\(upstream.port)\r\n\r\n", to: proxy.port)
        #expect(named.status == 200)
        try await proxy.stop()
        try await upstream.stop()
        let recorded = try CassetteStore.load(cassette).interactions
        #expect(recorded.map(\.request.method) == ["GET", "GET"], "nothing a foreign page sent is recorded")
    }

    @Test func twoHostHeadersAreRefused() throws {
        let request = HTTPRequest(
            method: .GET, uri: "/__tapedeck/journal", headers: HTTPHeaders([("Host", "127.0.0.1"), ("Host", "attacker.example")]), body: ByteBuffer())
        #expect(AdminGuard.refusal(for: request, admin: true, everyPath: false, upstream: nil)?.status.code == 421)
        let single = HTTPRequest(method: .GET, uri: "/__tapedeck/journal", headers: HTTPHeaders([("Host", "127.0.0.1")]), body: ByteBuffer())
        #expect(AdminGuard.refusal(for: single, admin: true, everyPath: false, upstream: nil) == nil)
    }

    @Test func theBoundAddressIsTheServersOwnName() throws {
        let address = try SocketAddress(ipAddress: "192.168.7.9", port: 4010)
        #expect(AdminGuard.ownsHost("192.168.7.9:4010", localAddress: address))
        #expect(AdminGuard.ownsHost("192.168.7.9", localAddress: address))
        #expect(!AdminGuard.ownsHost("192.168.7.10:4010", localAddress: address))
        #expect(!AdminGuard.ownsHost("evil.example", localAddress: address))
    }
}
