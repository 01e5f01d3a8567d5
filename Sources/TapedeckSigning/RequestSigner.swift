public import Foundation

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// Adds a provider's credentials to a request, the way the provider verifies them.
public protocol RequestSigner: Sendable {
    /// Signs `request` in place as of `date` (signatures that include a time use it).
    /// - Throws: `SigningError` when the request cannot be signed (no URL, no host).
    func sign(_ request: inout URLRequest, date: Date) throws
}

/// Why a request could not be signed. Never carries a secret.
public struct SigningError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
