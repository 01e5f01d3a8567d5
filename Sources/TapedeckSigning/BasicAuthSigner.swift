public import Foundation

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// Sends `Authorization: Basic <base64(user:password)>`, as Stripe-style APIs take a
/// secret key as the user name with an empty password.
public struct BasicAuthSigner: RequestSigner, CustomStringConvertible {
    let username: String
    let password: String

    public init(username: String, password: String = "") {
        self.username = username
        self.password = password
    }

    public var description: String { "BasicAuthSigner(username: <redacted>)" }

    public func sign(_ request: inout URLRequest, date: Date) throws {
        request.setValue("Basic " + Data("\(username):\(password)".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
    }
}
