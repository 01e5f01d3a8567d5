import Tapedeck

/// One way a provider takes credentials, the one type for every scheme. In a
/// profile (`ProviderProfile.authentication`) its secrets are the names of the
/// environment variables that hold them, never the values; in
/// `ProviderCredentials` the same scheme holds the values read from those
/// variables (`resolving(_:)`). A new scheme is a case here and its signer in
/// `TapedeckSigning`.
public enum AuthenticationScheme: Sendable, Equatable {
    /// `Authorization: Bearer <token>`.
    case bearer(token: String)
    /// A token in a header of its own (`X-Auth-Token`), or an API key in one (`X-Api-Key`).
    case tokenHeader(header: String, token: String)
    /// An API key as a query parameter.
    case apiKeyQuery(parameter: String, key: String)
    /// HTTP Basic: a user name and an optional password.
    case basic(username: String, password: String?)
    /// Huawei Cloud's AK/SK signature (`SDK-HMAC-SHA256`).
    case huaweiSDKHMAC(accessKey: String, secretKey: String)
    /// Alibaba Cloud's RPC signature 1.0, with an optional STS token.
    case alibabaRPC(accessKeyID: String, accessKeySecret: String, securityToken: String?)

    /// The scheme names a profile may use.
    static let names = ["bearer", "token-header", "api-key-header", "api-key-query", "basic", "huawei-sdk-hmac-sha256", "alibaba-rpc-1.0"]

    /// Reads one `authentication` entry of a profile.
    /// - Throws: `InputError` at `path` when the scheme is unknown or a variable it needs is not named.
    init(_ entry: JSONObject, at path: JSONPath, reader: JSONDocumentReader) throws(InputError) {
        let scheme = try reader.required(entry, "scheme", at: path)
        func allow(_ members: [String]) throws(InputError) { _ = try reader.object(.object(entry), at: path, members: ["scheme"] + members) }
        func name(_ key: String) throws(InputError) -> String { try reader.required(entry, key, at: path) }
        switch scheme {
        case "bearer":
            try allow(["token"])
            self = .bearer(token: try name("token"))
        case "token-header":
            try allow(["header", "token"])
            self = .tokenHeader(header: try name("header"), token: try name("token"))
        case "api-key-header":
            try allow(["header", "key"])
            self = .tokenHeader(header: try name("header"), token: try name("key"))
        case "api-key-query":
            try allow(["parameter", "key"])
            self = .apiKeyQuery(parameter: try name("parameter"), key: try name("key"))
        case "basic":
            try allow(["username", "password"])
            self = .basic(username: try name("username"), password: try reader.string(entry, "password", at: path))
        case "huawei-sdk-hmac-sha256":
            try allow(["accessKey", "secretKey"])
            self = .huaweiSDKHMAC(accessKey: try name("accessKey"), secretKey: try name("secretKey"))
        case "alibaba-rpc-1.0":
            try allow(["accessKeyId", "accessKeySecret", "securityToken"])
            self = .alibabaRPC(
                accessKeyID: try name("accessKeyId"), accessKeySecret: try name("accessKeySecret"),
                securityToken: try reader.string(entry, "securityToken", at: path))
        default:
            throw InputError(
                file: reader.file, location: .path(path.appending("scheme")), expected: "one of " + Self.names.joined(separator: ", "),
                found: "\"\(scheme)\"")
        }
    }

    /// The secret slots, required ones first: in a profile the environment variables
    /// the scheme reads, in credentials their values. The header or parameter a
    /// scheme puts them in is not one.
    public var secrets: [String] {
        switch self {
        case .bearer(let token), .tokenHeader(_, let token): [token]
        case .apiKeyQuery(_, let key): [key]
        case .basic(let username, let password): [username] + (password.map { [$0] } ?? [])
        case .huaweiSDKHMAC(let accessKey, let secretKey): [accessKey, secretKey]
        case .alibabaRPC(let id, let secret, let token): [id, secret] + (token.map { [$0] } ?? [])
        }
    }

    /// The same scheme with each secret slot replaced by `value(slot)` (a variable's
    /// value for its name), or `nil` when a required one has none; an optional one
    /// without a value is left out.
    public func resolving(_ value: (String) -> String?) -> AuthenticationScheme? {
        switch self {
        case .bearer(let token): return value(token).map { .bearer(token: $0) }
        case .tokenHeader(let header, let token): return value(token).map { .tokenHeader(header: header, token: $0) }
        case .apiKeyQuery(let parameter, let key): return value(key).map { .apiKeyQuery(parameter: parameter, key: $0) }
        case .basic(let username, let password): return value(username).map { .basic(username: $0, password: password.flatMap(value)) }
        case .huaweiSDKHMAC(let accessKey, let secretKey):
            guard let accessKey = value(accessKey), let secretKey = value(secretKey) else { return nil }
            return .huaweiSDKHMAC(accessKey: accessKey, secretKey: secretKey)
        case .alibabaRPC(let id, let secret, let token):
            guard let id = value(id), let secret = value(secret) else { return nil }
            return .alibabaRPC(accessKeyID: id, accessKeySecret: secret, securityToken: token.flatMap(value))
        }
    }

    /// How the scheme is named to a user: `AK/SK (SDK-HMAC-SHA256)`, `Bearer token`.
    public var summary: String {
        switch self {
        case .alibabaRPC: "Alibaba Cloud AccessKey (RPC signature 1.0)"
        case .huaweiSDKHMAC: "AK/SK (SDK-HMAC-SHA256)"
        case .tokenHeader(let header, _): "IAM token in \(header)"
        case .bearer: "Bearer token"
        case .basic: "HTTP Basic"
        case .apiKeyQuery(let parameter, _): "API key in the query parameter \(parameter)"
        }
    }

    /// Whether the scheme's signature covers the request's `Host`, so that a
    /// proxy that forwards a request to another host must sign it again.
    public var signsHost: Bool {
        switch self {
        case .huaweiSDKHMAC: true
        case .bearer, .tokenHeader, .apiKeyQuery, .basic, .alibabaRPC: false
        }
    }
}
