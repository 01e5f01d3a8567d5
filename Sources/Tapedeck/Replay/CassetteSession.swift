public import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// One cassette in use: it replays recorded interactions to requests that match
/// them, records what the mode allows, and on `finish()` redacts and writes the
/// cassette atomically. Many requests may be in flight at once.
public final class CassetteSession: Sendable {
    /// A request that matched nothing, with the closest recorded interactions.
    public struct Miss: Sendable, CustomStringConvertible {
        public var method: String
        public var url: String
        /// The closest recorded interactions (index in the cassette) and how each differs.
        public var nearest: [(index: Int, differences: [RequestMatcher.Difference])]

        public var description: String {
            var text = "no recorded interaction matches \(method) \(url)"
            if nearest.isEmpty { return text + " (the cassette has no \(method) request to that path)" }
            for (index, differences) in nearest {
                text += "\n  interaction \(index): " + differences.map(\.description).joined(separator: "; ")
            }
            return text
        }
    }

    /// What a session did, reported by `finish()`.
    public struct Summary: Sendable {
        public var replayed: Int
        public var recorded: Int
        public var misses: [Miss]
        /// Indexes of recorded interactions that no request used.
        public var unused: [Int]
        /// Whether the cassette file was written.
        public var saved: Bool
    }

    public let file: URL
    public let mode: RecordMode
    public let matcher: RequestMatcher
    let redact: @Sendable (Cassette) -> Cassette
    let allowsRepeats: Bool
    /// The real session recordings go through; `nil` when the mode only replays.
    private let upstream: URLSession?
    private let state: Mutex<State>

    private struct State {
        var recorded: [Interaction]
        var used: [Bool]
        var index: [String: [Int]]
        var exact: [String: [Int]]
        var fresh: [Interaction] = []
        var misses: [Miss] = []
        var replayed = 0
        var finished = false
    }

    /// Opens `file` in `mode`.
    /// - Parameters:
    ///   - redact: applied to the whole cassette before it is written (the `Redactor`).
    ///   - allowsRepeats: serve an interaction again once all its identical twins were used.
    /// - Throws: `InputError` when the cassette exists but does not read, or when
    ///   the mode is `never` and there is no cassette.
    public init(
        file: URL, mode: RecordMode, matcher: RequestMatcher = RequestMatcher(), allowsRepeats: Bool = false,
        redact: @escaping @Sendable (Cassette) -> Cassette
    ) throws(InputError) {
        self.file = file
        self.mode = mode
        self.matcher = matcher
        self.redact = redact
        self.allowsRepeats = allowsRepeats
        let exists = FileManager.default.fileExists(atPath: file.path)
        var recorded: [Interaction] = []
        if exists, mode != .all { recorded = try CassetteStore.load(file).interactions }
        if !exists, mode == .never {
            throw InputError(
                file: file.path, expected: "a recorded cassette (record mode never)", found: "no such file",
                hint: "Record it first: run again with \(RecordMode.environmentVariable)=missing (or once)")
        }
        var index: [String: [Int]] = [:]
        var exact: [String: [Int]] = [:]
        for (position, interaction) in recorded.enumerated() {
            index[matcher.key(for: interaction.request), default: []].append(position)
            exact[matcher.exactKey(for: interaction.request), default: []].append(position)
        }
        state = Mutex(State(recorded: recorded, used: Array(repeating: false, count: recorded.count), index: index, exact: exact))
        recording = mode == .all || mode == .missing || (mode == .once && !exists)
        upstream = recording ? URLSession(configuration: .ephemeral) : nil
    }

    /// Whether requests that match nothing are forwarded and recorded.
    public let recording: Bool

    /// A `URLSession` whose requests go through this cassette. The configuration's
    /// `httpAdditionalHeaders` are added to every request (a `URLProtocol` does not see them otherwise).
    public func urlSession(configuration: URLSessionConfiguration = .ephemeral) -> URLSession {
        let slot: AnyClass = ProtocolSlots.shared.claim(for: self, additionalHeaders: configuration.httpAdditionalHeaders)
        configuration.protocolClasses = [slot]
        return URLSession(configuration: configuration)
    }

    /// Answers one request: a recorded match, or (when recording) the upstream's answer.
    /// - Throws: `URLError(.resourceUnavailable)` on a miss in replay, or the upstream's error.
    public func respond(to request: RecordedRequest, original: URLRequest) async throws -> RecordedResponse {
        if let response = replay(request) { return response }
        guard let upstream else { throw URLError(.resourceUnavailable) }
        let started = Date()
        var forwarded = original
        forwarded.httpBody = request.body.isEmpty ? nil : request.body.data
        forwarded.httpBodyStream = nil
        let (data, urlResponse) = try await upstream.data(for: forwarded)
        let http = urlResponse as? HTTPURLResponse
        var headers = HeaderFields()
        for (name, value) in (http?.allHeaderFields as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key }) {
            headers.append(name: name, value: value)
        }
        let encoding = headers["Content-Encoding"]
        var body = data
        if let encoding, let decoded = ContentDecoding.decode(data, encoding: encoding) { body = decoded }
        let response = RecordedResponse(
            status: http?.statusCode ?? 0, headers: headers,
            body: RecordedBody(data: body, contentType: headers["Content-Type"], originalEncoding: encoding))
        let interaction = Interaction(request: request, response: response, recordedAt: started, duration: Date().timeIntervalSince(started))
        state.withLock { $0.fresh.append(interaction) }
        return response
    }

    private func replay(_ request: RecordedRequest) -> RecordedResponse? {
        let exactKey = matcher.exactKey(for: request)
        let key = matcher.key(for: request)
        return state.withLock { state -> RecordedResponse? in
            for position in state.exact[exactKey] ?? [] where !state.used[position] {
                if matcher.differences(recorded: state.recorded[position].request, requested: request).isEmpty {
                    state.used[position] = true
                    state.replayed += 1
                    return state.recorded[position].response
                }
            }
            let candidates = state.index[key] ?? []
            var reusable: Int?
            for position in candidates where matcher.differences(recorded: state.recorded[position].request, requested: request).isEmpty {
                if !state.used[position] {
                    state.used[position] = true
                    state.replayed += 1
                    return state.recorded[position].response
                }
                if allowsRepeats, reusable == nil { reusable = position }
            }
            if let reusable {
                state.replayed += 1
                return state.recorded[reusable].response
            }
            if !recording {
                let nearest = candidates.map { ($0, matcher.differences(recorded: state.recorded[$0].request, requested: request)) }
                    .sorted { $0.1.count < $1.1.count }.prefix(3)
                state.misses.append(Miss(method: request.method, url: request.url, nearest: Array(nearest)))
            }
            return nil
        }
    }

    /// Misses so far.
    public var misses: [Miss] { state.withLock { $0.misses } }

    /// Ends the session: releases its `URLSession` slot, and when anything was
    /// recorded (and `save` is true) redacts and writes the cassette atomically.
    /// - Throws: `InputError` when the cassette cannot be written.
    @discardableResult
    public func finish(save: Bool = true) throws(InputError) -> Summary {
        ProtocolSlots.shared.release(self)
        let snapshot = state.withLock { state -> State in
            state.finished = true
            return state
        }
        let unused = snapshot.used.indices.filter { !snapshot.used[$0] }
        var saved = false
        if save, !snapshot.fresh.isEmpty {
            let kept = mode == .all ? [] : snapshot.recorded
            try CassetteStore.write(redact(Cassette(interactions: kept + snapshot.fresh)), to: file)
            saved = true
        }
        return Summary(
            replayed: snapshot.replayed, recorded: snapshot.fresh.count, misses: snapshot.misses,
            unused: mode == .all ? [] : unused, saved: saved)
    }
}
