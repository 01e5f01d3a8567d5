public import Foundation
import Crypto

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// Alibaba Cloud's RPC signature, version 1.0: the common parameters are added
/// to the query, and `Signature` is the base64 HMAC-SHA1, keyed with the secret
/// plus `&`, of `GET&%2F&` + the percent-encoded, sorted, percent-encoded query.
public struct AlibabaRPCSigner: RequestSigner, CustomStringConvertible {
    public let accessKeyID: String
    let accessKeySecret: String
    let securityToken: String?

    public init(accessKeyID: String, accessKeySecret: String, securityToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken
    }

    public var description: String { "AlibabaRPCSigner(accessKeyID: <redacted>)" }

    public func sign(_ request: inout URLRequest, date: Date) throws {
        guard let url = request.url, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw SigningError(description: "the request has no URL to sign")
        }
        var parameters = (components.queryItems ?? []).filter { $0.name != "Signature" }.map { ($0.name, $0.value ?? "") }
        func set(_ name: String, _ value: String) {
            parameters.removeAll { $0.0 == name }
            parameters.append((name, value))
        }
        if !parameters.contains(where: { $0.0 == "Format" }) { set("Format", "JSON") }
        if !parameters.contains(where: { $0.0 == "Version" }) { set("Version", "2016-03-15") }
        set("AccessKeyId", accessKeyID)
        set("SignatureMethod", "HMAC-SHA1")
        set("SignatureVersion", "1.0")
        set("SignatureNonce", UUID().uuidString.lowercased())
        set("Timestamp", Self.timestamp(date))
        if let securityToken { set("SecurityToken", securityToken) }
        let signature = Self.signature(method: request.httpMethod ?? "GET", parameters: parameters, secret: accessKeySecret)
        parameters.append(("Signature", signature))
        components.percentEncodedQuery = parameters.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }
            .joined(separator: "&")
        request.url = components.url
    }

    /// `Timestamp` as the signature expects it: `2026-11-22T10:15:00Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// The string that is signed: `METHOD&%2F&` + percentEncode(sorted, encoded query).
    public static func stringToSign(method: String, parameters: [(String, String)]) -> String {
        let canonical = parameters.filter { $0.0 != "Signature" }
            .map { (PercentEncoding.encode($0.0), PercentEncoding.encode($0.1)) }
            .sorted { $0.0 < $1.0 }
            .map { $0.0 + "=" + $0.1 }
            .joined(separator: "&")
        return method.uppercased() + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonical)
    }

    /// The base64 HMAC-SHA1 signature of the request's parameters.
    public static func signature(method: String, parameters: [(String, String)], secret: String) -> String {
        let key = SymmetricKey(data: Data((secret + "&").utf8))
        let code = HMAC<Insecure.SHA1>.authenticationCode(
            for: Data(stringToSign(method: method, parameters: parameters).utf8), using: key)
        return Data(code).base64EncodedString()
    }
}
