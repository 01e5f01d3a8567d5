import Foundation
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckHTTP

/// One request forwarded upstream while its answer arrives: the head and each
/// part of the body go on to the client as they come (unless the answer must
/// go whole), and the next part is only read from the upstream once the last
/// one is written to the client's socket, so a client that reads slowly slows
/// the upstream down and memory stays bounded. The complete exchange is recorded.
final class ProxiedExchange: @unchecked Sendable {
    // @unchecked Sendable: its upstream connection calls it on one event loop
    // only (the client connection's: see `UpstreamClient`), one call at a time.
    /// The exchange's token: the complete answer is recorded through it.
    private let recording: Recording
    private let stream: HTTPResponseStream
    /// Whether parts go to the client as they arrive; otherwise the answer goes whole once complete.
    private let streams: Bool
    /// Told how the exchange ended (the journal, the log).
    private let report: @Sendable (Result<RecordedResponse, any Error>) -> Void
    /// The whole answer to send when the answer is not streamed.
    private let whole: @Sendable (Result<RecordedResponse, any Error>) -> HTTPResponse
    private var head: HTTPResponseHead?
    private var headSent = false
    /// The client closed its connection before the whole answer was written to it:
    /// the rest is still read from the upstream, and recorded, without backpressure.
    private var clientGone = false
    private var body = ByteBuffer()
    /// The most bytes of the answer's body kept for the recording; the rest is relayed only.
    private let maximumBody: Int
    /// How many bytes of the body were relayed past `maximumBody` and not kept.
    private var dropped = 0

    /// The default of `CassetteServer.Configuration.maximumRecordedBody`: 256 MiB.
    static let defaultMaximumBody = 256 << 20
    /// The response header that notes a truncated recording on the recorded answer.
    static let truncationHeader = "Tapedeck-Truncated"

    /// Whether the upstream has nothing more to give this exchange: its client is gone
    /// and the recording is full, so reading on would only cost the upstream and the network.
    var abandoned: Bool { clientGone && dropped > 0 }

    init(
        recording: Recording, stream: HTTPResponseStream, streams: Bool,
        maximumBody: Int = ProxiedExchange.defaultMaximumBody,
        report: @escaping @Sendable (Result<RecordedResponse, any Error>) -> Void,
        whole: @escaping @Sendable (Result<RecordedResponse, any Error>) -> HTTPResponse
    ) {
        self.recording = recording
        self.stream = stream
        self.streams = streams
        self.report = report
        self.whole = whole
        self.maximumBody = maximumBody
    }

    func received(_ head: HTTPResponseHead) {
        self.head = head
    }

    /// Takes a part of the body; the future, when there is one, succeeds once the
    /// part is written to the client, and the upstream is read no further until then.
    func received(_ part: ByteBuffer) -> EventLoopFuture<Void>? {
        // Past the bound the body is relayed but no longer kept: an endless stream costs no memory.
        var copy = part
        let room = max(0, maximumBody - body.readableBytes)
        if copy.readableBytes > room {
            dropped += copy.readableBytes - room
            copy = copy.getSlice(at: copy.readerIndex, length: room) ?? ByteBuffer()
        }
        body.writeBuffer(&copy)
        guard streams, !clientGone, let head else { return nil }
        // A body that is complete with its first part goes out whole, head and all, in one write when the exchange ends.
        if !headSent, let length = head.headers.first(name: "Content-Length").flatMap(Int.init), body.readableBytes >= length {
            return nil
        }
        if !headSent {
            stream.head(status: head.status, headers: HTTPHeaders(relaying: head.headers))
            headSent = true
        }
        // A client that hangs up (one that reads the head only) does not cost the
        // recording: the failed write ends the relay, not the upstream exchange.
        return stream.write(part).recover { _ in self.clientGone = true }
    }

    func finished() {
        var headers = HeaderFields()
        for (name, value) in head?.headers ?? [:] { headers.append(name: name, value: value) }
        if dropped > 0 {
            headers.append(
                name: Self.truncationHeader,
                value: "the first \(body.readableBytes) bytes of \(body.readableBytes + dropped) or more (the largest recorded body)")
        }
        let finish = { self.recording.finish(status: Int(self.head?.status.code ?? 0), headers: headers, body: Data(self.body.readableBytesView)) }
        // The client has its answer first, unless it must be on disk before (`syncsEveryExchange`)
        // or the answer is made from what was recorded.
        var recorded = recording.recordsBeforeAnswering ? finish() : nil
        if headSent {
            stream.end()
        } else if streams, let head {
            // Nothing streamed (an empty body, or one that came in one part): the upstream's head goes as it came.
            stream.send(HTTPResponse(status: head.status, headers: HTTPHeaders(relaying: head.headers), body: body))
        } else {
            let interaction = recorded ?? finish()
            recorded = interaction
            stream.send(whole(.success(interaction.response)))
        }
        report(.success((recorded ?? finish()).response))
    }

    func failed(_ error: any Error) {
        recording.abandon()
        report(.failure(error))
        if headSent { stream.abort() } else { stream.send(whole(.failure(error))) }
    }
}
