// URLSession is Foundation's on Apple platforms and FoundationNetworking's on Linux.
#if canImport(FoundationNetworking)
    import Foundation
    public import FoundationNetworking
#else
    public import Foundation
#endif

/// One cassette in use by client code in-process: a `URLSession` whose requests
/// are answered from the cassette (a `CassetteDeck`) and, when the mode records,
/// forwarded through a real `URLSession` and recorded. `finish()` writes what
/// was recorded; each exchange is already redacted on disk as it completes.
public final class CassetteSession: Sendable {
    public var configuration: CassetteConfiguration { deck.configuration }
    /// The engine: what other client adapters (a generated OpenAPI client's transport) record and replay through.
    package let deck: CassetteDeck
    /// The real session recordings go through; `nil` when the mode only replays.
    private let upstream: UpstreamSession?

    /// Opens the configuration's cassette. A recording a killed test run left
    /// beside it is recovered into it first (`recovered` says what came back).
    /// - Throws: `InputError` when the cassette exists but does not read, when the
    ///   mode is `never` and there is no cassette, or when another recorder holds it.
    public init(_ configuration: CassetteConfiguration) throws(InputError) {
        deck = try CassetteDeck(configuration)
        upstream = deck.records ? UpstreamSession() : nil
        if let recovered = deck.recovered {
            FileHandle.standardError.write(Data((recovered.note(cassette: configuration.file.path) + "\n").utf8))
        }
    }

    /// Whether requests that match nothing are forwarded and recorded.
    public var recording: Bool { deck.records }

    /// A `URLSession` whose requests go through this cassette. The configuration's
    /// `httpAdditionalHeaders` are added to every request (a `URLProtocol` does not see them otherwise),
    /// and its URL cache is removed: no answer of a cassette is stored in one.
    public func urlSession(configuration: URLSessionConfiguration = .ephemeral) -> URLSession {
        let slot: AnyClass = ProtocolSlots.shared.claim(for: self, additionalHeaders: configuration.httpAdditionalHeaders)
        configuration.protocolClasses = [slot]
        // Answers are delivered `.notAllowed` for storage, so a URL cache never holds
        // one, and looking each request up in it is wasted.
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }

    /// Forwards `request` upstream and records the complete answer.
    /// - Precondition: the session records.
    func forward(_ request: RecordedRequest, original: URLRequest) async throws -> RecordedResponse {
        guard let upstream else { throw URLError(.resourceUnavailable) }
        return try await upstream.record(request, original: original, into: deck.startRecording(request))
    }

    /// Misses so far, redacted (the first `MissLog.kept`).
    public var misses: [CassetteMiss] { deck.misses }

    /// Ends the session: releases its `URLSession` slot, and when anything was
    /// recorded (and `save` is true) writes the cassette atomically.
    /// Exchanges still under way are waited for, `waitingAtMost` seconds at most.
    /// - Throws: `InputError` when the cassette cannot be written.
    @discardableResult
    public func finish(save: Bool = true, waitingAtMost seconds: Double = 10) throws(InputError) -> CassetteSummary {
        ProtocolSlots.shared.release(self)
        defer { upstream?.close() }
        return try deck.finish(save: save, waitingAtMost: seconds)
    }
}
