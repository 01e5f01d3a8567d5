import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization
import Tapedeck
import TapedeckHTTP
import TapedeckTestSupport
import Testing

@testable import TapedeckServer

/// Every resource a hostile or careless peer could grow has a bound: the body a
/// recording keeps, the certificates a forward proxy mints, idle plain tunnels,
/// and the journal's bytes.
struct ResourceBoundsTests {
    /// An upstream whose answer never ends: 16 KiB parts, each sent once the last is written,
    /// until a write fails (its client, the proxy, closed the connection).
    final class EndlessUpstream: HTTPResponder {
        let written = Atomic<Int>(0)
        let stopped = Atomic<Bool>(false)
        static let part = ByteBuffer(repeating: UInt8(ascii: "x"), count: 16 << 10)

        func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) {
            stream.head(status: .ok, headers: ["Content-Type": "application/octet-stream"])
            send(on: stream)
        }

        private func send(on stream: HTTPResponseStream) {
            stream.write(Self.part).whenComplete { result in
                switch result {
                case .success:
                    self.written.add(Self.part.readableBytes, ordering: .relaxed)
                    self.send(on: stream)
                case .failure: self.stopped.store(true, ordering: .relaxed)
                }
            }
        }
    }

    @Test func anEndlessAnswerIsRecordedTruncatedAndItsUpstreamClosedOnceTheClientHangsUp() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let endless = EndlessUpstream()
        let upstream = try await HTTPServer(threads: 1, responder: endless)
        let cassette = folder.appendingPathComponent("endless.json")
        var configuration = CassetteServer.Configuration(
            cassettes: [cassette], mode: .all, upstream: URL(string: "http://127.0.0.1:\(upstream.port)")!)
        configuration.maximumRecordedBody = 64 << 10
        let proxy = try await CassetteServer.started(configuration)
        do {
            // The client reads well past the bound (the answer is relayed whole), then hangs up.
            let connection = try #require(RawConnection(port: proxy.port, timeout: 5))
            connection.send("GET /stream HTTP/1.1\r\nHost: 127.0.0.1:\(proxy.port)\r\n\r\n")
            #expect(connection.count(upTo: 512 << 10) == 512 << 10)
        }
        // The upstream is closed: its endless writes fail (bounded wait: 20 s).
        for _ in 0..<400 where !endless.stopped.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(50)) }
        let stopped = endless.stopped.load(ordering: .relaxed)
        #expect(stopped, "the proxy read on after its client left")
        try await proxy.stop()
        try await upstream.stop()
        let recorded = try #require(CassetteStore.load(cassette).interactions.first)
        #expect(recorded.response.body.data.count == 64 << 10)
        let note = try #require(recorded.response.headers[ProxiedExchange.truncationHeader])
        #expect(note.contains("the first 65536 bytes of"), "\(note)")
    }

    @Test(arguments: [1, 3, 16])
    func theCertificateCacheKeepsTheMostRecentlyUsedHosts(capacity: Int) throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let cache = LeafCertificateCache(authority: try CertificateAuthority(folder: folder), capacity: capacity)
        let hosts = (0..<(capacity * 3 + 5)).map { "host\($0).example" }
        // Held here, so that no dropped context's memory is reused by a later one.
        var minted: [NIOSSLContext] = []
        for host in hosts {
            minted.append(try cache.context(for: host))
            #expect(cache.count <= capacity)
        }
        // The most recent host is kept (the same context comes back); the first was dropped long ago and is minted anew.
        #expect(try cache.context(for: hosts.last!) === minted.last!)
        #expect(try cache.context(for: hosts.first!) !== minted.first!)
        #expect(cache.count == capacity)
    }

    @Test(arguments: [254, 300, 10_000])
    func aHostNameLongerThanDNSAllowsGetsNoCertificate(length: Int) throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let cache = LeafCertificateCache(authority: try CertificateAuthority(folder: folder), capacity: 4)
        let labels = (0..<(length / 50 + 1)).map { _ in String(repeating: "a", count: 49) }.joined(separator: ".")
        let host = String(labels.prefix(length))
        #expect(throws: LeafCertificateCache.HostTooLong.self) { try cache.context(for: host) }
        #expect(cache.count == 0)
        _ = try cache.context(for: String(labels.prefix(253)))
        #expect(cache.count == 1)
    }

    @Test func aConnectToAnOverlongHostIsRefusedWith400() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let file = try ServerFixture.pagesCassette(1, in: folder)
        let authority = try CertificateAuthority(folder: folder.appendingPathComponent("ca"))
        let server = try await CassetteServer.started(.init(cassettes: [file], forward: CassetteServer.ForwardProxy(authority: authority)))
        defer { Task { try? await server.stop() } }
        let host = (0..<6).map { _ in String(repeating: "b", count: 60) }.joined(separator: ".")
        let connection = try #require(RawConnection(port: server.port, timeout: 5))
        connection.send("CONNECT \(host):443 HTTP/1.1\r\nHost: \(host):443\r\n\r\n")
        let text = connection.receive { $0.contains("\r\n\r\n") }.text
        #expect(text.hasPrefix("HTTP/1.1 400"), "\(text.prefix(200))")
    }

    /// A recording forward proxy with a 1 s idle timeout that intercepts no loopback host, and a
    /// loopback listener for its plain tunnels to reach (it streams endlessly to a GET).
    static func tunnelling() async throws -> (proxy: CassetteServer, target: HTTPServer) {
        let folder = try scratchFolder("tapedeck-server-tests")
        let target = try await HTTPServer(threads: 1, responder: EndlessUpstream())
        let authority = try CertificateAuthority(folder: folder.appendingPathComponent("ca"))
        var configuration = CassetteServer.Configuration(
            cassettes: [folder.appendingPathComponent("recorded.json")], mode: .all,
            forward: CassetteServer.ForwardProxy(authority: authority, intercept: ["only.example"]))
        configuration.limits.idleTimeout = .seconds(1)
        return (try await CassetteServer.started(configuration), target)
    }

    /// A plain tunnel through `proxy` to `target`, open.
    static func tunnel(through proxy: CassetteServer, to target: HTTPServer, receiveBuffer: Int32? = nil) throws -> RawConnection {
        let tunnel = try #require(RawConnection(port: proxy.port, timeout: 20, receiveBuffer: receiveBuffer))
        tunnel.send("CONNECT 127.0.0.1:\(target.port) HTTP/1.1\r\nHost: 127.0.0.1:\(target.port)\r\n\r\n")
        #expect(tunnel.receive { $0.contains("\r\n\r\n") }.text.hasPrefix("HTTP/1.1 200"))
        return tunnel
    }

    @Test func idlePlainTunnelsAreClosed() async throws {
        let (proxy, target) = try await Self.tunnelling()
        let tunnels = try (0..<8).map { _ in try Self.tunnel(through: proxy, to: target) }
        // Nothing goes either way: each tunnel is closed by the proxy (well before the 20 s read timeout).
        for tunnel in tunnels {
            #expect(tunnel.receive().closed, "an idle plain tunnel stayed open")
        }
        try await proxy.stop()
        try await target.stop()
    }

    @Test func aBusyPlainTunnelStaysOpenPastTheIdleTimeout() async throws {
        let (proxy, target) = try await Self.tunnelling()
        let tunnel = try Self.tunnel(through: proxy, to: target, receiveBuffer: 4_096)
        // The client sends nothing more after its request, but the far end streams (at the pace the
        // client reads, 16 KiB every 100 ms): the tunnel carries bytes, so the client's silence is no
        // idleness, for four idle timeouts and more.
        tunnel.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        for _ in 0..<40 {
            #expect(tunnel.count(upTo: 16 << 10) == 16 << 10)
            try await Task.sleep(for: .milliseconds(100))
        }
        try await proxy.stop()
        try await target.stop()
    }

    @Test func theJournalIsBoundedInBytesAndShortensLongURIs() {
        let journal = ServerJournal(capacity: 10_000, maximumBytes: 256 << 10)
        for index in 0..<2_000 {
            let uri = "/items/\(index)?" + (0..<400).map { "p\($0)=v\($0)" }.joined(separator: "&")
            journal.append(method: "GET", uri: uri, status: 200, outcome: .replayed, source: nil)
        }
        let json = journal.json { $0 }
        let requests = json["requests"]?.arrayValue ?? []
        let kept = requests.compactMap { $0["uri"]?.stringValue }
        #expect(kept.reduce(0) { $0 + $1.utf8.count } <= 256 << 10)
        #expect(!kept.isEmpty)
        #expect(json["total"]?.int64Value == 2_000)
        #expect(kept.last?.hasPrefix("/items/1999?") == true, "the newest entry is kept")
        for uri in kept {
            #expect(uri.utf8.count <= ServerJournal.maximumURI + 40)
            // Cut at a boundary: every parameter kept is whole.
            let query = uri.split(separator: "?", maxSplits: 1).last.map(String.init) ?? ""
            let parameters = query.split(separator: "…").first.map { $0.split(separator: "&") } ?? []
            #expect(parameters.allSatisfy { $0.range(of: #"^p(\d+)=v\1$"#, options: .regularExpression) != nil }, "\(uri.suffix(80))")
            #expect(uri.contains("more bytes)"))
        }
    }
}
