import Foundation
import Tapedeck

/// A request URL taken apart: path segments and query parameters, percent-decoded.
/// Written by hand rather than with `URLComponents` so that URLs copied from
/// documentation (`{endpoint}`, `{{project_id}}`) still parse.
struct RequestTarget: Sendable {
    var segments: [String]
    var query: [String: String]
    /// Query parameter names in the order sent (repeats included).
    var queryNames: [String]

    /// The request's URL taken apart, with the parameters of an
    /// `application/x-www-form-urlencoded` body after the query's (an RPC POST carries them there).
    init(request: RecordedRequest) {
        self.init(url: request.url)
        guard case .text(let form) = request.body.content,
            request.headers["Content-Type"]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        else { return }
        add(parameters: Substring(form))
    }

    init(url: String) {
        var rest = Substring(url)
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(where: { $0 == "/" || $0 == "?" }).map { rest[$0...] } ?? ""
        }
        let pathPart: Substring
        let queryPart: Substring
        if let mark = rest.firstIndex(of: "?") {
            pathPart = rest[..<mark]
            queryPart = rest[rest.index(after: mark)...]
        } else {
            pathPart = rest
            queryPart = ""
        }
        segments = pathPart.split(separator: "/").map { Self.decode($0) }
        query = [:]
        queryNames = []
        add(parameters: queryPart)
    }

    /// Adds the `name=value&…` pairs of `text`; a name's first value wins.
    private mutating func add(parameters text: Substring) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            queryNames.append(name)
            if query[name] == nil { query[name] = value }
        }
    }

    private static func decode(_ text: Substring) -> String {
        let plain = text.replacingOccurrences(of: "+", with: " ")
        return plain.removingPercentEncoding ?? plain
    }

    /// The query's (and form body's) parameters, each name with its first value.
    var parameters: [(String, String)] { query.map { ($0.key, $0.value) } }

    /// The path and the query sorted by name, without scheme and host: the same page
    /// whether it was asked of the upstream or of a proxy in front of it.
    var pageKey: String {
        "/" + segments.joined(separator: "/") + "?"
            + query.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }.joined(separator: "&")
    }

    /// The path with the simulator's `/<provider-id>` prefix removed, when present.
    func operationSegments(provider: String) -> ArraySlice<String> {
        segments.first == provider ? segments.dropFirst() : segments[...]
    }

    /// The path parameters, when the path matches `operation`'s template exactly.
    func pathParameters(for operation: OperationContract, provider: String) -> [String: String]? {
        let actual = operationSegments(provider: provider)
        guard actual.count == operation.segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, template) in zip(actual, operation.segments) {
            switch template {
            case .literal(let literal): guard segment == literal else { return nil }
            case .parameter(let name): parameters[name] = segment
            }
        }
        return parameters
    }

    /// How many literal segments agree with `template` (0 when the lengths differ), to name the closest operation.
    func similarity(to template: [PathSegment]) -> Int {
        let candidates = [segments[...], segments.dropFirst()]
        return candidates.map { actual in
            guard actual.count == template.count else { return 0 }
            return zip(actual, template).filter { $1 == .literal($0) }.count
        }.max() ?? 0
    }
}
