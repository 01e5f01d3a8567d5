public import Foundation

/// The credentials for one provider, and the signer that uses them. Reads each
/// provider's conventional environment variables (see `docs/providers.md`);
/// never prints a secret.
public struct ProviderCredentials: Sendable, CustomStringConvertible {
    /// How a provider authenticates.
    public enum Kind: Sendable {
        case alibabaAccessKey(id: String, secret: String, securityToken: String?)
        case huaweiAccessKey(accessKey: String, secretKey: String)
        case authToken(header: String, token: String)
        case bearerToken(String)
    }

    public var provider: ProviderID
    public var kind: Kind

    public init(provider: ProviderID, kind: Kind) {
        self.provider = provider
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .alibabaAccessKey: "\(provider): Alibaba Cloud AccessKey (RPC signature 1.0)"
        case .huaweiAccessKey: "\(provider): AK/SK (SDK-HMAC-SHA256)"
        case .authToken(let header, _): "\(provider): IAM token in \(header)"
        case .bearerToken: "\(provider): Bearer IAM token"
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
        }
    }

    /// Every literal secret string, so a `Redactor` can scrub it wherever it appears.
    public var secretValues: [String] {
        switch kind {
        case .alibabaAccessKey(let id, let secret, let token): [id, secret] + (token.map { [$0] } ?? [])
        case .huaweiAccessKey(let accessKey, let secretKey): [accessKey, secretKey]
        case .authToken(_, let token), .bearerToken(let token): [token]
        }
    }

    /// The environment variables read for `provider`, in the order they are tried.
    public static func environmentVariables(for provider: ProviderID) -> [String] {
        switch provider {
        case .alibabaPetadata: ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"]
        case .huaweiKafka, .huaweiIotda: ["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_IAM_TOKEN"]
        case .yandexBackup: ["YC_IAM_TOKEN"]
        case .otcDdm: ["OS_AUTH_TOKEN"]
        }
    }

    /// Credentials from the provider's conventional environment variables, or
    /// `nil` when they are not set.
    public static func fromEnvironment(
        for provider: ProviderID, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ProviderCredentials? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let kind: Kind?
        switch provider {
        case .alibabaPetadata:
            kind = value("ALIBABA_CLOUD_ACCESS_KEY_ID").flatMap { id in
                value("ALIBABA_CLOUD_ACCESS_KEY_SECRET").map { secret in
                    .alibabaAccessKey(id: id, secret: secret, securityToken: value("ALIBABA_CLOUD_SECURITY_TOKEN"))
                }
            }
        case .huaweiKafka, .huaweiIotda:
            if let accessKey = value("HUAWEICLOUD_SDK_AK"), let secretKey = value("HUAWEICLOUD_SDK_SK") {
                kind = .huaweiAccessKey(accessKey: accessKey, secretKey: secretKey)
            } else {
                kind = value("HUAWEICLOUD_IAM_TOKEN").map { .authToken(header: "X-Auth-Token", token: $0) }
            }
        case .yandexBackup: kind = value("YC_IAM_TOKEN").map { .bearerToken($0) }
        case .otcDdm: kind = value("OS_AUTH_TOKEN").map { .authToken(header: "X-Auth-Token", token: $0) }
        }
        return kind.map { ProviderCredentials(provider: provider, kind: $0) }
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
        return ProviderCredentials(provider: provider, kind: kind)
    }

    /// An IAM PKI token shape (`MII…`), accepted by the simulated Huawei and OTC endpoints.
    static let simulatorPKIToken =
        "MIIYsimulatorTokenOnlyForLoopbackUseAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0001"
}
