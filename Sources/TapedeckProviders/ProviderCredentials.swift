public import Foundation

/// The credentials for one provider: its authentication scheme holding the values
/// read from the environment variables its profile names (see `docs/providers.md`).
/// `TapedeckSigning` makes the signer that uses them. Never prints a secret.
public struct ProviderCredentials: Sendable, CustomStringConvertible {
    /// The provider id.
    public var provider: String
    /// The scheme, holding the secret values.
    public var scheme: AuthenticationScheme

    public init(provider: String, scheme: AuthenticationScheme) {
        self.provider = provider
        self.scheme = scheme
    }

    public var description: String { "\(provider): \(scheme.summary)" }

    /// Every literal secret string, so a `Redactor` can scrub it wherever it appears.
    public var secretValues: [String] { scheme.secrets.filter { !$0.isEmpty } }

    /// Credentials from the environment variables `profile` names (its ways tried in
    /// order), or `nil` when none of them is set.
    public static func fromEnvironment(
        for profile: ProviderProfile, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ProviderCredentials? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        return profile.authentication.lazy.compactMap { $0.resolving(value) }.first
            .map { ProviderCredentials(provider: profile.id, scheme: $0) }
    }
}
