import Foundation

/// Decides whether a request is a recorded one, and if not, says why: which
/// parts differ and how. By default the method, the path, the query (in any
/// order) and the body (JSON compared by value) must agree; volatile parts
/// (signatures, nonces, timestamps) and redacted values are ignored, and a
/// parameter recorded from a relative time (`{now-7d}`) matches any value that
/// expression gives at some "now", the same "now" for all such parameters.
public struct RequestMatcher: Sendable {
    /// One part of a request that differs from a recording.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public var part: String
        public var recorded: String
        public var requested: String

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
        /// The index key: requests with different keys never match.
        var key: String
        /// A finer key that also holds the compared query: identical requests share it,
        /// so the usual lookup is one bucket; placeholders in a recording fall back to `key`.
        var exactKey: String
    }

    package func shape(of request: RecordedRequest) -> Shape {
        let request = pseudonyms.apply(to: request)
        let parts = RequestParts(request.url)
        // Keys of one origin only, when origins must agree.
        let keyStart = (matchesOrigin ? parts.origin + " " : "") + request.method.uppercased()
        let query = parts.query.filter { !ignoredQueryParameters.contains($0.key) }.sorted { $0.key < $1.key }
            .map { $0.key + "=" + $0.value.joined(separator: ",") }.joined(separator: "&")
        return Shape(
            method: request.method, parts: parts, body: request.body, relativeTimes: request.relativeTimes, key: keyStart + " " + parts.path,
            exactKey: keyStart + " " + parts.path + "?" + query)
    }

    /// The differences between a recorded request and a new one; empty when they match.
    public func differences(recorded: RecordedRequest, requested: RecordedRequest) -> [Difference] {
        differences(shape(of: recorded), shape(of: requested))
    }

    /// Whether a recorded request matches a new one: `differences` is empty. The
    /// usual case, the same compared query in the same bucket, is told without
    /// building the report.
    func matches(_ recorded: Shape, _ requested: Shape) -> Bool {
        let sameQuery = recorded.exactKey == requested.exactKey && requested.parts.query.allSatisfy { name, values in
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
        if old.path != new.path {
            differences.append(Difference(part: "path", recorded: old.path, requested: new.path))
        }
        var impliedNows: [(name: String, seconds: TimeInterval)] = []
        for name in Set(old.query.keys).union(new.query.keys).sorted() where !ignoredQueryParameters.contains(name) {
            let before = old.query[name]
            let after = new.query[name]
            if let before, Redactor.isPlaceholder(before.joined()) { continue }
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
        if matchesBody, !Self.bodiesMatch(recorded.body, requested.body) {
            differences.append(
                Difference(part: "body", recorded: Self.summary(recorded.body), requested: Self.summary(requested.body)))
        }
        return differences
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

/// A URL's path and its query values by name (in order, repeats kept), percent-decoded,
/// and its origin.
struct RequestParts: Sendable {
    var path: String
    var query: [String: [String]]
    /// `scheme://host:port`, lowercased, the port written out (80 and 443 by default);
    /// empty for a URL without a host.
    var origin: String

    init(_ url: String) {
        let components = URLComponents(string: url)
        if let scheme = components?.scheme?.lowercased(), let host = components?.host?.lowercased() {
            let port = components?.port ?? (scheme == "https" ? 443 : 80)
            origin = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        } else {
            origin = ""
        }
        path = components?.path ?? url
        if path.isEmpty { path = "/" }
        var query: [String: [String]] = [:]
        for item in components?.queryItems ?? [] { query[item.name, default: []].append(item.value ?? "") }
        self.query = query
    }
}
