import Crypto
import Foundation
import SwiftASN1
import NIOSSL
import Synchronization
import X509

/// The TLS server contexts the forward proxy terminates intercepted
/// connections with: one per host, its certificate minted by the local CA on
/// first use and kept in memory for the proxy's life. Every leaf shares one key.
final class LeafCertificateCache: Sendable {
    private let authority: CertificateAuthority
    /// The leaves' key, as raw bytes (`P256.Signing.PrivateKey` is not `Sendable`).
    private let keyBytes = P256.Signing.PrivateKey().rawRepresentation
    private let contexts = Mutex<[String: NIOSSLContext]>([:])

    init(authority: CertificateAuthority) {
        self.authority = authority
    }

    /// The context for `host` (a name or an address, as the client's `CONNECT` named it).
    /// - Throws: when the certificate cannot be minted or loaded into a TLS context.
    func context(for host: String) throws -> NIOSSLContext {
        let name = host.lowercased()
        if let known = contexts.withLock({ $0[name] }) { return known }
        let key = try P256.Signing.PrivateKey(rawRepresentation: keyBytes)
        let leaf = try authority.leaf(for: name, key: key)
        let chain = try [leaf, authority.certificate].map { certificate in
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return NIOSSLCertificateSource.certificate(try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der))
        }
        let privateKey = try NIOSSLPrivateKey(bytes: Array(key.derRepresentation), format: .der)
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
        let context = try NIOSSLContext(configuration: configuration)
        return contexts.withLock { contexts in
            if let raced = contexts[name] { return raced }
            contexts[name] = context
            return context
        }
    }
}
