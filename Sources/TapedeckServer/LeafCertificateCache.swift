import Crypto
import Foundation
import SwiftASN1
import NIOSSL
import Synchronization
import X509

/// The TLS server contexts the forward proxy terminates intercepted
/// connections with: one per host, its certificate minted by the local CA on
/// first use and kept in memory, the least recently used dropped past `capacity`
/// (a client naming ever new hosts would otherwise grow it without bound). Every
/// leaf shares one key. A host name longer than DNS allows (253 characters) is refused.
final class LeafCertificateCache: Sendable {
    /// The default capacity: more hosts than a test run talks to, a few MB of contexts.
    static let defaultCapacity = 1_000
    /// The longest host name DNS allows (RFC 1035, without the final dot).
    static let maximumHostLength = 253

    /// A host name no certificate is made for.
    struct HostTooLong: Error, CustomStringConvertible {
        var length: Int
        var description: String { "a host name of \(length) characters (at most \(LeafCertificateCache.maximumHostLength))" }
    }

    private struct Entry {
        var context: NIOSSLContext
        var lastUse: UInt64
    }

    private let authority: CertificateAuthority
    private let capacity: Int
    /// The leaves' key, as raw bytes (`P256.Signing.PrivateKey` is not `Sendable`).
    private let keyBytes = P256.Signing.PrivateKey().rawRepresentation
    /// The contexts by host, each with the tick of its last use.
    private let contexts = Mutex<(entries: [String: Entry], tick: UInt64)>(([:], 0))

    init(authority: CertificateAuthority, capacity: Int = defaultCapacity) {
        self.authority = authority
        self.capacity = max(1, capacity)
    }

    /// How many contexts are kept.
    var count: Int { contexts.withLock { $0.entries.count } }

    /// The context for `host` (a name or an address, as the client's `CONNECT` named it).
    /// - Throws: when the certificate cannot be minted or loaded into a TLS context.
    func context(for host: String) throws -> NIOSSLContext {
        guard host.utf8.count <= Self.maximumHostLength else { throw HostTooLong(length: host.utf8.count) }
        let name = host.lowercased()
        let known = contexts.withLock { cache -> NIOSSLContext? in
            guard var entry = cache.entries[name] else { return nil }
            cache.tick += 1
            entry.lastUse = cache.tick
            cache.entries[name] = entry
            return entry.context
        }
        if let known { return known }
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
        return contexts.withLock { cache in
            cache.tick += 1
            if let raced = cache.entries[name] {
                cache.entries[name]?.lastUse = cache.tick
                return raced.context
            }
            // A new host past the capacity: the least recently used goes. The scan is short
            // next to minting a certificate, which every miss costs anyway.
            if cache.entries.count >= capacity, let oldest = cache.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                cache.entries[oldest] = nil
            }
            cache.entries[name] = Entry(context: context, lastUse: cache.tick)
            return context
        }
    }
}
