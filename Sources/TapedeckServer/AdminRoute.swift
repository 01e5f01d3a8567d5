import NIOHTTP1

/// The replay server's own endpoints, under a reserved path prefix no
/// recorded request can live under.
enum AdminRoute: String, CaseIterable {
    /// `GET`: the requests served so far, newest last.
    case journal
    /// `GET`: the recorded interactions no request has used yet.
    case unused
    /// `POST`: every interaction available again, the journal emptied.
    case reset

    static let prefix = "/__tapedeck/"

    /// The method each endpoint answers.
    var method: HTTPMethod { self == .reset ? .POST : .GET }

    /// The route a request path names; `nil` for any other path.
    /// - Returns: `.failure` with the path when it is under the prefix but names no endpoint.
    static func route(for path: String) -> Result<Self, UnknownRoute>? {
        guard path.hasPrefix(prefix) else { return nil }
        let name = path.dropFirst(prefix.count).split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard let route = Self(rawValue: name) else { return .failure(UnknownRoute(path: path)) }
        return .success(route)
    }

    /// A path under the prefix that is not an endpoint.
    struct UnknownRoute: Error {
        var path: String
    }

    /// How to call each endpoint, for the 404 an unknown one gets.
    static var usage: String {
        allCases.map { "\($0.method.rawValue) \(prefix)\($0.rawValue)" }.joined(separator: ", ")
    }
}
