import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Tapedeck
import TapedeckHTTP
import TapedeckServer
import TapedeckTestSupport
import Testing

/// The forward proxy with real clients that keep their real HTTPS endpoints:
/// curl (`--proxy`, `--cacert`) and Python's requests (`HTTPS_PROXY`,
/// `REQUESTS_CA_BUNDLE`) record a loopback HTTPS upstream through
/// `CONNECT` and TLS interception, then replay it with the upstream stopped,
/// byte for byte. Bad input gets a clear error and loses nothing recorded.
struct ForwardProxyTests {
    /// A client that sends one GET through the proxy and prints the body.
    enum Client: String, CaseIterable {
        case curl, requests

        /// Fetches `url` through the proxy at `port`, trusting `ca`; the body it printed.
        func fetch(_ url: String, proxy port: Int, trusting ca: URL, in folder: URL) throws -> (status: Int32, output: String) {
            let output = folder.appendingPathComponent("client-\(UUID().uuidString).out")
            let status: Int32
            switch self {
            case .curl:
                status = try ServerFixture.run(
                    "curl", ["-sS", "--max-time", "20", "--noproxy", "", "--proxy", "http://127.0.0.1:\(port)", "--cacert", ca.path, url], output: output)
            case .requests:
                let python = try PythonTools.python()
                status = try ServerFixture.run(
                    "env",
                    [
                        "-u", "NO_PROXY", "-u", "no_proxy", "HTTPS_PROXY=http://127.0.0.1:\(port)", "REQUESTS_CA_BUNDLE=\(ca.path)", python.path, "-c",
                        "import requests, sys; sys.stdout.write(requests.get(sys.argv[1], timeout=20).text)", url,
                    ], output: output)
            }
            return (status, try String(contentsOf: output, encoding: .utf8))
        }
    }

    /// A proxy log kept for the test to read.
    final class Log: Sendable {
        private let lines = Mutex<[String]>([])
        var text: String { lines.withLock { $0.joined(separator: "\n") } }
        var sink: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }
    }

    @Test(arguments: Client.allCases)
    func aClientRecordsHTTPSThroughTheForwardProxyAndReplaysItWithTheUpstreamStopped(client: Client) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (tls, upstream, authority) = try await Self.upstreamAndCA(in: folder)
        let cassette = folder.appendingPathComponent("forward.json")
        let proxy = try await CassetteServer.started(
            .init(
                cassettes: [cassette], mode: .all, forward: .init(authority: authority),
                upstreamTrust: .certificates(tls.certificateFile)))
        let port = upstream.port
        let urls = (1...2).map { "https://localhost:\(port)/api/items?page=\($0)" }
        var recorded: [String] = []
        for url in urls {
            let (status, body) = try client.fetch(url, proxy: proxy.port, trusting: authority.certificateFile, in: folder)
            #expect(status == 0, "\(body)")
            recorded.append(body)
        }
        #expect(recorded.first?.contains(#""items":["item-1-a","item-1-b"]"#) == true, "\(recorded)")
        let summary = try await proxy.stop()
        try await upstream.stop()
        #expect(summary.recorded == 2)
        let interactions = try CassetteStore.load(cassette).interactions
        #expect(interactions.map(\.request.url) == urls, "the provider's own URLs are recorded")

        let replay = try await CassetteServer.started(.init(cassettes: [cassette], forward: .init(authority: authority)))
        for (url, body) in zip(urls, recorded) {
            let (status, replayed) = try client.fetch(url, proxy: replay.port, trusting: authority.certificateFile, in: folder)
            #expect(status == 0, "\(replayed)")
            #expect(replayed == body, "replayed byte for byte")
        }
        let missing = try client.fetch(
            "https://localhost:\(port)/api/items?page=9", proxy: replay.port, trusting: authority.certificateFile, in: folder)
        #expect(missing.output.contains("no recorded interaction matches this request"), "a miss answers 490 with the near-miss report")
        let end = try await replay.stop()
        #expect(end.replayed == 2)
        #expect(end.missed == 1)
    }

    /// A plain-HTTP request in absolute form (`GET http://host/path`) is recorded
    /// under its own URL, next to an HTTPS host's: several hosts in one cassette.
    @Test func absoluteFormHTTPAndAnHTTPSHostShareOneCassette() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let tls = try LoopbackTLS(in: folder)
        let secure = try await tls.serve(JSONPages())
        let plain = try await HTTPServer(host: "127.0.0.1", port: 0, responder: JSONPages())
        let authority = try CertificateAuthority(folder: folder.appendingPathComponent("ca"))
        let cassette = folder.appendingPathComponent("hosts.json")
        let proxy = try await CassetteServer.started(
            .init(cassettes: [cassette], mode: .all, forward: .init(authority: authority), upstreamTrust: .certificates(tls.certificateFile)))
        let urls = ["http://127.0.0.1:\(plain.port)/api/items?page=3", "https://localhost:\(secure.port)/api/items?page=4"]
        for url in urls {
            let (status, body) = try Client.curl.fetch(url, proxy: proxy.port, trusting: authority.certificateFile, in: folder)
            #expect(status == 0)
            #expect(body.contains(#""page":"#), "\(body)")
        }
        try await proxy.stop()
        try await secure.stop()
        try await plain.stop()
        #expect(try CassetteStore.load(cassette).interactions.map(\.request.url) == urls)
    }

    /// A host outside `--intercept` gets a plain byte tunnel: the client talks
    /// TLS with the upstream itself (trusting the upstream's own certificate),
    /// and nothing is recorded.
    @Test func aHostOutsideInterceptPassesThroughAsAPlainTunnelRecordedNowhere() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (tls, upstream, authority) = try await Self.upstreamAndCA(in: folder)
        let cassette = folder.appendingPathComponent("tunnel.json")
        let proxy = try await CassetteServer.started(
            .init(cassettes: [cassette], mode: .all, forward: .init(authority: authority, intercept: ["*.example.com", "api.example.org"])))
        let url = "https://localhost:\(upstream.port)/api/items?page=5"
        let (status, body) = try Client.curl.fetch(url, proxy: proxy.port, trusting: tls.certificateFile, in: folder)
        #expect(status == 0, "\(body)")
        #expect(body.contains(#""page":5"#), "\(body)")
        let summary = try await proxy.stop()
        try await upstream.stop()
        #expect(summary.recorded == 0)
        #expect(!FileManager.default.fileExists(atPath: cassette.path), "a tunnel records nothing")
    }

    /// Each bad case answers with a reason, the proxy goes on, and the exchange
    /// recorded before them is in the cassette at the end.
    @Test func badInputGetsAClearErrorAndLosesNothingRecorded() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let tls = try LoopbackTLS(in: folder)
        let upstream = try await tls.serve(JSONPages())
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let plain = try await NotTLS.listen(on: group)
        let plainPort = try #require(plain.localAddress?.port)
        let authority = try CertificateAuthority(folder: folder.appendingPathComponent("ca"))
        let cassette = folder.appendingPathComponent("bad.json")
        let log = Log()
        let proxy = try await CassetteServer.started(
            .init(
                cassettes: [cassette], mode: .all, forward: .init(authority: authority), upstreamTrust: .certificates(tls.certificateFile),
                log: log.sink))
        let good = "https://localhost:\(upstream.port)/api/items?page=1"
        #expect(try Client.curl.fetch(good, proxy: proxy.port, trusting: authority.certificateFile, in: folder).status == 0)

        // CONNECT to a port nothing listens on: 502 and why, before any tunnel.
        let connection = try #require(RawConnection(port: proxy.port, timeout: 15))
        connection.send("CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n")
        let refused = connection.receive()
        #expect(refused.text.hasPrefix("HTTP/1.1 502"), "\(refused.text)")
        #expect(refused.text.contains("could not connect to 127.0.0.1:1: could not connect to the upstream"), "\(refused.text)")

        // A server that does not speak TLS behind an https URL: the upstream handshake fails.
        let handshake = try Self.status(
            of: "https://localhost:\(plainPort)/api/items?page=1", proxy: proxy.port, trusting: authority.certificateFile, in: folder)
        #expect(handshake.code == "502", "\(handshake.body)")
        #expect(handshake.body.contains("the TLS handshake with the upstream failed (EOF during handshake)"), "\(handshake.body)")

        // A client that does not trust the local CA: curl refuses, the proxy says why.
        let untrusting = try Client.curl.fetch(good, proxy: proxy.port, trusting: tls.certificateFile, in: folder)
        #expect(untrusting.status == 60, "curl's exit status for a certificate it cannot verify: \(untrusting.output)")
        try await proxy.stop()
        #expect(log.text.contains("the TLS handshake with a client of localhost failed"), "\(log.text)")
        #expect(log.text.contains(authority.certificateFile.path))
        #expect(log.text.contains("CONNECT refused: could not connect to 127.0.0.1:1"), "\(log.text)")

        // Without --upstream-cacert the self-signed upstream is not trusted.
        let strict = try await CassetteServer.started(
            .init(cassettes: [folder.appendingPathComponent("strict.json")], mode: .all, forward: .init(authority: authority)))
        let untrusted = try Self.status(of: good, proxy: strict.port, trusting: authority.certificateFile, in: folder)
        #expect(untrusted.code == "502")
        #expect(untrusted.body.contains("the upstream's certificate is not trusted: pass --upstream-cacert"), "\(untrusted.body)")
        let nothing = try await strict.stop()
        #expect(nothing.recorded == 0)
        try await upstream.stop()
        try await plain.close()
        try await group.shutdownGracefully()

        let kept = try CassetteStore.load(cassette).interactions
        #expect(kept.map(\.request.url) == [good], "the exchange before the bad ones is kept, and only it")
    }

    /// An HTTPS upstream of JSON pages, and a local CA, in `folder`.
    static func upstreamAndCA(in folder: URL) async throws -> (LoopbackTLS, HTTPServer, CertificateAuthority) {
        let tls = try LoopbackTLS(in: folder)
        let upstream = try await tls.serve(JSONPages())
        return (tls, upstream, try CertificateAuthority(folder: folder.appendingPathComponent("ca")))
    }

    /// The status curl saw and the body, for an answer that is not a 2xx.
    static func status(of url: String, proxy port: Int, trusting ca: URL, in folder: URL) throws -> (code: String, body: String) {
        let output = folder.appendingPathComponent("status-\(UUID().uuidString).out")
        _ = try ServerFixture.run(
            "curl", ["-sS", "--max-time", "20", "--noproxy", "", "--proxy", "http://127.0.0.1:\(port)", "--cacert", ca.path, "-w", "\n%{http_code}", url],
            output: output)
        let text = try String(contentsOf: output, encoding: .utf8)
        return (String(text.split(separator: "\n").last ?? ""), text)
    }
}
