package import Foundation
import Synchronization

/// One exchange being recorded: what every capture adapter (the in-process
/// `URLSession`, the recording proxies, the OpenAPI transport) holds while the
/// upstream answers. The adapter gives it the whole answer (`finish`) or gives
/// it up (`abandon`); a token dropped without either counts as abandoned, so a
/// recorder never waits out its timeout for an exchange nobody will end.
package final class Recording: Sendable {
    private let request: RecordedRequest
    /// When the request was sent, by the cassette's clock: the interaction's `recordedAt`.
    package let sentAt: Date
    /// Whether the exchange must be on disk before its client has the end of the answer
    /// (`syncsEveryExchange`); otherwise an adapter answers first and then finishes the recording.
    package var recordsBeforeAnswering: Bool { recorder.configuration.syncsEveryExchange }
    /// The same moment by a monotonic clock, for the duration.
    private let started = ContinuousClock.now
    private let recorder: Recorder
    private let ended = Atomic(false)

    init(request: RecordedRequest, sentAt: Date, recorder: Recorder) {
        self.request = request
        self.sentAt = sentAt
        self.recorder = recorder
    }

    deinit { if !ended.load(ordering: .relaxed) { recorder.abandon() } }

    /// Records the complete answer: the body as bytes, decoded when its
    /// `Content-Encoding` is one Tapedeck reads (the encoding noted). Classifying,
    /// redacting and writing it is the recorder's work, done right behind the answer
    /// (`Recorder`); with `syncsEveryExchange` it is on disk, redacted, when this
    /// returns, and an adapter hands the client the end of its answer afterwards.
    /// - Returns: the interaction as recorded (before redaction), to answer with.
    @discardableResult
    package func finish(status: Int, headers: HeaderFields, body: Data) -> Interaction {
        let encoding = headers["Content-Encoding"]
        var data = body
        if let encoding, let decoded = ContentDecoding.decode(body, encoding: encoding) { data = decoded }
        let response = RecordedResponse(
            status: status, headers: headers, body: RecordedBody(content: data.isEmpty ? .empty : .binary(data), originalEncoding: encoding))
        let elapsed = ContinuousClock.now - started
        let duration = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let interaction = Interaction(request: request, response: response, recordedAt: sentAt, duration: duration)
        guard ended.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return interaction }
        recorder.keep(interaction)
        return interaction
    }

    /// Ends the exchange with nothing recorded (the upstream failed).
    package func abandon() {
        guard ended.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        recorder.abandon()
    }
}
