import ArgumentParser
import Foundation
import TapedeckServer

/// Where the forward proxy's local CA lives.
struct CAOptions: ParsableArguments {
    @Option(name: .customLong("ca-dir"), help: "The local CA's folder (created on first use; default ~/.tapedeck/ca).")
    var folder: String?

    /// The authority, created when the folder has none.
    /// - Throws: `InputError` naming the folder when it cannot be created or read.
    func load() throws -> CertificateAuthority {
        try CertificateAuthority(folder: folder.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? CertificateAuthority.defaultFolder)
    }
}
