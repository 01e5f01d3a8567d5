public import Foundation

/// The credentials for one provider, and the signer that uses them. Reads the
/// environment variables its profile names (see `docs/providers.md`); never
/// prints a secret.
public struct ProviderCredentials: Sendable, CustomStringConvertible {
    /// How a provider authenticates.
    public enum Kind: Sendable {
        case alibabaAccessKey(id: String, secret: String, securityToken: String?)
        case huaweiAccessKey(accessKey: String, secretKey: String)
        case authToken(header: String, token: String)
        case bearerToken(String)
        case basic(username: String, password: String)
        case queryKey(parameter: String, key: String)
    }

    /// The provider id.
    public var provider: String
    public var kind: Kind

    public init(provider: String, kind: Kind) {
        self.provider = provider
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .alibabaAccessKey: "\(provider): Alibaba Cloud AccessKey (RPC signature 1.0)"
        case .huaweiAccessKey: "\(provider): AK/SK (SDK-HMAC-SHA256)"
        case .authToken(let header, _): "\(provider): IAM token in \(header)"
        case .bearerToken: "\(provider): Bearer token"
        case .basic: "\(provider): HTTP Basic"
        case .queryKey(let parameter, _): "\(provider): API key in the query parameter \(parameter)"
        }
    }

    /// The signer that adds these credentials to a request.
    public var signer: any RequestSigner {
        switch kind {
        case .alibabaAccessKey(let id, let secret, let token):
            AlibabaRPCSigner(accessKeyID: id, accessKeySecret: secret, securityToken: token)
        case .huaweiAccessKey(let accessKey, let secretKey): HuaweiAKSKSigner(accessKey: accessKey, secretKey: secretKey)
        case .authToken(let header, let token): TokenHeaderSigner(header: header, token: token)
        case .bearerToken(let token): BearerTokenSigner(token: token)
        case .basic(let username, let password): BasicAuthSigner(username: username, password: password)
        case .queryKey(let parameter, let key): QueryKeySigner(parameter: parameter, key: key)
        }
    }

    /// Every literal secret string, so a `Redactor` can scrub it wherever it appears.
    public var secretValues: [String] {
        switch kind {
        case .alibabaAccessKey(let id, let secret, let token): [id, secret] + (token.map { [$0] } ?? [])
        case .huaweiAccessKey(let accessKey, let secretKey): [accessKey, secretKey]
        case .authToken(_, let token), .bearerToken(let token), .queryKey(_, let token): [token]
        case .basic(let username, let password): [username] + (password.isEmpty ? [] : [password])
        }
    }

    /// The environment variables read for `provider`, in the order they are tried (its profile's).
    public static func environmentVariables(for provider: ProviderID) -> [String] { provider.profile.environmentVariables }

    /// Credentials from the environment variables `profile` names (its ways tried in
    /// order), or `nil` when none of them is set.
    public static func fromEnvironment(
        for profile: ProviderProfile, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ProviderCredentials? {
        profile.authentication.lazy.compactMap { $0.credentials(from: environment) }.first
            .map { ProviderCredentials(provider: profile.id, kind: $0) }
    }

    /// Credentials from the environment variables of a built-in provider's profile, or `nil` when they are not set.
    public static func fromEnvironment(
        for provider: ProviderID, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ProviderCredentials? {
        fromEnvironment(for: provider.profile, environment: environment)
    }

    /// The fixed, fake credentials the bundled simulator accepts. They are shaped
    /// like real ones (an `LTAI…` key, an `MII…` PKI token, a `t1.…` IAM token) so
    /// that redaction and the secret scan are exercised on every recording.
    public static func simulator(for provider: ProviderID) -> ProviderCredentials {
        let kind: Kind
        switch provider {
        case .alibabaPetadata:
            kind = .alibabaAccessKey(id: "LTAI5tSimu1ator0000Key01", secret: "SimulatorSecretOnlyForLoopback0001", securityToken: nil)
        case .huaweiKafka:
            kind = .huaweiAccessKey(accessKey: "HPUASIMULATOR0000001", secretKey: "SimulatorSecretKeyOnlyForLoopbackUse0001")
        case .huaweiIotda:
            kind = .authToken(header: "X-Auth-Token", token: simulatorPKIToken)
        case .yandexBackup:
            kind = .bearerToken("t1.9euelZrSimulatorIamTokenOnlyForLoopbackUse0000000000000000000001")
        case .otcDdm:
            kind = .authToken(header: "X-Auth-Token", token: simulatorPKIToken)
        }
        return ProviderCredentials(provider: provider.rawValue, kind: kind)
    }

    /// An IAM PKI token shape (`MII…`), accepted by the simulated Huawei and OTC endpoints.
    static let simulatorPKIToken =
        "MIIYsimulatorTokenOnlyForLoopbackUseAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0001"
}
