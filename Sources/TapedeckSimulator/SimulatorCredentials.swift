public import Foundation
public import TapedeckProviders

/// The credentials of the simulated providers: the fixed, fake ones the simulator
/// accepts, and a simulated provider's real ones from the environment.
extension ProviderCredentials {
    /// The fixed, fake credentials the bundled simulator accepts. They are shaped
    /// like real ones (an `LTAI…` key, an `MII…` PKI token, a `t1.…` IAM token) so
    /// that redaction and the secret scan are exercised on every recording.
    public static func simulator(for provider: ProviderID) -> ProviderCredentials {
        let scheme: AuthenticationScheme
        switch provider {
        case .alibabaPetadata:
            scheme = .alibabaRPC(accessKeyID: "LTAI5tSimu1ator0000Key01", accessKeySecret: "SimulatorSecretOnlyForLoopback0001", securityToken: nil)
        case .huaweiKafka:
            scheme = .huaweiSDKHMAC(accessKey: "HPUASIMULATOR0000001", secretKey: "SimulatorSecretKeyOnlyForLoopbackUse0001")
        case .huaweiIotda:
            scheme = .tokenHeader(header: "X-Auth-Token", token: simulatorPKIToken)
        case .yandexBackup:
            scheme = .bearer(token: "t1.9euelZrSimulatorIamTokenOnlyForLoopbackUse0000000000000000000001")
        case .otcDdm:
            scheme = .tokenHeader(header: "X-Auth-Token", token: simulatorPKIToken)
        }
        return ProviderCredentials(provider: provider.rawValue, scheme: scheme)
    }

    /// An IAM PKI token shape (`MII…`), accepted by the simulated Huawei and OTC endpoints.
    static let simulatorPKIToken =
        "MIIYsimulatorTokenOnlyForLoopbackUseAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0001"

    /// The IAM token a token-authenticated simulated provider accepts (the PKI
    /// token for the signing ones, which take it too).
    static func simulatorToken(for provider: ProviderID) -> String {
        switch simulator(for: provider).scheme {
        case .tokenHeader(_, let token), .bearer(let token): token
        default: simulatorPKIToken
        }
    }

    /// The simulator's credentials for `provider` under the names of the variables its profile reads first.
    public static func simulatorEnvironment(for provider: ProviderID) -> [String: String] {
        Dictionary(zip(environmentVariables(for: provider), simulator(for: provider).secretValues), uniquingKeysWith: { first, _ in first })
    }

    /// The environment variables read for `provider`, in the order they are tried (its profile's).
    public static func environmentVariables(for provider: ProviderID) -> [String] { provider.profile.environmentVariables }

    /// Credentials from the environment variables of a simulated provider's built-in profile, or `nil` when they are not set.
    public static func fromEnvironment(
        for provider: ProviderID, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ProviderCredentials? {
        fromEnvironment(for: provider.profile, environment: environment)
    }
}
