import Foundation
import TapedeckTestSupport
import Testing

/// `tapedeck ca` and the forward proxy's local CA: created on first use with
/// its key private, read back after, and a folder that cannot be written refused at start.
struct CACommandTests {
    @Test func theCAIsCreatedOnceWithAPrivateKeyAndTheTrustGuideNamesItsCertificate() throws {
        let folder = try scratchFolder("tapedeck-hostile-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ca = folder.appendingPathComponent("ca")
        let first = try TapedeckBinary.run(["ca", "--ca-dir", ca.path], timeout: 60)
        #expect(first.status == 0, "\(first.stderr)")
        let certificate = ca.appendingPathComponent("tapedeck-ca.pem")
        let key = ca.appendingPathComponent("tapedeck-ca-key.pem")
        let pem = try String(contentsOf: certificate, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----"))
        let keyMode = try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        #expect(first.stdout.contains("created a local CA"))
        for needle in [
            "--cacert \(certificate.path)", "REQUESTS_CA_BUNDLE=\(certificate.path)", "SSL_CERT_FILE=\(certificate.path)",
            "ssl_ca_cert = \"\(certificate.path)\"", "verify=\"\(certificate.path)\"",
        ] {
            #expect(first.stdout.contains(needle), "\(needle) in \(first.stdout)")
        }
        let second = try TapedeckBinary.run(["ca", "--ca-dir", ca.path], timeout: 60)
        #expect(second.status == 0)
        #expect(!second.stdout.contains("created a local CA"))
        #expect(try String(contentsOf: certificate, encoding: .utf8) == pem, "the CA is read back, not made anew")
    }

    /// A CA folder under a regular file can be made by nobody, root included.
    @Test(arguments: [["ca"], ["record", "--forward", "--cassette", "CASSETTE"], ["serve", "CASSETTE", "--forward"]])
    func aCAFolderThatCannotBeWrittenExits2NamingItBeforeListening(arguments: [String]) throws {
        let folder = try scratchFolder("tapedeck-hostile-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("blocker")
        try Data("not a folder".utf8).write(to: blocker)
        let cassette = folder.appendingPathComponent("c.json")
        try Data(#"{"interactions":[]}"#.utf8).write(to: cassette)
        let ca = blocker.appendingPathComponent("ca")
        let result = try TapedeckBinary.run(
            arguments.map { $0 == "CASSETTE" ? cassette.path : $0 } + ["--ca-dir", ca.path], timeout: 60)
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains(ca.path), "\(result.stderr)")
        #expect(!result.stdout.contains("Recording"))
        #expect(!result.stdout.contains("Serving"))
    }
}
