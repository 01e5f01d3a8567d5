import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Tapedeck
import TapedeckHTTP
import TapedeckServer
import TapedeckTestSupport
import Testing

/// Stopping the recording proxy in order: stop accepting, answer what is in
/// flight, then write the cassette with it.
struct OrderlyStopTests {
    /// An upstream that holds every request until it is let go.
    final class GatedUpstream: HTTPResponder {
        let arrived = AsyncStream.makeStream(of: Void.self)
        let gate = Mutex<[HTTPResponseStream]>([])
        let released = Mutex(false)

        func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) {
            let answerNow =
                released.withLock { $0 }
                || gate.withLock { held in
                    held.append(stream)
                    return false
                }
            if answerNow { Self.answer(stream) }
            arrived.continuation.yield()
        }

        func release() {
            released.withLock { $0 = true }
            for stream in gate.withLock({ held in
                defer { held = [] }; return held
            }) { Self.answer(stream) }
        }

        static func answer(_ stream: HTTPResponseStream) {
            stream.send(HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: ByteBuffer(string: "{\"held\":true}")))
        }
    }

    @Test func anExchangeInFlightAtStopIsAnsweredAndSaved() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = GatedUpstream()
        let upstreamServer = try await HTTPServer(responder: upstream)
        let cassette = folder.appendingPathComponent("in-flight.json")
        let proxy = try await CassetteServer.started(
            .init(cassettes: [cassette], mode: .all, upstream: URL(string: "http://127.0.0.1:\(upstreamServer.port)")))
        let port = proxy.port

        let answer = Task { try await ServerFixture.fetch(URL(string: "http://127.0.0.1:\(port)/api/items?page=1")!) }
        var arrivals = upstream.arrived.stream.makeAsyncIterator()
        _ = await arrivals.next()
        let stopped = Task { try await proxy.stop() }
        // The listener closes first; only then is the upstream let go.
        while let connection = RawConnection(port: port, timeout: 1) { _ = connection; try await Task.sleep(for: .milliseconds(20)) }
        upstream.release()

        let (status, _, body) = try await answer.value
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("held"))
        let summary = try await stopped.value
        #expect(summary.recorded == 1)
        #expect(try CassetteStore.load(cassette).interactions.count == 1)
        try await upstreamServer.stop()
    }
}
