public import TapedeckProviders

extension ProviderCredentials {
    /// The signer that adds these credentials to a request, the way the scheme's provider verifies them.
    public var signer: any RequestSigner {
        switch scheme {
        case .alibabaRPC(let id, let secret, let token): AlibabaRPCSigner(accessKeyID: id, accessKeySecret: secret, securityToken: token)
        case .huaweiSDKHMAC(let accessKey, let secretKey): HuaweiAKSKSigner(accessKey: accessKey, secretKey: secretKey)
        case .tokenHeader(let header, let token): TokenHeaderSigner(header: header, token: token)
        case .bearer(let token): BearerTokenSigner(token: token)
        case .basic(let username, let password): BasicAuthSigner(username: username, password: password ?? "")
        case .apiKeyQuery(let parameter, let key): QueryKeySigner(parameter: parameter, key: key)
        }
    }
}
