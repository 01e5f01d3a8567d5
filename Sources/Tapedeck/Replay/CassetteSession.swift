// URLSession is Foundation's on Apple platforms and FoundationNetworking's on Linux.
#if canImport(FoundationNetworking)
    package import Foundation
    public import FoundationNetworking
#else
    public import Foundation
#endif

/// One cassette in use by client code in-process: a `URLSession` whose requests
/// are answered from the cassette's recordings (`ReplayIndex`) and, when the mode
/// records, forwarded through a real `URLSession` and kept (`Recorder`).
/// `finish()` redacts and writes what was recorded, atomically.
public final class CassetteSession: Sendable {
    public let configuration: CassetteConfiguration
    private let index: ReplayIndex
    /// What keeps the exchanges forwarded by any client adapter (this façade's
    /// `URLSession`, a generated OpenAPI client's transport).
    package let recorder: Recorder
    private let log = MissLog()
    /// The real session recordings go through; `nil` when the mode only replays.
    private let upstream: UpstreamSession?

    /// Opens the configuration's cassette.
    /// - Throws: `InputError` when the cassette exists but does not read, or when
    ///   the mode is `never` and there is no cassette.
    public init(_ configuration: CassetteConfiguration) throws(InputError) {
        self.configuration = configuration
        recorder = try Recorder(configuration, spooled: false)
        index = ReplayIndex(recorder.replayed, matcher: configuration.matcher, allowsRepeats: configuration.allowsRepeats)
        upstream = recorder.records ? UpstreamSession() : nil
    }

    /// Whether requests that match nothing are forwarded and recorded.
    public var recording: Bool { recorder.records }

    /// A `URLSession` whose requests go through this cassette. The configuration's
    /// `httpAdditionalHeaders` are added to every request (a `URLProtocol` does not see them otherwise).
    public func urlSession(configuration: URLSessionConfiguration = .ephemeral) -> URLSession {
        let slot: AnyClass = ProtocolSlots.shared.claim(for: self, additionalHeaders: configuration.httpAdditionalHeaders)
        configuration.protocolClasses = [slot]
        return URLSession(configuration: configuration)
    }

    /// What a request finds in the cassette.
    package enum Answer: Sendable {
        case replayed(index: Int, response: RecordedResponse)
        /// Nothing matches and the session records: forward it.
        case unrecorded
        /// Nothing matches and the session only replays: the redacted near-miss report, also kept for `misses`.
        case missed(CassetteMiss)
    }

    /// Looks `request` up; a miss in a session that does not record is kept for the summary.
    package func answer(_ request: RecordedRequest) -> Answer {
        switch index.lookup(request) {
        case .hit(let position, let response): return .replayed(index: position, response: response)
        case .miss where recorder.records: return .unrecorded
        case .miss:
            let shown = index.explain(request).redacted(by: configuration.redactor, request: request)
            log.append(shown)
            return .missed(shown)
        }
    }

    /// The bytes of the recorded response body at `position`.
    package func responseBody(at position: Int) -> Data { index.responseBody(at: position) }

    /// Forwards `request` upstream and records the complete answer.
    /// - Precondition: the session records.
    func forward(_ request: RecordedRequest, original: URLRequest) async throws -> RecordedResponse {
        guard let upstream else { throw URLError(.resourceUnavailable) }
        return try await upstream.record(request, original: original, into: recorder)
    }

    /// Misses so far, redacted (the first `MissLog.kept`).
    public var misses: [CassetteMiss] { log.reports }

    /// Ends the session: releases its `URLSession` slot, and when anything was
    /// recorded (and `save` is true) redacts and writes the cassette atomically.
    /// Exchanges still under way are waited for, `waitingAtMost` seconds at most.
    /// - Throws: `InputError` when the cassette cannot be written.
    @discardableResult
    public func finish(save: Bool = true, waitingAtMost seconds: Double = 10) throws(InputError) -> CassetteSummary {
        ProtocolSlots.shared.release(self)
        let written = try recorder.finish(save: save, waitingAtMost: seconds)
        upstream?.close()
        return CassetteSummary(
            replayed: index.replayed, recorded: written.recorded, misses: log.reports, missed: log.count,
            unused: configuration.mode == .all ? [] : index.unused, saved: written.saved)
    }
}
