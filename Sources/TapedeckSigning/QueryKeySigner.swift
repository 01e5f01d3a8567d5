public import Foundation

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// Adds an API key as a query parameter (`?api_key=…`), replacing one already there.
public struct QueryKeySigner: RequestSigner, CustomStringConvertible {
    public let parameter: String
    let key: String

    public init(parameter: String, key: String) {
        self.parameter = parameter
        self.key = key
    }

    public var description: String { "QueryKeySigner(parameter: \(parameter), key: <redacted>)" }

    public func sign(_ request: inout URLRequest, date: Date) throws {
        guard let url = request.url, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw SigningError(description: "the request has no URL to add \(parameter) to")
        }
        components.queryItems = (components.queryItems ?? []).filter { $0.name != parameter } + [URLQueryItem(name: parameter, value: key)]
        guard let signed = components.url else { throw SigningError(description: "the URL does not take the query parameter \(parameter)") }
        request.url = signed
    }
}
