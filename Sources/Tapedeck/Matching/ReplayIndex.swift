package import Foundation
import Synchronization

/// Recorded interactions, ready to answer requests: finds the recording a
/// request matches and marks it used. Identical requests are answered in
/// recorded order; with repeats allowed, the recordings go round again once all
/// are used. It neither records nor redacts: the replay server and
/// `CassetteSession` compose it with a `Recorder`.
package final class ReplayIndex: Sendable {
    /// What a lookup found.
    package enum Lookup: Sendable {
        /// The recorded interaction at `index` in the cassette answers.
        case hit(index: Int, response: RecordedResponse)
        /// Nothing matches. `explain` gives the near-miss report, for a session
        /// that answers misses with it; one that records forwards the request instead.
        case miss
    }

    private let matcher: RequestMatcher
    private let allowsRepeats: Bool
    private let recorded: [Interaction]
    /// The recorded requests as the matcher compares them, parsed once.
    private let shapes: [RequestMatcher.Shape]
    /// By the matcher's coarse key, the query parameters some recording there sent a time in.
    private let timeNames: [String: Set<String>]
    /// Recordings by the matcher's coarse key; by its exact key, numbered buckets.
    private let index: [String: [Int]]
    private let exact: [String: Int]
    private let buckets: [[Int]]
    /// Recordings whose path holds a placeholder (a secret in a segment: `/bot<token>/`):
    /// a live request's path has the secret there, so their keys are never its keys.
    private let placeholderPaths: [Int]
    private let state: Mutex<State>
    /// The shapes of bodiless requests seen lately, with their exact bucket: a
    /// client that repeats a request (polling, a load test) is not parsed again.
    private let recentShapes = Mutex<[RecentRequest: Requested]>([:])
    private static let recentShapesKept = 1024

    private struct RecentRequest: Hashable {
        var method: String
        var url: String
    }

    /// A request as a lookup needs it: its shape, and the number of the bucket of
    /// recordings with the same exact key (`nil`: none has it). A class, so that
    /// taking it from the table of recent requests copies one reference, not the shape.
    private final class Requested: Sendable {
        let shape: RequestMatcher.Shape
        let bucket: Int?

        init(shape: RequestMatcher.Shape, bucket: Int?) {
            self.shape = shape
            self.bucket = bucket
        }
    }

    private struct State {
        var used: [Bool]
        /// Response bodies as bytes, filled on first use.
        var bodies: [Data?]
        /// Per bucket, where its unused recordings start, and whose turn it is on repeat.
        var firstUnused: [Int]
        var repeatTurn: [Int]
        var replayed = 0

        init(count: Int, buckets: Int) {
            used = Array(repeating: false, count: count)
            bodies = Array(repeating: nil, count: count)
            firstUnused = Array(repeating: 0, count: buckets)
            repeatTurn = Array(repeating: 0, count: buckets)
        }
    }

    /// Recordings whose requests hold times (`TimeMatching`) are matched by offset
    /// from `timeMatching`'s clock; with `shiftsAnswers`, their answers' times move
    /// by (now − `recordedAt`) too.
    package init(
        _ interactions: [Interaction], matcher: RequestMatcher, allowsRepeats: Bool, timeMatching: TimeMatching = .current
    ) {
        var matcher = matcher
        matcher.clock = timeMatching.clock
        self.matcher = matcher
        self.allowsRepeats = allowsRepeats
        if timeMatching.shiftsAnswers {
            let now = timeMatching.clock.now()
            recorded = interactions.map { interaction in
                var shifted = interaction
                shifted.response = timeMatching.shifting(
                    interaction.response, recordedAt: interaction.recordedAt, by: now.timeIntervalSince(interaction.recordedAt))
                return shifted
            }
        } else {
            recorded = interactions
        }
        var shapes = interactions.map { matcher.shape(of: $0.request) }
        // Query parameters that hold times leave the exact key of their path, so a
        // request whose times moved still finds its bucket.
        var timeNames: [String: Set<String>] = [:]
        let tolerances = timeMatching.tolerances(for: interactions)
        for position in shapes.indices {
            shapes[position].times = matcher.recordedTimes(of: interactions[position], timeMatching: timeMatching)
            shapes[position].tolerance = tolerances[position]
            for time in shapes[position].times {
                if case .query(let name, _) = time.place { timeNames[shapes[position].key, default: []].insert(name) }
            }
        }
        for position in shapes.indices where timeNames[shapes[position].key] != nil {
            shapes[position].exactKey = matcher.shape(of: interactions[position].request, timeNames: timeNames).exactKey
        }
        self.shapes = shapes
        self.timeNames = timeNames
        var index: [String: [Int]] = [:]
        var exact: [String: Int] = [:]
        var buckets: [[Int]] = []
        for (position, shape) in shapes.enumerated() {
            index[shape.key, default: []].append(position)
            if let bucket = exact[shape.exactKey] {
                buckets[bucket].append(position)
            } else {
                exact[shape.exactKey] = buckets.count
                buckets.append([position])
            }
        }
        self.index = index
        self.exact = exact
        self.buckets = buckets
        placeholderPaths = shapes.indices.filter { Redactor.isPlaceholder(shapes[$0].parts.path) }
        state = Mutex(State(count: interactions.count, buckets: buckets.count))
    }

    /// Finds the recorded answer to `request` and marks it used.
    package func lookup(_ request: RecordedRequest) -> Lookup {
        let requested = requested(request)
        return state.withLock { state -> Lookup in
            if let number = requested.bucket {
                let bucket = buckets[number]
                // Identical requests are answered in recorded order: skip the used prefix of the bucket.
                var first = state.firstUnused[number]
                while first < bucket.count, state.used[bucket[first]] { first += 1 }
                state.firstUnused[number] = first
                for position in bucket[first...] where !state.used[position] && matcher.matches(shapes[position], requested.shape) {
                    return use(position, &state)
                }
                if allowsRepeats {
                    // All used: go round the identical recordings again, in order.
                    let start = state.repeatTurn[number]
                    for turn in 0..<bucket.count {
                        let position = bucket[(start + turn) % bucket.count]
                        if matcher.matches(shapes[position], requested.shape) {
                            state.repeatTurn[number] = (start + turn + 1) % bucket.count
                            return use(position, &state)
                        }
                    }
                }
            }
            let candidates = [index[requested.shape.key] ?? [], placeholderPaths].joined()
            var reusable: Int?
            for position in candidates where matcher.matches(shapes[position], requested.shape) {
                if !state.used[position] { return use(position, &state) }
                if allowsRepeats, reusable == nil { reusable = position }
            }
            if let reusable { return use(reusable, &state) }
            return .miss
        }
    }

    /// The near-miss report for a request that missed: the closest recordings
    /// on its path and how each differs (not yet redacted).
    package func explain(_ request: RecordedRequest) -> CassetteMiss {
        let requested = self.requested(request).shape
        let samePath = placeholderPaths.filter { PlaceholderPattern.matches(path: shapes[$0].parts.path, requested: requested.parts.path) }
        let nearest = ((index[requested.key] ?? []) + samePath).map { ($0, matcher.differences(shapes[$0], requested)) }
            .sorted { $0.1.count < $1.1.count }.prefix(3)
        return CassetteMiss(method: request.method, url: request.url, nearest: Array(nearest))
    }

    private func use(_ position: Int, _ state: inout State) -> Lookup {
        state.used[position] = true
        state.replayed += 1
        return .hit(index: position, response: recorded[position].response)
    }

    private func requested(_ request: RecordedRequest) -> Requested {
        let parse = {
            let shape = self.matcher.shape(of: request, timeNames: self.timeNames)
            return Requested(shape: shape, bucket: self.exact[shape.exactKey])
        }
        guard request.body.isEmpty else { return parse() }
        let key = RecentRequest(method: request.method, url: request.url)
        if let known = recentShapes.withLock({ $0[key] }) { return known }
        let requested = parse()
        recentShapes.withLock { recent in
            if recent.count >= Self.recentShapesKept { recent.removeAll(keepingCapacity: true) }
            recent[key] = requested
        }
        return requested
    }

    /// The interactions it replays, in cassette order.
    package var interactions: [Interaction] { recorded }

    /// The request of the recorded interaction at `index`.
    package func request(at index: Int) -> RecordedRequest { recorded[index].request }

    /// The bytes of the recorded response body at `index`, serialised once and kept.
    package func responseBody(at index: Int) -> Data {
        if let cached = state.withLock({ $0.bodies[index] }) { return cached }
        let body = recorded[index].response.body.data
        state.withLock { $0.bodies[index] = body }
        return body
    }

    /// How many requests a recording answered.
    package var replayed: Int { state.withLock { $0.replayed } }

    /// Indexes of recorded interactions no request has used yet.
    package var unused: [Int] { state.withLock { state in state.used.indices.filter { !state.used[$0] } } }

    /// Makes every recorded interaction available again, as if just opened.
    package func rewind() {
        state.withLock { state in
            let bodies = state.bodies
            state = State(count: recorded.count, buckets: buckets.count)
            state.bodies = bodies
        }
    }
}
