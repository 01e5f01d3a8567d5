import Foundation

/// Replaces secrets with placeholders before a cassette reaches the disk: in
/// header values (names compared without case), the URL query (percent-encoded
/// values too), cookies, JSON bodies by key name, form bodies, the user's
/// `rules` (JSON paths and regular expressions), and then every other copy of a
/// secret it found or was given, wherever it appears. Registered identifiers
/// (`pseudonyms`) are replaced by stand-ins first.
///
/// Placeholders are `REDACTED-<kind>-<n>`, numbered in order of first
/// appearance within a cassette, so the same secret always gets the same
/// placeholder and matching and reviews still work. They are never derived
/// from the secret.
public struct Redactor: Sendable {
    /// Headers whose whole value is a secret (lowercased names).
    public var headers: Set<String>
    /// Query and form parameters whose value is a secret.
    public var queryParameters: Set<String>
    /// JSON member names whose string value is a secret (compared without case).
    public var jsonKeys: Set<String>
    /// Literal secret values (credentials from the environment, say) scrubbed wherever they appear.
    public var literalSecrets: [String]
    /// JSON path and regular-expression rules, applied after the rules above.
    public var rules: [RedactionRule]
    /// Identifiers replaced by stand-ins that still replay (give the same
    /// `Pseudonyms` to the `RequestMatcher`); empty by default.
    public var pseudonyms: Pseudonyms

    /// A redactor with exactly these rules (`Redactor.standard` has the defaults to start from).
    public init(
        headers: Set<String>, queryParameters: Set<String>, jsonKeys: Set<String>, literalSecrets: [String] = [],
        rules: [RedactionRule] = [], pseudonyms: Pseudonyms = Pseudonyms()
    ) {
        self.headers = Set(headers.map { $0.lowercased() })
        self.queryParameters = queryParameters
        self.jsonKeys = Set(jsonKeys.map { $0.lowercased() })
        self.literalSecrets = literalSecrets
        self.rules = rules
        self.pseudonyms = pseudonyms
    }

    /// The defaults for the five providers' schemes: `Authorization` (Bearer and
    /// `SDK-HMAC-SHA256 Access=…, Signature=…`), `X-Auth-Token`, `X-Subject-Token`,
    /// `X-Security-Token`, cookies, and Alibaba's `AccessKeyId`, `Signature`,
    /// `SignatureNonce` and `SecurityToken` query parameters.
    public static let standard = Redactor(
        headers: ["x-auth-token", "x-subject-token", "x-security-token", "x-api-key", "proxy-authorization"],
        queryParameters: ["AccessKeyId", "Signature", "SignatureNonce", "SecurityToken", "access_token", "token"],
        jsonKeys: ["password", "secret", "token", "access_token", "refresh_token", "access_key", "secret_key", "accessKeySecret", "securityToken"])

    /// The same redactor, also scrubbing `secrets` (empty strings are ignored).
    public func addingLiteralSecrets(_ secrets: [String]) -> Redactor {
        var copy = self
        copy.literalSecrets += secrets.filter { $0.count >= 4 }
        return copy
    }

    /// The same redactor, also applying `rules`.
    public func adding(_ rules: [RedactionRule]) -> Redactor {
        var copy = self
        copy.rules += rules
        return copy
    }

    /// The same redactor, also replacing `identifier` (a project id, a user id)
    /// by the stand-in `pseudo-<kind>-<n>` in the URL, headers and bodies.
    public func pseudonymising(_ identifier: String, kind: String) -> Redactor {
        var copy = self
        copy.pseudonyms.register(identifier, kind: kind)
        return copy
    }

    /// A matcher that maps this redactor's identifiers to their stand-ins, so a
    /// request made with a real identifier finds its pseudonymised recording.
    public func matcher(_ base: RequestMatcher = RequestMatcher()) -> RequestMatcher {
        var matcher = base
        matcher.pseudonyms = pseudonyms
        return matcher
    }

    /// Whether `value` holds a placeholder written by a redactor.
    public static func isPlaceholder(_ value: String) -> Bool { value.contains("REDACTED-") }

    /// A request as a log line or an error message may show it: every secret replaced.
    public func redacted(_ request: RecordedRequest) -> RecordedRequest {
        redact([Interaction(request: request, response: RecordedResponse(status: 0), recordedAt: Date(), duration: 0)])[0].request
    }

    /// The cassette with every secret replaced.
    public func redact(_ cassette: Cassette) -> Cassette {
        Cassette(interactions: redact(cassette.interactions))
    }

    /// The interactions with every secret replaced, placeholders numbered across all of them.
    public func redact(_ interactions: [Interaction]) -> [Interaction] {
        var redaction = Redaction(self, numberedAfter: PlaceholderTable.highestNumber(in: interactions))
        let structural = interactions.map { redaction.structural($0) }
        return structural.map(redaction.scrubbed)
    }

    func redactHeaders(_ headers: HeaderFields, table: inout PlaceholderTable) -> HeaderFields {
        var result = HeaderFields()
        for field in headers {
            let name = field.name.lowercased()
            let value: String
            switch name {
            case "authorization": value = Self.redactAuthorization(field.value, table: &table)
            case "cookie": value = Self.redactCookies(field.value, separator: ";", table: &table)
            case "set-cookie": value = Self.redactSetCookie(field.value, table: &table)
            default: value = self.headers.contains(name) ? table.placeholder(for: field.value, kind: name) : field.value
            }
            result.append(name: field.name, value: value)
        }
        return result
    }


    static func redactAuthorization(_ value: String, table: inout PlaceholderTable) -> String {
        if value.hasPrefix("SDK-HMAC-SHA256 ") {
            let parts = value.dropFirst("SDK-HMAC-SHA256 ".count).split(separator: ",").map { part -> String in
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { return String(part) }
                switch pair[0] {
                case "Access": return "Access=" + table.placeholder(for: pair[1], kind: "access-key")
                case "Signature": return "Signature=" + table.placeholder(for: pair[1], kind: "signature")
                default: return pair[0] + "=" + pair[1]
                }
            }
            return "SDK-HMAC-SHA256 " + parts.joined(separator: ", ")
        }
        if let space = value.firstIndex(of: " ") {
            let scheme = String(value[..<space])
            let credential = value[value.index(after: space)...].trimmingCharacters(in: .whitespaces)
            return scheme + " " + table.placeholder(for: credential, kind: scheme.lowercased())
        }
        return table.placeholder(for: value, kind: "authorization")
    }

    static func redactCookies(_ value: String, separator: Character, table: inout PlaceholderTable) -> String {
        value.split(separator: separator).map { cookie -> String in
            let pair = cookie.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return cookie.trimmingCharacters(in: .whitespaces) }
            return pair[0] + "=" + table.placeholder(for: pair[1], kind: "cookie")
        }.joined(separator: "\(separator) ")
    }

    static func redactSetCookie(_ value: String, table: inout PlaceholderTable) -> String {
        var attributes = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let first = attributes.first else { return value }
        attributes[0] = redactCookies(first, separator: ";", table: &table)
        return attributes.joined(separator: ";")
    }

    func redactURL(_ url: String, table: inout PlaceholderTable) -> String {
        guard var components = URLComponents(string: url), let items = components.percentEncodedQueryItems else { return url }
        components.percentEncodedQueryItems = redactPairs(items, table: &table)
        return components.string ?? url
    }

    private func redactPairs(_ items: [URLQueryItem], table: inout PlaceholderTable) -> [URLQueryItem] {
        items.map { item in
            guard queryParameters.contains(item.name), let value = item.value else { return item }
            let decoded = value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? value
            return URLQueryItem(name: item.name, value: table.placeholder(for: decoded, kind: item.name.lowercased()))
        }
    }

    func redactBody(_ body: RecordedBody, headers: HeaderFields, table: inout PlaceholderTable) -> RecordedBody {
        switch body.content {
        case .json(let value): return RecordedBody(content: .json(redactJSON(value, table: &table)), originalEncoding: body.originalEncoding)
        case .text(let text) where (headers["Content-Type"] ?? "").contains("x-www-form-urlencoded"):
            var components = URLComponents()
            components.percentEncodedQuery = text
            guard let items = components.percentEncodedQueryItems else { return body }
            components.percentEncodedQueryItems = redactPairs(items, table: &table)
            return RecordedBody(content: .text(components.percentEncodedQuery ?? text), originalEncoding: body.originalEncoding)
        default: return body
        }
    }

    private func redactJSON(_ value: JSONValue, table: inout PlaceholderTable) -> JSONValue {
        switch value {
        case .object(let object):
            var members: [JSONObject.Member] = []
            for member in object.members {
                if jsonKeys.contains(member.key.lowercased()), case .string(let secret) = member.value, !secret.isEmpty {
                    members.append(.init(key: member.key, value: .string(table.placeholder(for: secret, kind: member.key.lowercased()))))
                } else {
                    members.append(.init(key: member.key, value: redactJSON(member.value, table: &table)))
                }
            }
            return .object(JSONObject(members))
        case .array(let elements): return .array(elements.map { redactJSON($0, table: &table) })
        default: return value
        }
    }
}
