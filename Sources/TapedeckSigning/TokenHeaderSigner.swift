public import Foundation

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// Sends a token in a header of its own, as Huawei Cloud and Open Telekom
/// Cloud take an IAM token in `X-Auth-Token`.
public struct TokenHeaderSigner: RequestSigner, CustomStringConvertible {
    public let header: String
    let token: String

    public init(header: String = "X-Auth-Token", token: String) {
        self.header = header
        self.token = token
    }

    public var description: String { "TokenHeaderSigner(header: \(header), token: <redacted>)" }

    public func sign(_ request: inout URLRequest, date: Date) throws {
        request.setValue(token, forHTTPHeaderField: header)
    }
}

/// Sends `Authorization: Bearer <token>`, as Yandex Cloud takes an IAM token.
public struct BearerTokenSigner: RequestSigner, CustomStringConvertible {
    let token: String

    public init(token: String) { self.token = token }

    public var description: String { "BearerTokenSigner(token: <redacted>)" }

    public func sign(_ request: inout URLRequest, date: Date) throws {
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    }
}
