import Foundation
import Tapedeck
import TapedeckProviders
import TapedeckSigning

/// Huawei Cloud's two ways in: an IAM token in `X-Auth-Token`, or an AK/SK
/// `SDK-HMAC-SHA256` signature verified against the simulator's keys, signed
/// no more than 15 minutes from now (APIG's window), so a replayed signature expires.
enum HuaweiAuthentication {
    /// How far `X-Sdk-Date` may be from now, in seconds.
    static let freshness: TimeInterval = 900

    /// Why the request is refused, or `nil` when its credentials are right.
    static func check(_ request: SimulatedRequest) -> String? {
        if let token = request.header("X-Auth-Token") {
            return token == ProviderCredentials.simulatorToken(for: .huaweiIotda) ? nil : "The token is invalid."
        }
        guard let header = request.header("Authorization"), let authorization = HuaweiAKSKSigner.parseAuthorization(header) else {
            return "Authentication required: X-Auth-Token or an SDK-HMAC-SHA256 signature."
        }
        guard case .huaweiSDKHMAC(let accessKey, let secretKey) = ProviderCredentials.simulator(for: .huaweiKafka).scheme,
            authorization.access == accessKey
        else { return "Unknown access key." }
        guard let date = request.header("X-Sdk-Date") else { return "The X-Sdk-Date header is missing." }
        guard let signed = TimeLayout.date(date, layout: "yyyyMMddTHHmmssZ"), abs(signed.timeIntervalSince(request.now)) <= Self.freshness else {
            return "The X-Sdk-Date \(date) is not within 15 minutes of now: the signature has expired."
        }
        var headers: [String: String] = [:]
        for name in authorization.signedHeaders { headers[name] = request.header(name) ?? "" }
        let expected = HuaweiAKSKSigner.signature(
            method: request.method, path: request.fullPath, query: request.queryItems, headers: headers,
            signedHeaders: authorization.signedHeaders, body: request.body, secretKey: secretKey, date: date)
        return expected == authorization.signature ? nil : "The signature does not match."
    }
}
