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

    @OptionGroup var redaction: RedactionOptions

    func run() async throws {
        let data = try InputError.read(URL(fileURLWithPath: har), expecting: "a readable HAR file")
        let cassette = try HARImporter(redactor: redaction.redactor()).cassette(fromHAR: data, file: har)
        try cassette.validate(file: output)
        try OutputFile.write(cassette.jsonData(), to: output, option: "--output")
        print("wrote \(cassette.interactions.count) interactions to \(output) (redacted)")
    }
}
