import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Tapedeck
import TapedeckHTTP
import TapedeckServer
import TapedeckTestSupport
import Testing

/// A client that stops reading stops the recording proxy reading its upstream:
/// what the upstream has handed over stays a few socket buffers ahead of the
/// client, not the whole answer, and once the client reads again the whole body arrives.
struct BackpressureTests {
    /// An upstream that writes a large body part by part, each once the last is
    /// in its socket, counting what it has written.
    final class FloodUpstream: HTTPResponder {
        static let part = 256 << 10
        let total: Int
        let written = Atomic(0)

        init(total: Int) { self.total = total }

        func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) {
            stream.head(status: .ok, headers: ["Content-Type": "application/octet-stream", "Content-Length": String(total)])
            send(from: 0, into: stream)
        }

        private func send(from offset: Int, into stream: HTTPResponseStream) {
            guard offset < total else { return stream.end() }
            let size = min(Self.part, total - offset)
            stream.write(ByteBuffer(repeating: UInt8(ascii: "z"), count: size)).whenSuccess {
                self.written.add(size, ordering: .relaxed)
                self.send(from: offset + size, into: stream)
            }
        }
    }

    @Test func aClientThatStopsReadingStopsTheUpstreamRead() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = FloodUpstream(total: 32 << 20)
        let upstreamServer = try await HTTPServer(host: "127.0.0.1", port: 0, responder: upstream)
        let cassette = folder.appendingPathComponent("flood.json")
        let proxy = try await CassetteServer.started(
            .init(cassettes: [cassette], mode: .all, upstream: URL(string: "http://127.0.0.1:\(upstreamServer.port)")!))
        let connection = try #require(RawConnection(port: proxy.port, timeout: 10, receiveBuffer: 64 << 10))
        connection.send("GET /flood HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let head = connection.count(upTo: 4096)
        #expect(head == 4096)
        // The client reads nothing more: wait (10 s at most) until the upstream has been still for half a second.
        var last = -1
        for _ in 0..<20 {
            let now = upstream.written.load(ordering: .relaxed)
            if now == last { break }
            last = now
            try await Task.sleep(for: .milliseconds(500))
        }
        let stalled = upstream.written.load(ordering: .relaxed)
        #expect(stalled < 24 << 20, "the upstream wrote \(stalled >> 20) MiB of 32 MiB to a client that read 4 KiB")
        let rest = connection.count(upTo: (32 << 20) + 4096)
        let received = head + rest
        #expect(received > 32 << 20, "the whole body arrives once the client reads: \(received) bytes")
        try await proxy.stop()
        try await upstreamServer.stop()
        let recorded = try CassetteStore.load(cassette).interactions
        #expect(recorded.first?.response.body.data.count == 32 << 20)
    }

    /// A client that reads the head and hangs up (a link follower, say) still
    /// gets the exchange recorded: the proxy reads the rest from the upstream.
    @Test func aClientThatHangsUpEarlyStillHasTheExchangeRecorded() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = FloodUpstream(total: 8 << 20)
        let upstreamServer = try await HTTPServer(host: "127.0.0.1", port: 0, responder: upstream)
        let cassette = folder.appendingPathComponent("hung-up.json")
        let proxy = try await CassetteServer.started(
            .init(cassettes: [cassette], mode: .all, upstream: URL(string: "http://127.0.0.1:\(upstreamServer.port)")!))
        do {
            let connection = try #require(RawConnection(port: proxy.port, timeout: 10, receiveBuffer: 64 << 10))
            connection.send("GET /flood HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(connection.count(upTo: 4096) == 4096)
        }
        // The connection is closed here, with most of the body unread; wait (10 s at most) for the upstream to finish.
        for _ in 0..<100 where upstream.written.load(ordering: .relaxed) < 8 << 20 {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await proxy.stop()
        try await upstreamServer.stop()
        let recorded = try CassetteStore.load(cassette).interactions
        #expect(recorded.count == 1)
        #expect(recorded.first?.response.body.data.count == 8 << 20, "the whole answer is recorded though the client hung up")
    }
}
