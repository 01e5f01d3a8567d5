import Foundation

/// Decides whether a request is a recorded one, and if not, says why: which
/// parts differ and how. By default the method, the path, the query (in any
/// order) and the body (JSON compared by value) must agree; volatile parts
/// (signatures, nonces, timestamps) and redacted values are ignored, and a
/// parameter recorded from a relative time (`{now-7d}`) matches any value that
/// expression gives at some "now", the same "now" for all such parameters. A
/// recording's values that are times near its `recordedAt` (`RecordedTime`)
/// match values at the same offset from the replay clock's now (`TimeMatching`).
public struct RequestMatcher: Sendable {
    /// One part of a request that differs from a recording.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public var part: String
        public var recorded: String
        public var requested: String

        /// Whether it is about a time matched by offset, so a report can point at time matching.
        package var isTime = false

        public var description: String { "\(part): recorded \(recorded), requested \(requested)" }
    }

    /// Query parameters whose values are never compared: none by default; a provider
    /// profile's volatile parameters (Alibaba's `Timestamp`, `SignatureNonce`,
    /// `Signature`) come in through `Redactor.matcher(_:)`.
    public var ignoredQueryParameters: Set<String>
    /// Whether bodies must agree.
    public var matchesBody: Bool
    /// Identifiers a `Redactor` replaced by stand-ins: a request's real
    /// identifiers are mapped to their stand-ins before it is compared.
    public var pseudonyms: Pseudonyms
    /// The replay clock recorded times are compared against (`TimeMatching.clock`).
    package var clock = TapedeckClock.current

    /// Whether the scheme, host and port must agree too: a forward proxy replays for
    /// every host its clients name, and what was recorded for one is no answer for another.
    public var matchesOrigin = false

    /// The same matcher, comparing origins when `matching` is true.
    public func matchingOrigin(_ matching: Bool) -> RequestMatcher {
        var copy = self
        copy.matchesOrigin = matching
        return copy
    }

    public init(
        ignoredQueryParameters: Set<String> = [],
        matchesBody: Bool = true, pseudonyms: Pseudonyms = Pseudonyms()
    ) {
        self.ignoredQueryParameters = ignoredQueryParameters
        self.matchesBody = matchesBody
        self.pseudonyms = pseudonyms
    }

    /// A request as the matcher compares it: pseudonyms applied, URL parsed, keys
    /// computed, once. A session keeps the shapes of its recordings, so a lookup
    /// parses only the new request.
    package struct Shape: Sendable {
        var method: String
        var parts: RequestParts
        var body: RecordedBody
        /// The recorded request's relative times, by parameter name.
        var relativeTimes: [String: RelativeTime]
        /// A recording's values that are times near `recordedAt` (none for a new request).
        var times: [RecordedTime] = []
        /// How far a requested time's offset from now may lie from the recorded offset.
        var tolerance: TimeInterval = 0
        /// The index key: requests with different keys never match.
        var key: String
        /// A finer key that also holds the compared query: identical requests share it,
        /// so the usual lookup is one bucket; placeholders in a recording fall back to `key`.
        var exactKey: String
    }

    /// The shape of `request`. The exact key leaves out the query parameters
    /// `timeNames` lists for its path (by coarse key), whose values move with the clock.
    package func shape(of request: RecordedRequest, timeNames: [String: Set<String>] = [:]) -> Shape {
        let request = pseudonyms.apply(to: request)
        let parts = RequestParts(request.url)
        // Keys of one origin only, when origins must agree.
        let method = request.method.utf8.contains { (0x61...0x7A).contains($0) } ? request.method.uppercased() : request.method
        let key = (matchesOrigin ? parts.origin + " " : "") + method + " " + parts.path
        let moving = timeNames.isEmpty ? [] : timeNames[key] ?? []
        let query = parts.query.filter { !ignoredQueryParameters.contains($0.key) && !moving.contains($0.key) }.sorted { $0.key < $1.key }
            .map { $0.key + "=" + $0.value.joined(separator: ",") }.joined(separator: "&")
        return Shape(
            method: request.method, parts: parts, body: request.body, relativeTimes: request.relativeTimes, key: key,
            exactKey: key + "?" + query)
    }

    /// The times in a recorded interaction's request (pseudonyms applied, volatile parameters left out).
    package func recordedTimes(of interaction: Interaction, timeMatching: TimeMatching) -> [RecordedTime] {
        timeMatching.times(in: pseudonyms.apply(to: interaction.request), recordedAt: interaction.recordedAt, ignoring: ignoredQueryParameters)
    }

    /// The differences between a recorded request and a new one; empty when they match.
    public func differences(recorded: RecordedRequest, requested: RecordedRequest) -> [Difference] {
        differences(shape(of: recorded), shape(of: requested))
    }

    /// Whether a recorded request matches a new one: `differences` is empty. The
    /// usual case, the same compared query in the same bucket, is told without
    /// building the report.
    func matches(_ recorded: Shape, _ requested: Shape) -> Bool {
        let sameQuery =
            recorded.exactKey == requested.exactKey
            && requested.parts.query.allSatisfy { name, values in
                ignoredQueryParameters.contains(name) || recorded.parts.query[name] == values
            }
        if sameQuery, !matchesBody || Self.bodiesMatch(recorded.body, requested.body) { return true }
        return differences(recorded, requested).isEmpty
    }

    func differences(_ recorded: Shape, _ requested: Shape) -> [Difference] {
        var differences: [Difference] = []
        if recorded.method.uppercased() != requested.method.uppercased() {
            differences.append(Difference(part: "method", recorded: recorded.method, requested: requested.method))
        }
        let old = recorded.parts
        let new = requested.parts
        if matchesOrigin, old.origin != new.origin {
            differences.append(Difference(part: "origin", recorded: old.origin, requested: new.origin))
        }
        if old.path != new.path, !(Redactor.isPlaceholder(old.path) && PlaceholderPattern.matches(path: old.path, requested: new.path)) {
            differences.append(Difference(part: "path", recorded: old.path, requested: new.path))
        }
        var impliedNows: [(name: String, seconds: TimeInterval)] = []
        let timeNames = Set(recorded.times.compactMap { time -> String? in if case .query(let name, _) = time.place { name } else { nil } })
        for name in Set(old.query.keys).union(new.query.keys).sorted() where !ignoredQueryParameters.contains(name) {
            let before = old.query[name]
            let after = new.query[name]
            if let before, Redactor.isPlaceholder(before.joined()) { continue }
            // Times are compared below, by offset; the parameter's other values as they are.
            if timeNames.contains(name), let before, let after, before.count == after.count,
                before.indices.allSatisfy({ index in before[index] == after[index] || recorded.times.contains { $0.place == .query(name, index: index) } })
            {
                continue
            }
            if let relative = recorded.relativeTimes[name], let after, after.count == 1, let now = relative.impliedNow(by: after[0]) {
                impliedNows.append((name, now))
                continue
            }
            if before != after {
                differences.append(
                    Difference(
                        part: "query \(name)", recorded: before.map(Self.quote) ?? "nothing",
                        requested: after.map(Self.quote) ?? "nothing"))
            }
        }
        if let difference = Self.inconsistency(of: impliedNows, in: recorded.relativeTimes) { differences.append(difference) }
        if matchesBody, !Self.bodiesMatch(recorded.body, timesAsRecorded(in: requested.body, recorded: recorded)) {
            differences.append(
                Difference(part: "body", recorded: Self.summary(recorded.body), requested: Self.summary(requested.body)))
        }
        if !recorded.times.isEmpty { differences += timeDifferences(recorded, requested) }
        return differences
    }

    /// `body` with the values at the places of the recording's body times set to the
    /// recorded values, so the rest of it is compared exactly and the times by offset.
    private func timesAsRecorded(in body: RecordedBody, recorded: Shape) -> RecordedBody {
        let places = recorded.times.filter { if case .query = $0.place { false } else { true } }
        guard !places.isEmpty else { return body }
        if case .form = places[0].place {
            guard case .text(let text) = body.content, case .text(let recordedText) = recorded.body.content else { return body }
            var form = TimeMatching.fields(ofForm: text)
            for time in places {
                if case .form(let name, let index) = time.place, form[name]?.indices.contains(index) == true { form[name]?[index] = time.value }
            }
            // Forms compare as their fields, in any order, as queries do.
            return form == TimeMatching.fields(ofForm: recordedText) ? recorded.body : body
        }
        guard let json = body.json else { return body }
        let recordedValues = Dictionary(places.map { ($0.place, $0.value) }, uniquingKeysWith: { first, _ in first })
        return RecordedBody(content: .json(TimeMatching.mapScalars(json, at: .root) { _, path in recordedValues[.json(path)] }))
    }

    /// The value `requested` sends at a recorded time's place, if any.
    private static func value(at place: RecordedTime.Place, in requested: Shape) -> String? {
        switch place {
        case .query(let name, let index):
            return requested.parts.query[name].flatMap { $0.indices.contains(index) ? $0[index] : nil }
        case .form(let name, let index):
            guard case .text(let text) = requested.body.content else { return nil }
            return TimeMatching.fields(ofForm: text)[name].flatMap { $0.indices.contains(index) ? $0[index] : nil }
        case .json(let path):
            switch requested.body.json?[path] {
            case .string(let text)?: return text
            case .number(let lexeme)?: return lexeme
            default: return nil
            }
        }
    }

    /// How the times of a new request differ from a recording's: each must be in
    /// the recorded notation at the recorded offset from the replay clock's now
    /// (within the tolerance and the notation's resolution), and all must have moved
    /// alike. A request that sends every recorded time unchanged matches.
    private func timeDifferences(_ recorded: Shape, _ requested: Shape) -> [Difference] {
        var differences: [Difference] = []
        var moved: [(time: RecordedTime, seconds: Double)] = []
        var unchanged = true
        for time in recorded.times {
            let was = "\(Self.offset(time.offset, resolution: time.reading.notation.resolution)) (\(time.reading.notation))"
            guard let value = Self.value(at: time.place, in: requested) else {
                differences.append(Difference(part: time.name, recorded: was, requested: "nothing", isTime: true))
                continue
            }
            guard let reading = TimeNotation.read(value) else {
                differences.append(Difference(part: time.name, recorded: was, requested: "a value that reads as no time", isTime: true))
                continue
            }
            guard reading.notation == time.reading.notation else {
                differences.append(
                    Difference(part: time.name, recorded: was, requested: "a time written \(reading.notation), another format", isTime: true))
                continue
            }
            unchanged = unchanged && value == time.value
            moved.append((time, reading.seconds))
        }
        guard !unchanged || !differences.isEmpty else { return [] }
        let now = clock.now().timeIntervalSince1970
        for (time, seconds) in moved {
            let resolution = time.reading.notation.resolution
            // A recorded time's offset is from its own request; the client read its clock up to the recording's duration earlier.
            let offset = seconds - now
            if abs(offset - time.offset) > recorded.tolerance + resolution {
                differences.append(
                    Difference(
                        part: time.name, recorded: Self.offset(time.offset, resolution: resolution),
                        requested: Self.offset(offset, resolution: resolution), isTime: true))
            }
        }
        let shifts = moved.map { $0.seconds - $0.time.reading.seconds }
        if let lowest = shifts.min(), let highest = shifts.max(),
            // Values in one notation move by whole steps: a few seconds of client work, and half a step, are alike.
            highest - lowest > 5 + moved.map(\.time.reading.notation.resolution).reduce(0, max) / 2
        {
            let each = moved.map { "\($0.time.name) \(Self.offset($0.seconds - $0.time.reading.seconds, resolution: 1, from: ""))" }
            differences.append(
                Difference(
                    part: "times", recorded: "all moved alike (a window keeps its length)",
                    requested: "moved apart: " + each.joined(separator: ", "), isTime: true))
        }
        return differences
    }

    /// An offset as a report shows it: `now−7d`, `now+1h 30m`, `now` (whole seconds, or the resolution when coarser).
    static func offset(_ seconds: TimeInterval, resolution: TimeInterval, from origin: String = "now") -> String {
        let step = max(resolution, 1)
        let rounded = (seconds / step).rounded() * step
        guard rounded != 0, rounded.isFinite else { return origin.isEmpty ? "0s" : origin }
        var rest = Int64(abs(rounded).rounded())
        var parts: [String] = []
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return origin + (rounded < 0 ? "\u{2212}" : "+") + parts.joined(separator: " ")
    }

    /// A difference when the relative times of one request stand for different
    /// "nows" (more apart than their formats' resolution and a few seconds of client work).
    private static func inconsistency(
        of nows: [(name: String, seconds: TimeInterval)], in times: [String: RelativeTime]
    ) -> Difference? {
        guard let earliest = nows.min(by: { $0.seconds < $1.seconds }), let latest = nows.max(by: { $0.seconds < $1.seconds }) else {
            return nil
        }
        let tolerance = 5 + nows.map { times[$0.name]?.format?.resolution ?? 1 }.reduce(0, max)
        guard latest.seconds - earliest.seconds > tolerance else { return nil }
        let shown = { (name: String) in "\(name) \(times[name]?.expression ?? "")" }
        return Difference(
            part: "relative times", recorded: "\(shown(earliest.name)) and \(shown(latest.name)) at one \"now\"",
            requested: "values \(Int(latest.seconds - earliest.seconds)) s apart")
    }

    static func quote(_ values: [String]) -> String {
        values.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    private static func bodiesMatch(_ recorded: RecordedBody, _ requested: RecordedBody) -> Bool {
        if let old = recorded.json, let new = requested.json { return jsonMatches(old, new) }
        if case .text(let text) = recorded.content, Redactor.isPlaceholder(text) {
            return PlaceholderPattern.matches(recorded: text, requested: String(decoding: requested.data, as: UTF8.self))
        }
        return recorded.data == requested.data
    }

    /// JSON values compared by value, where a recorded placeholder string matches any value.
    private static func jsonMatches(_ recorded: JSONValue, _ requested: JSONValue) -> Bool {
        switch (recorded, requested) {
        case (.string(let text), _) where Redactor.isPlaceholder(text): true
        case (.object(let old), .object(let new)):
            old.count == new.count && old.members.allSatisfy { member in new[member.key].map { jsonMatches(member.value, $0) } ?? false }
        case (.array(let old), .array(let new)): old.count == new.count && zip(old, new).allSatisfy { jsonMatches($0, $1) }
        default: recorded.isEquivalent(to: requested)
        }
    }

    static func summary(_ body: RecordedBody) -> String {
        switch body.content {
        case .empty: "no body"
        case .json(let value): "JSON " + String(value.compactText.prefix(60))
        case .text(let text): "text " + String(text.prefix(60))
        case .binary(let data): "\(data.count) bytes"
        }
    }
}
