import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Tapedeck
import TapedeckHTTP
import TapedeckServer
import TapedeckTestSupport
import Testing

/// The recording proxy passes an answer on as it arrives: a client reads the
/// first part of a large body while the upstream still holds back the rest,
/// and the cassette gets the whole body.
struct StreamingProxyTests {
    /// An upstream that answers every request with `first` bytes of "A" at once,
    /// then `rest` bytes of "B" only once the gate opens (10 s at most).
    final class GatedUpstream: HTTPResponder {
        let first: Int
        let rest: Int
        /// Whether the head announces the length (otherwise the body goes out chunked).
        let announcesLength: Bool
        let opened = Gate()

        init(first: Int, rest: Int, announcesLength: Bool) {
            self.first = first
            self.rest = rest
            self.announcesLength = announcesLength
        }

        func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) {
            var headers: HTTPHeaders = ["Content-Type": "text/plain"]
            if announcesLength { headers.add(name: "Content-Length", value: String(first + rest)) }
            stream.head(status: .ok, headers: headers)
            stream.body(ByteBuffer(repeating: UInt8(ascii: "A"), count: first))
            let (opened, rest) = (self.opened, self.rest)
            // A thread of its own: the test's blocking reads must not hold it up.
            Thread.detachNewThread {
                for _ in 0..<2000 where !opened.isOpen { usleep(5000) }
                stream.body(ByteBuffer(repeating: UInt8(ascii: "B"), count: rest))
                stream.end()
            }
        }
    }

    /// Set once, read from any thread.
    final class Gate: Sendable {
        private let value = Atomic(false)
        var isOpen: Bool { value.load(ordering: .acquiring) }
        func open() { value.store(true, ordering: .releasing) }
    }

    @Test(arguments: [true, false])
    func aLargeBodyReachesTheClientAsItArrivesAndIsRecordedWhole(announcesLength: Bool) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let upstream = GatedUpstream(first: 256 << 10, rest: 4 << 20, announcesLength: announcesLength)
        let upstreamServer = try await HTTPServer(host: "127.0.0.1", port: 0, responder: upstream)
        let cassette = folder.appendingPathComponent("big.json")
        let proxy = try await CassetteServer.started(
            .init(cassettes: [cassette], mode: .all, upstream: URL(string: "http://127.0.0.1:\(upstreamServer.port)")!))

        let connection = try #require(RawConnection(port: proxy.port, timeout: 5))
        connection.send("GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let early = connection.receive { $0.contains(String(repeating: "A", count: 1024)) }
        #expect(early.text.hasPrefix("HTTP/1.1 200"), "\(early.text.prefix(200))")
        #expect(early.text.contains(String(repeating: "A", count: 1024)), "the first part must arrive while the upstream holds the rest back")
        #expect(!Self.body(of: early.text).contains("B"))
        let framing = announcesLength ? "Content-Length: \(upstream.first + upstream.rest)" : "transfer-encoding: chunked"
        #expect(early.text.lowercased().contains(framing.lowercased()), "\(early.text.prefix(300))")

        upstream.opened.open()
        let missing = upstream.first + upstream.rest - Self.body(of: early.text).utf8.count
        let rest = connection.receive { text in announcesLength ? text.utf8.count >= missing : text.hasSuffix("\r\n0\r\n\r\n") }
        let whole = Self.body(of: early.text + rest.text)
        #expect(whole.utf8.filter { $0 == UInt8(ascii: "A") }.count == upstream.first)
        #expect(whole.utf8.filter { $0 == UInt8(ascii: "B") }.count == upstream.rest)

        try await proxy.stop()
        try await upstreamServer.stop()
        let recorded = try CassetteStore.load(cassette).interactions
        #expect(recorded.count == 1)
        let body = try #require(recorded.first?.response.body.data)
        #expect(body.count == upstream.first + upstream.rest)
        #expect(body.prefix(upstream.first).allSatisfy { $0 == UInt8(ascii: "A") })
        #expect(body.suffix(upstream.rest).allSatisfy { $0 == UInt8(ascii: "B") })
    }

    /// An HTTP/1.0 client cannot take a chunked body: an answer of unknown length
    /// goes to it raw, and the connection's close ends it.
    @Test func anHTTP10ClientGetsABodyOfUnknownLengthEndedByTheClose() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let upstream = GatedUpstream(first: 1000, rest: 3000, announcesLength: false)
        upstream.opened.open()
        let upstreamServer = try await HTTPServer(host: "127.0.0.1", port: 0, responder: upstream)
        let proxy = try await CassetteServer.started(
            .init(cassettes: [folder.appendingPathComponent("old.json")], mode: .all, upstream: URL(string: "http://127.0.0.1:\(upstreamServer.port)")!))
        let connection = try #require(RawConnection(port: proxy.port, timeout: 5))
        connection.send("GET /old HTTP/1.0\r\n\r\n")
        let answer = connection.receive()
        #expect(answer.closed)
        #expect(answer.text.hasPrefix("HTTP/1.0 200"), "\(answer.text.prefix(200))")
        #expect(answer.text.lowercased().contains("connection: close"))
        #expect(!answer.text.lowercased().contains("transfer-encoding"))
        #expect(Self.body(of: answer.text) == String(repeating: "A", count: 1000) + String(repeating: "B", count: 3000))
        try await proxy.stop()
        try await upstreamServer.stop()
    }

    /// What follows the head (chunk-size lines included: NIO writes them in lowercase hex).
    static func body(of text: String) -> String {
        text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    }
}
