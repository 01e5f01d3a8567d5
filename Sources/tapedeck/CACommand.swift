import ArgumentParser
import Foundation
import TapedeckServer

/// `tapedeck ca`: where the forward proxy's local CA is, and how clients trust it.
struct CACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ca",
        abstract: "Print the forward proxy's local CA certificate path and how to trust it.",
        discussion: """
            The forward proxy (tapedeck record --forward, tapedeck serve --forward) intercepts HTTPS with \
            certificates signed by a local CA, created on first use: a P-256 key (mode 0600) and a \
            certificate (PEM) in ~/.tapedeck/ca unless --ca-dir says otherwise. Trust the certificate in \
            the client only; it is not installed anywhere.
            """
    )

    @OptionGroup var authority: CAOptions

    func run() async throws {
        let ca = try authority.load()
        if ca.created { print("created a local CA in \(ca.certificateFile.deletingLastPathComponent().path)") }
        print(ca.trustGuide())
    }
}
