public import Foundation
public import TapedeckProviders

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// Signs again a request its client signed for a proxy's own address, `Host`
/// included, so that the upstream's check of its own `Host` holds. There is one
/// for each profile whose authentication scheme signs `Host`
/// (`AuthenticationScheme.signsHost`); it holds the keys when the variables the
/// profile names are set, and otherwise only recognises such a request, so the
/// proxy can say which variables would let it re-sign.
public struct HostResigner: Sendable {
    /// The profile the scheme is from.
    public let provider: String
    /// The scheme, naming the environment variables of its keys (never their values).
    public let scheme: AuthenticationScheme
    /// The signer with the keys from the environment; `nil` when they are not set.
    private let signer: (any RequestSigner)?

    /// A re-signer for every scheme of `catalogue`'s profiles that signs `Host`, in
    /// profile order, each with the keys of the variables it names set in `environment`.
    public static func all(
        in catalogue: ProfileCatalogue, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> [HostResigner]
    {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        return catalogue.profiles.flatMap { profile in
            profile.authentication.filter(\.signsHost).map { scheme in
                let credentials = scheme.resolving(value).map { ProviderCredentials(provider: profile.id, scheme: $0) }
                return HostResigner(provider: profile.id, scheme: scheme, signer: credentials?.signer)
            }
        }
    }

    /// Whether it holds keys to sign with.
    public var canSign: Bool { signer != nil }

    /// The variables that hold its keys, for messages: `HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK`.
    public var variables: String { scheme.secrets.joined(separator: " and ") }

    /// Whether `authorization` (an `Authorization` header's value) is a signature of
    /// this scheme that covers `Host`.
    public func claims(authorization: String) -> Bool {
        switch scheme {
        case .huaweiSDKHMAC: HuaweiAKSKSigner.parseAuthorization(authorization)?.signedHeaders.contains("host") == true
        case .bearer, .tokenHeader, .apiKeyQuery, .basic, .alibabaRPC: false
        }
    }

    /// Signs `request` with its keys as of `date`.
    /// - Throws: `SigningError` when it holds no keys or the request cannot be signed.
    public func sign(_ request: inout URLRequest, date: Date) throws {
        guard let signer else { throw SigningError(description: "\(variables) are not set") }
        try signer.sign(&request, date: date)
    }
}
