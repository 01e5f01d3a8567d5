import TapedeckProviders

/// The simulator's view of `ProviderCredentials.simulator(for:)`.
enum Credentials {
    /// The IAM token a token-authenticated provider accepts.
    static func token(for provider: ProviderID) -> String? {
        switch ProviderCredentials.simulator(for: provider).kind {
        case .authToken(_, let token), .bearerToken(let token): token
        default: ProviderCredentials.simulator(for: .huaweiIotda).secretValues.first
        }
    }
}
