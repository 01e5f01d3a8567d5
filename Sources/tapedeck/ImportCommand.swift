import ArgumentParser
import Foundation
import Tapedeck

/// `tapedeck import`: a HAR file becomes a redacted cassette.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a HAR 1.2 file (devtools, mitmproxy, Charles) into a cassette, redacting on the way in.",
        discussion: "Exit status: 0 written, 2 bad input (the error names the file and the JSON path)."
    )

    @Argument(help: "The HAR file.")
    var har: String

    @Option(name: .shortAndLong, help: "The cassette to write (atomically).")
    var output: String

    @Option(name: .customLong("secret-env"), help: "An environment variable whose value is scrubbed wherever it appears. Repeatable.")
    var secretEnvironment: [String] = []

    func run() async throws {
        let data = try InputError.read(URL(fileURLWithPath: har), expecting: "a readable HAR file")
        let environment = ProcessInfo.processInfo.environment
        let redactor = Redactor.standard.addingLiteralSecrets(secretEnvironment.compactMap { environment[$0] })
        let cassette = try HARImporter(redactor: redactor).cassette(fromHAR: data, file: har)
        try CassetteStore.write(cassette, to: URL(fileURLWithPath: output))
        print("wrote \(cassette.interactions.count) interactions to \(output) (redacted)")
    }
}
