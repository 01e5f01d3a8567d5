public import Foundation
import Crypto
import SwiftASN1
public import Tapedeck
import X509

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The local certificate authority the forward proxy signs each intercepted
/// host's certificate with. Created on first use (a P-256 key and a
/// self-signed certificate valid ten years), then read back: a client trusts
/// it once (`tapedeck ca` says how), and every host the proxy intercepts is trusted with it.
public final class CertificateAuthority: Sendable {
    /// `~/.tapedeck/ca`, where the authority lives unless `--ca-dir` says otherwise.
    public static var defaultFolder: URL {
        FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".tapedeck/ca", isDirectory: true)
    }

    /// The certificate a client trusts (PEM, readable by anyone).
    public let certificateFile: URL
    /// The private key (PEM, mode 0600).
    public let keyFile: URL
    let certificate: Certificate
    /// The key's raw bytes (`P256.Signing.PrivateKey` is not `Sendable`).
    private let keyBytes: Data
    private var key: P256.Signing.PrivateKey { (try? P256.Signing.PrivateKey(rawRepresentation: keyBytes)) ?? P256.Signing.PrivateKey() }
    /// Whether this call created the authority (it did not exist in the folder).
    public let created: Bool

    static let certificateName = "tapedeck-ca.pem"
    static let keyName = "tapedeck-ca-key.pem"

    /// Reads the authority in `folder`, creating it (and the folder) when there is none.
    /// - Throws: `InputError` naming the folder or file when it cannot be created,
    ///   written or read, or when the files there are not a certificate and its key.
    public init(folder: URL = CertificateAuthority.defaultFolder) throws(InputError) {
        certificateFile = folder.appendingPathComponent(Self.certificateName)
        keyFile = folder.appendingPathComponent(Self.keyName)
        let files = FileManager.default
        if files.fileExists(atPath: certificateFile.path), files.fileExists(atPath: keyFile.path) {
            let key: P256.Signing.PrivateKey
            (certificate, key) = try Self.read(certificateFile, keyFile)
            keyBytes = key.rawRepresentation
            created = false
            return
        }
        do {
            try files.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw InputError(
                file: folder.path, expected: "a folder the local CA can be created in", found: "it cannot be created (\(Self.reason(error)))",
                hint: "Pass --ca-dir with a folder you can write")
        }
        let key = P256.Signing.PrivateKey()
        let certificate: Certificate
        do {
            certificate = try Self.selfSigned(key)
        } catch {
            throw InputError(file: certificateFile.path, expected: "a CA certificate to create", found: "\(error)")
        }
        try Self.store(Data(key.pemRepresentation.utf8), at: keyFile, permissions: 0o600)
        do {
            try Self.store(Data(try certificate.serializeAsPEM().pemString.utf8), at: certificateFile, permissions: 0o644)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: certificateFile.path, expected: "a CA certificate to write", found: "\(error)")
        }
        (self.certificate, keyBytes, created) = (certificate, key.rawRepresentation, true)
    }

    /// A certificate for `host` (a DNS name or an IP address, which goes in the
    /// matching SAN), signed by this authority for `key`, valid from a day ago for a year.
    func leaf(for host: String, key leafKey: P256.Signing.PrivateKey) throws -> Certificate {
        let now = Date()
        let name = try DistinguishedName { CommonName(String(host.prefix(64))) }
        let alternative: GeneralName = Self.addressBytes(host).map { .ipAddress(ASN1OctetString(contentBytes: $0[...])) } ?? .dnsName(host)
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames([alternative])
            AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier)
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(leafKey.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(365 * 86_400), issuer: certificate.subject,
            subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: .init(key))
    }

    /// The bytes of an IPv4 or IPv6 address; `nil` for a host name.
    static func addressBytes(_ host: String) -> [UInt8]? {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    private static func selfSigned(_ key: P256.Signing.PrivateKey) throws -> Certificate {
        let now = Date()
        let name = try DistinguishedName {
            OrganizationName("Tapedeck")
            CommonName("Tapedeck local CA (\(ProcessInfo.processInfo.hostName))")
        }
        let publicKey = Certificate.PublicKey(key.publicKey)
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: publicKey)
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey, notValidBefore: now.addingTimeInterval(-86_400),
            notValidAfter: now.addingTimeInterval(10 * 365 * 86_400), issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: .init(key))
    }

    private static func read(_ certificateFile: URL, _ keyFile: URL) throws(InputError) -> (Certificate, P256.Signing.PrivateKey) {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: String(contentsOf: certificateFile, encoding: .utf8))
        } catch {
            throw InputError(
                file: certificateFile.path, expected: "the local CA's certificate (PEM)", found: Self.reason(error),
                hint: "Remove the folder to have a new CA created, or pass another --ca-dir")
        }
        let key: P256.Signing.PrivateKey
        do {
            key = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOf: keyFile, encoding: .utf8))
        } catch {
            throw InputError(
                file: keyFile.path, expected: "the local CA's P-256 private key (PEM)", found: Self.reason(error),
                hint: "Remove the folder to have a new CA created, or pass another --ca-dir")
        }
        // A key of another certificate would sign leaves no client that trusts this certificate accepts.
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
            throw InputError(
                file: keyFile.path, expected: "the private key of the certificate \(certificateFile.path)",
                found: "a key that does not belong to it (the two files are of different authorities)",
                hint: "Put the matching pair in the folder, remove the folder to have a new CA created, or pass another --ca-dir")
        }
        return (certificate, key)
    }

    /// Writes a new file with `permissions` from its first byte (a key is never readable by others, not even briefly).
    private static func store(_ data: Data, at file: URL, permissions: Int) throws(InputError) {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, mode_t(permissions))
        guard descriptor >= 0 else {
            throw InputError(
                file: file.path, expected: "a file the local CA can be written to", found: String(cString: strerror(errno)),
                hint: "Pass --ca-dir with a folder you can write")
        }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fchmod(descriptor, mode_t(permissions)) == 0 else {
            throw InputError(file: file.path, expected: "the local CA written whole", found: String(cString: strerror(errno)))
        }
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

extension CertificateAuthority {
    /// How to make each kind of client trust this authority, for `tapedeck ca`
    /// and the forward proxy's start lines (`PORT` where the proxy's port goes).
    public func trustGuide(proxy: String = "http://127.0.0.1:PORT") -> String {
        let path = certificateFile.path
        return """
            CA certificate: \(path)
            Trust it in the client, and send its traffic through the proxy:
              curl:              curl --proxy \(proxy) --cacert \(path) https://…
              Python requests:   export HTTPS_PROXY=\(proxy) REQUESTS_CA_BUNDLE=\(path)
              Swift/Foundation:  export HTTPS_PROXY=\(proxy) SSL_CERT_FILE=\(path)   (Linux: libcurl reads both)
              Huawei Python SDK: config = HttpConfig.get_default_config(); config.ssl_ca_cert = "\(path)"
                                 config.proxy_protocol = "http"; config.proxy_host = "127.0.0.1"; config.proxy_port = PORT
                                 Client.new_builder().with_http_config(config)…
              Alibaba Python SDK (aliyunsdkcore): AcsClient(…, verify="\(path)") with HTTPS_PROXY=\(proxy) exported
                                 (or AcsClient(…, proxy={"https": "\(proxy)"}))
            """
    }
}
