import Foundation
import Tapedeck
import TapedeckServer
import TapedeckTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The recording proxy passes exchanges on as they are: redirects go back to
/// the client, cookies stay with the client that got them, and concurrent
/// clients are all recorded.
struct RecordingProxyTests {
    /// An upstream (a replay server) answering `/login` with a redirect that sets a cookie, and `/items?n=N` with pages.
    static func upstream(in folder: URL) async throws -> CassetteServer {
        let file = folder.appendingPathComponent("upstream.json")
        let login = Interaction(
            request: RecordedRequest(method: "GET", url: "http://api.example/login"),
            response: RecordedResponse(status: 302, headers: ["Location": "/home", "Set-Cookie": "session=s3cr3t-cookie-value; Path=/"]),
            recordedAt: Date(), duration: 0)
        let pages = (0..<64).map { number in
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://api.example/items?n=\(number)"),
                response: RecordedResponse(status: 200, body: RecordedBody(data: Data("{\"n\":\(number)}".utf8), contentType: "application/json")),
                recordedAt: Date(), duration: 0)
        }
        try CassetteStore.write(Cassette(interactions: [login] + pages), to: file)
        return try await CassetteServer.started(.init(cassettes: [file], allowsRepeats: true))
    }

    @Test func aRedirectIsHandedBackAndACookieIsNeverReplayedToTheUpstream() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let upstream = try await Self.upstream(in: folder)
        let cassette = folder.appendingPathComponent("recorded.json")
        let proxy = try await CassetteServer.started(.init(cassettes: [cassette], mode: .all, upstream: upstream.baseURL))
        let output = folder.appendingPathComponent("curl.txt")
        let status = try ServerFixture.run(
            "curl", ["--silent", "--include", "http://127.0.0.1:\(proxy.port)/login", "http://127.0.0.1:\(proxy.port)/items?n=1"], output: output)
        #expect(status == 0)
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(text.hasPrefix("HTTP/1.1 302"), "\(text.prefix(200))")
        #expect(text.contains("Location: /home"))
        try await proxy.stop()
        try await upstream.stop()
        let recorded = try CassetteStore.load(cassette).interactions
        #expect(recorded.map(\.response.status) == [302, 200])
        #expect(recorded[1].request.headers["Cookie"] == nil, "the proxy's upstream session must not keep a cookie jar")
        #expect(!(try String(contentsOf: cassette, encoding: .utf8)).contains("s3cr3t-cookie-value"))
    }

    @Test func sixtyFourConcurrentClientsAreAllRecorded() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let upstream = try await Self.upstream(in: folder)
        let cassette = folder.appendingPathComponent("recorded.json")
        let proxy = try await CassetteServer.started(.init(cassettes: [cassette], mode: .all, upstream: upstream.baseURL))
        let base = proxy.baseURL
        let bodies = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for number in 0..<64 {
                group.addTask {
                    (
                        number,
                        try await ServerFixture.fetch(URL(string: "\(base.absoluteString)/items?n=\(number)")!, session: URLSession(configuration: .ephemeral))
                            .body
                    )
                }
            }
            return try await group.reduce(into: [Int: Data]()) { $0[$1.0] = $1.1 }
        }
        #expect(bodies.count == 64)
        #expect(bodies.allSatisfy { String(decoding: $0.value, as: UTF8.self) == "{\"n\":\($0.key)}" })
        let summary = try await proxy.stop()
        try await upstream.stop()
        #expect(summary.recorded == 64)
        let urls = Set(try CassetteStore.load(cassette).interactions.map(\.request.url))
        #expect(urls.count == 64)
    }

    /// The proxy journals each exchange redacted as it completes: a token
    /// the upstream echoed in an early answer, and found as a credential only in
    /// a later request, is scrubbed from both; an earlier recording kept in
    /// `missing` mode keeps its placeholders, and new ones are numbered after them.
    @Test func aSecretFirstSeenLaterIsScrubbedFromEarlierJournaledExchanges() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let token = "tok-0123456789abcdef-later"
        let upstreamFile = folder.appendingPathComponent("upstream.json")
        let answers = [("/echo", "{\"hint\":\"\(token)\"}"), ("/items", "{\"items\":[]}")].map { path, body in
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://api.example\(path)"),
                response: RecordedResponse(
                    status: 200, headers: ["Content-Type": "application/json"], body: RecordedBody(data: Data(body.utf8), contentType: "application/json")),
                recordedAt: Date(), duration: 0)
        }
        try CassetteStore.write(Cassette(interactions: answers), to: upstreamFile)
        let upstream = try await CassetteServer.started(.init(cassettes: [upstreamFile], allowsRepeats: true))
        let cassette = folder.appendingPathComponent("recorded.json")
        let earlier = Interaction(
            request: RecordedRequest(method: "GET", url: "\(upstream.baseURL.absoluteString)/before", headers: ["X-Auth-Token": "REDACTED-x-auth-token-3"]),
            response: RecordedResponse(status: 204), recordedAt: Date(), duration: 0)
        try CassetteStore.write(Cassette(interactions: [earlier]), to: cassette)
        let proxy = try await CassetteServer.started(.init(cassettes: [cassette], mode: .missing, upstream: upstream.baseURL))
        _ = try await ServerFixture.fetch(proxy.baseURL.appendingPathComponent("echo"))
        var request = URLRequest(url: proxy.baseURL.appendingPathComponent("items"))
        request.setValue(token, forHTTPHeaderField: "X-Auth-Token")
        _ = try await URLSession(configuration: .ephemeral).data(for: request)
        let summary = try await proxy.stop()
        try await upstream.stop()
        #expect(summary.recorded == 2)
        let text = try String(contentsOf: cassette, encoding: .utf8)
        #expect(!text.contains(token))
        let recorded = try CassetteStore.load(cassette).interactions
        #expect(recorded.count == 3)
        #expect(recorded.first?.request == earlier.request)
        #expect(recorded[1].response.body.data == Data("{\"hint\":\"REDACTED-x-auth-token-4\"}".utf8))
        #expect(recorded[2].request.headers["X-Auth-Token"] == "REDACTED-x-auth-token-4")
    }
}
