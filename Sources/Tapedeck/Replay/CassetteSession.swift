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
                let detail = differences.isEmpty ? Self.alreadyServed : differences.map(\.description).joined(separator: "; ")
                text += "\n  interaction \(index): " + detail
            }
            return text
        }

        /// Why an identical recorded request did not answer.
        package static let alreadyServed =
            "matches, but was already served: each recording answers once, in recorded order (allow repeats to serve it again)"

    }

    /// What a session did, reported by `finish()`.
    public struct Summary: Sendable {
        public var replayed: Int
        public var recorded: Int
        /// The first misses (at most `keptMisses`), in order.
        public var misses: [Miss]
        /// How many requests missed in all.
        public var missed: Int
        /// Indexes of recorded interactions that no request used.
        public var unused: [Int]
        /// Whether the cassette file was written.
        public var saved: Bool
    }

    public let file: URL
    public let mode: RecordMode
    public let matcher: RequestMatcher
    /// Where `recordedAt` comes from.
    public let clock: TapedeckClock
    let redact: @Sendable (Cassette) -> Cassette
    let allowsRepeats: Bool
    /// The real session recordings go through; `nil` when the mode only replays.
    private let upstream: UpstreamSession?
    /// Exchanges forwarded and not yet recorded: `finish` waits for them.
    private let underWay = DispatchGroup()
    /// Where a long recording waits for `finish`, and what redacts it then; `nil` keeps recordings in memory.
    private let spool: (InteractionSpool, Redactor)?
    /// Spooling happens here, off the upstream session's queue.
    private let spooling = DispatchQueue(label: "tapedeck.spool")
    private let state: Mutex<State>
    /// The shapes of bodiless requests seen lately, by method and URL: a client
    /// that repeats a request (polling, a load test) is not parsed again.
    private let recentShapes = Mutex<[String: RequestMatcher.Shape]>([:])
    private static let recentShapesKept = 1024

    private struct State {
        var recorded: [Interaction]
        /// The recorded requests as the matcher compares them, parsed once.
        var shapes: [RequestMatcher.Shape]
        /// Response bodies as bytes, filled on first use.
        var bodies: [Data?] = []
        /// Per exact key, where in its bucket the unused recordings start, and whose turn it is on repeat.
        var firstUnused: [String: Int] = [:]
        var repeatTurn: [String: Int] = [:]
        var used: [Bool]
        var index: [String: [Int]]
        var exact: [String: [Int]]
        var fresh: [Interaction] = []
        var misses: [Miss] = []
        var missed = 0
        var replayed = 0

        mutating func use(_ position: Int) -> Lookup {
            used[position] = true
            replayed += 1
            return .hit(index: position, response: recorded[position].response)
        }
    }

    /// Opens `file` in `mode`.
    /// - Parameters:
    ///   - redact: applied to the whole cassette before it is written (the `Redactor`).
    ///   - allowsRepeats: serve an interaction again once all its identical twins were used.
    ///   - clock: when each recording was made (`TAPEDECK_NOW` moves the default).
    /// - Throws: `InputError` when the cassette exists but does not read, or when
    ///   the mode is `never` and there is no cassette.
    public convenience init(
        file: URL, mode: RecordMode, matcher: RequestMatcher = RequestMatcher(), allowsRepeats: Bool = false,
        clock: TapedeckClock = .current, redact: @escaping @Sendable (Cassette) -> Cassette
    ) throws(InputError) {
        let (exists, recorded) = try Self.open(file, mode: mode)
        self.init(
            file: file, mode: mode, exists: exists, recorded: recorded, matcher: matcher, allowsRepeats: allowsRepeats, clock: clock,
            redact: redact, spool: nil)
    }

    /// Opens `file` in `mode` for a long recording (the recording proxy): what is
    /// recorded waits for `finish()` sealed on disk (`InteractionSpool`), not in
    /// memory, and `redactor` redacts it as the cassette is written, one interaction at a time.
    /// - Throws: `InputError` as the other initialiser does, or when no spool file can be made.
    package convenience init(
        file: URL, mode: RecordMode, redactor: Redactor, allowsRepeats: Bool, clock: TapedeckClock = .current
    ) throws(InputError) {
        let (exists, recorded) = try Self.open(file, mode: mode)
        let spool = try InteractionSpool(in: FileManager.default.temporaryDirectory)
        self.init(
            file: file, mode: mode, exists: exists, recorded: recorded, matcher: redactor.matcher(), allowsRepeats: allowsRepeats,
            clock: clock, redact: { redactor.redact($0) }, spool: (spool, redactor))
    }

    /// Whether `file` exists, and the interactions to replay from it in `mode`.
    private static func open(_ file: URL, mode: RecordMode) throws(InputError) -> (exists: Bool, recorded: [Interaction]) {
        let exists = FileManager.default.fileExists(atPath: file.path)
        if !exists, mode == .never {
            throw InputError(
                file: file.path, expected: "a recorded cassette (record mode never)", found: "no such file",
                hint: "Record it first: run again with \(RecordMode.environmentVariable)=missing (or once)")
        }
        return (exists, exists && mode != .all ? try CassetteStore.load(file).interactions : [])
    }

    /// Replays `interactions` (several cassettes read by the caller) without a
    /// file of its own: a replay-only session, as the replay server uses it.
    /// - Parameter redact: applied to what a miss report shows of a request.
    package convenience init(
        replaying interactions: [Interaction], matcher: RequestMatcher = RequestMatcher(), allowsRepeats: Bool,
        redact: @escaping @Sendable (Cassette) -> Cassette
    ) {
        self.init(
            file: URL(fileURLWithPath: "/dev/null"), mode: .never, exists: true, recorded: interactions, matcher: matcher,
            allowsRepeats: allowsRepeats, clock: .current, redact: redact, spool: nil)
    }

    private init(
        file: URL, mode: RecordMode, exists: Bool, recorded: [Interaction], matcher: RequestMatcher, allowsRepeats: Bool,
        clock: TapedeckClock, redact: @escaping @Sendable (Cassette) -> Cassette, spool: (InteractionSpool, Redactor)?
    ) {
        self.spool = spool
        self.clock = clock
        self.file = file
        self.mode = mode
        self.matcher = matcher
        self.redact = redact
        self.allowsRepeats = allowsRepeats
        var index: [String: [Int]] = [:]
        var exact: [String: [Int]] = [:]
        let shapes = recorded.map { matcher.shape(of: $0.request) }
        for (position, shape) in shapes.enumerated() {
            index[shape.key, default: []].append(position)
            exact[shape.exactKey, default: []].append(position)
        }
        state = Mutex(State(
                recorded: recorded, shapes: shapes, bodies: Array(repeating: nil, count: recorded.count),
                used: Array(repeating: false, count: recorded.count), index: index, exact: exact))
        recording = mode == .all || mode == .missing || (mode == .once && !exists)
        upstream = recording ? UpstreamSession() : nil
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
        return try await withCheckedThrowingContinuation { continuation in
            forward(request, original: original) { part in
                switch part {
                case .head, .body: break
                case .recorded(let response): continuation.resume(returning: response)
                case .failed(let error): continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Part of an upstream's answer, handed on as it arrives.
    package enum ForwardedPart: Sendable {
        case head(status: Int, headers: HeaderFields)
        case body(Data)
        /// The answer is complete and recorded: the last part, with the whole response.
        case recorded(RecordedResponse)
        /// The upstream failed; nothing is recorded. The last part.
        case failed(any Error)
    }

    /// Forwards `request` to the upstream and hands each part of the answer to
    /// `relay` as it arrives (so a proxy can stream it); once the answer is
    /// complete it is recorded, and then handed on as `.recorded`.
    /// - Precondition: the session records.
    package func forward(_ request: RecordedRequest, original: URLRequest, relay: @escaping @Sendable (ForwardedPart) -> Void) {
        guard let upstream else { return relay(.failed(URLError(.resourceUnavailable))) }
        var forwarded = original
        // The stream first: setting it, even to nil, clears `httpBody`.
        forwarded.httpBodyStream = nil
        forwarded.httpBody = request.body.isEmpty ? nil : request.body.data
        let exchange = UpstreamExchange(request: request, sentAt: clock.now())
        underWay.enter()
        upstream.send(forwarded) { [underWay] part in
            switch part {
            case .head(let http):
                let head = exchange.begin(http)
                relay(.head(status: head.status, headers: head.headers))
            case .body(let data):
                exchange.append(data)
                relay(.body(data))
            case .end:
                let interaction = exchange.interaction()
                self.keep(interaction)
                relay(.recorded(interaction.response))
            case .failed(let error):
                underWay.leave()
                relay(.failed(error))
            }
        }
    }

    /// Keeps a fresh recording for `finish`, and marks its exchange done.
    private func keep(_ interaction: Interaction) {
        guard let (spool, _) = spool else {
            state.withLock { $0.fresh.append(interaction) }
            return underWay.leave()
        }
        spooling.async { [underWay] in
            spool.append(interaction)
            underWay.leave()
        }
    }

    private func replay(_ request: RecordedRequest) -> RecordedResponse? {
        if case .hit(_, let response) = lookup(request) { return response }
        return nil
    }

    /// What a lookup found: the recorded interaction (its index in the cassette)
    /// or, on a miss, the near-miss report.
    package enum Lookup: Sendable {
        case hit(index: Int, response: RecordedResponse)
        /// Nothing matches, and the session does not record: the near-miss report.
        case miss(Miss)
        /// Nothing matches, and the session records: forward the request.
        case unrecorded
    }

    /// Finds the recorded answer to `request` and marks it used; a miss in a
    /// session that does not record is kept for `misses` and the summary.
    package func lookup(_ request: RecordedRequest) -> Lookup {
        let requested = shape(of: request)
        let found = state.withLock { state -> Lookup in
            let bucket = state.exact[requested.exactKey] ?? []
            // Identical requests are answered in recorded order: skip the used prefix of the bucket.
            var first = state.firstUnused[requested.exactKey, default: 0]
            while first < bucket.count, state.used[bucket[first]] { first += 1 }
            state.firstUnused[requested.exactKey] = first
            for position in bucket[first...] where !state.used[position] {
                if matcher.matches(state.shapes[position], requested) {
                    return state.use(position)
                }
            }
            if allowsRepeats, !bucket.isEmpty {
                // All used: go round the identical recordings again, in order.
                let start = state.repeatTurn[requested.exactKey, default: 0]
                for turn in 0..<bucket.count {
                    let position = bucket[(start + turn) % bucket.count]
                    if matcher.matches(state.shapes[position], requested) {
                        state.repeatTurn[requested.exactKey] = (start + turn + 1) % bucket.count
                        return state.use(position)
                    }
                }
            }
            let candidates = state.index[requested.key] ?? []
            var reusable: Int?
            for position in candidates where matcher.matches(state.shapes[position], requested) {
                if !state.used[position] { return state.use(position) }
                if allowsRepeats, reusable == nil { reusable = position }
            }
            if let reusable { return state.use(reusable) }
            if recording { return .unrecorded }
            let nearest = candidates.map { ($0, matcher.differences(state.shapes[$0], requested)) }
                .sorted { $0.1.count < $1.1.count }.prefix(3)
            return .miss(Miss(method: request.method, url: request.url, nearest: Array(nearest)))
        }
        // The report goes through redaction outside the lock.
        guard case .miss(let miss) = found else { return found }
        let report = shown(miss, request: request)
        state.withLock { state in
            state.missed += 1
            if state.misses.count < Self.keptMisses { state.misses.append(report) }
        }
        return .miss(report)
    }

    private func shape(of request: RecordedRequest) -> RequestMatcher.Shape {
        guard request.body.isEmpty else { return matcher.shape(of: request) }
        let key = request.method + " " + request.url
        if let known = recentShapes.withLock({ $0[key] }) { return known }
        let shape = matcher.shape(of: request)
        recentShapes.withLock { recent in
            if recent.count >= Self.recentShapesKept { recent.removeAll(keepingCapacity: true) }
            recent[key] = shape
        }
        return shape
    }

    /// `miss` as it may be shown in a log or an error: the URL and the requested body
    /// with every secret replaced by the session's redaction.
    private func shown(_ miss: Miss, request: RecordedRequest) -> Miss {
        let cleaned = redact(Cassette(interactions: [Interaction(request: request, response: RecordedResponse(status: 0), recordedAt: Date(), duration: 0)]))
            .interactions.first?.request ?? request
        let query = RequestParts(cleaned.url).query
        var shown = miss
        shown.url = cleaned.url
        shown.nearest = miss.nearest.map { index, differences in
            (index, differences.map { difference in
                var copy = difference
                if copy.part == "body" { copy.requested = RequestMatcher.summary(cleaned.body) }
                if copy.part.hasPrefix("query ") {
                    copy.requested = query[String(copy.part.dropFirst("query ".count))].map(RequestMatcher.quote) ?? "nothing"
                }
                return copy
            })
        }
        return shown
    }

    /// The bytes of the recorded response body at `index`, serialised once and kept.
    package func responseBody(at index: Int) -> Data {
        if let cached = state.withLock({ $0.bodies[index] }) { return cached }
        let body = state.withLock { $0.recorded[index].response.body }.data
        state.withLock { $0.bodies[index] = body }
        return body
    }

    /// The interactions the session replays, in cassette order.
    package var recordedInteractions: [Interaction] { state.withLock { $0.recorded } }

    /// The request of the recorded interaction at `index`.
    package func recordedRequest(at index: Int) -> RecordedRequest { state.withLock { $0.recorded[index].request } }

    /// Indexes of recorded interactions no request has used yet.
    package var unused: [Int] { state.withLock { state in state.used.indices.filter { !state.used[$0] } } }

    /// Makes every recorded interaction available again and forgets the misses,
    /// as if the session had just opened (what was freshly recorded is kept).
    package func rewind() {
        state.withLock { state in
            state.used = Array(repeating: false, count: state.recorded.count)
            state.firstUnused = [:]
            state.repeatTurn = [:]
            state.misses = []
            state.missed = 0
            state.replayed = 0
        }
    }

    /// Misses so far (the first `keptMisses`; a server under a load of misses keeps no more).
    public var misses: [Miss] { state.withLock { $0.misses } }

    /// How many misses a session keeps the report of.
    public static let keptMisses = 1000

    /// Ends the session: releases its `URLSession` slot, and when anything was
    /// recorded (and `save` is true) redacts and writes the cassette atomically.
    /// Exchanges still under way are waited for, `waitingAtMost` seconds at most.
    /// - Throws: `InputError` when the cassette cannot be written.
    @discardableResult
    public func finish(save: Bool = true, waitingAtMost seconds: Double = 10) throws(InputError) -> Summary {
        ProtocolSlots.shared.release(self)
        // A client may have its answer before the upstream session reports the
        // exchange complete: wait for what is under way, so it is recorded.
        _ = underWay.wait(timeout: .now() + seconds)
        upstream?.close()
        let snapshot = state.withLock { $0 }
        let unused = snapshot.used.indices.filter { !snapshot.used[$0] }
        let kept = mode == .all ? [] : snapshot.recorded
        let recorded = spool?.0.count ?? snapshot.fresh.count
        if save, recorded > 0 {
            if let (spool, redactor) = spool {
                try Self.write(kept, then: spool, redactor: redactor, to: file)
            } else {
                try CassetteStore.write(redact(Cassette(interactions: kept + snapshot.fresh.map(Self.classified))), to: file)
            }
        }
        return Summary(
            replayed: snapshot.replayed, recorded: recorded, misses: snapshot.misses, missed: snapshot.missed, unused: mode == .all ? [] : unused,
            saved: save && recorded > 0)
    }

    /// A fresh recording with its response body stored as what it is (exact JSON, text or bytes).
    private static func classified(_ interaction: Interaction) -> Interaction {
        var classified = interaction
        let body = interaction.response.body
        classified.response.body = RecordedBody(
            data: body.data, contentType: interaction.response.headers["Content-Type"], originalEncoding: body.originalEncoding)
        return classified
    }

    /// Writes `kept` and then the spooled recordings, redacted in two passes over
    /// them (find every secret, then write each interaction scrubbed), holding one at a time.
    private static func write(_ kept: [Interaction], then spool: InteractionSpool, redactor: Redactor, to file: URL) throws(InputError) {
        var redaction = Redaction(redactor, numberedAfter: max(PlaceholderTable.highestNumber(in: kept), spool.highestPlaceholder))
        do {
            for interaction in kept { _ = redaction.structural(interaction) }
            try spool.forEach { _ = redaction.structural(classified($0)) }
        } catch {
            throw error as? InputError ?? InputError(file: file.path, expected: "the recording's spool to read back", found: "\(error)")
        }
        try CassetteStore.write(to: file) { emit in
            for interaction in kept { try emit(redaction.scrubbed(redaction.structural(interaction))) }
            try spool.forEach { try emit(redaction.scrubbed(redaction.structural(classified($0)))) }
        }
    }
}
