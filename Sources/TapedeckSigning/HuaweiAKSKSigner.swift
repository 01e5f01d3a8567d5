public import Foundation
import Crypto

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// Huawei Cloud's AK/SK signing (`SDK-HMAC-SHA256`), as API Gateway verifies it:
/// a canonical request (method, URI with a trailing slash, sorted query, signed
/// headers, SHA-256 of the body), a string to sign with the `X-Sdk-Date` time,
/// and a hex HMAC-SHA256 keyed with the secret key.
public struct HuaweiAKSKSigner: RequestSigner, CustomStringConvertible {
    public let accessKey: String
    let secretKey: String

    public init(accessKey: String, secretKey: String) {
        self.accessKey = accessKey
        self.secretKey = secretKey
    }

    public var description: String { "HuaweiAKSKSigner(accessKey: <redacted>)" }

    /// The parts of an `Authorization: SDK-HMAC-SHA256 …` header.
    public struct Authorization: Sendable, Equatable {
        public var access: String
        public var signedHeaders: [String]
        public var signature: String
    }

    public func sign(_ request: inout URLRequest, date: Date) throws {
        guard let url = request.url, let host = url.host else {
            throw SigningError(description: "the request has no URL with a host to sign")
        }
        let sdkDate = Self.sdkDate(date)
        request.setValue(sdkDate, forHTTPHeaderField: "X-Sdk-Date")
        if request.value(forHTTPHeaderField: "Host") == nil {
            request.setValue(url.port.map { "\(host):\($0)" } ?? host, forHTTPHeaderField: "Host")
        }
        let headers = (request.allHTTPHeaderFields ?? [:]).filter { !$0.key.contains("_") && $0.key.lowercased() != "authorization" }
        let signedHeaders = headers.keys.map { $0.lowercased() }.sorted()
        let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.map { ($0.name, $0.value ?? "") } ?? []
        let signature = Self.signature(
            method: request.httpMethod ?? "GET", path: url.path, query: query, headers: headers,
            signedHeaders: signedHeaders, body: request.httpBody ?? Data(), secretKey: secretKey, date: sdkDate)
        request.setValue(
            "SDK-HMAC-SHA256 Access=\(accessKey), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)",
            forHTTPHeaderField: "Authorization")
    }

    /// `X-Sdk-Date` as the signature expects it: `20261122T101500Z`.
    public static func sdkDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// The canonical request, six lines joined by `\n`.
    public static func canonicalRequest(
        method: String, path: String, query: [(String, String)], headers: [String: String], signedHeaders: [String],
        body: Data
    ) -> String {
        let decodedPath = path.removingPercentEncoding ?? path
        var uri = decodedPath.split(separator: "/", omittingEmptySubsequences: false).map { PercentEncoding.encode(String($0)) }
            .joined(separator: "/")
        if !uri.hasSuffix("/") { uri += "/" }
        let canonicalQuery = query.map { (PercentEncoding.encode($0.0), PercentEncoding.encode($0.1)) }
            .sorted { $0 < $1 }
            .map { $0.0 + "=" + $0.1 }
            .joined(separator: "&")
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value.trimmingCharacters(in: .whitespaces) }
        let canonicalHeaders = signedHeaders.map { "\($0):\(lowered[$0] ?? "")\n" }.joined()
        let payloadHash = SHA256.hash(data: body).hexString
        return [method.uppercased(), uri, canonicalQuery, canonicalHeaders, signedHeaders.joined(separator: ";"), payloadHash]
            .joined(separator: "\n")
    }

    /// The hex signature of a request, as sent in `Signature=`.
    public static func signature(
        method: String, path: String, query: [(String, String)], headers: [String: String], signedHeaders: [String],
        body: Data, secretKey: String, date: String
    ) -> String {
        let canonical = canonicalRequest(
            method: method, path: path, query: query, headers: headers, signedHeaders: signedHeaders, body: body)
        let stringToSign = "SDK-HMAC-SHA256\n\(date)\n\(SHA256.hash(data: Data(canonical.utf8)).hexString)"
        let code = HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: SymmetricKey(data: Data(secretKey.utf8)))
        return Data(code).hexString
    }

    /// Parses `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`; `nil` when it is not one.
    public static func parseAuthorization(_ value: String) -> Authorization? {
        guard value.hasPrefix("SDK-HMAC-SHA256 ") else { return nil }
        var fields: [String: String] = [:]
        for part in value.dropFirst("SDK-HMAC-SHA256 ".count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let access = fields["Access"], let signed = fields["SignedHeaders"], let signature = fields["Signature"] else {
            return nil
        }
        return Authorization(access: access, signedHeaders: signed.split(separator: ";").map(String.init), signature: signature)
    }
}

extension Sequence<UInt8> {
    /// Lowercase hex, two digits a byte.
    var hexString: String {
        var text = ""
        for byte in self {
            let hex = String(byte, radix: 16)
            text += hex.count == 1 ? "0" + hex : hex
        }
        return text
    }
}
