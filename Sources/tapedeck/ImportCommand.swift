import ArgumentParser
import Foundation
import Tapedeck

/// `tapedeck import`: a HAR file becomes a redacted cassette.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a HAR 1.2 file (browsers, proxies, test recorders) into a cassette, redacting on the way in.",
        discussion: """
            Entries that are not whole exchanges (status 0, no response, an aborted request) are left out, \
            each with a warning on standard error. Every HAR member the cassette has no field for \
            (statusText, timings, cookies, pages, _fields) is kept, so `tapedeck export` gives the HAR back.

            Exit status: 0 written, 2 bad input (the error names the file and the JSON path).
            """
    )

    @Argument(help: "The HAR file.")
    var har: String

    @Option(name: .shortAndLong, help: "The cassette to write (atomically).")
    var output: String

    @OptionGroup var redaction: RedactionOptions

    func run() async throws {
        let data = try InputError.read(URL(fileURLWithPath: har), expecting: "a readable HAR file")
        let imported = try HARImporter(redactor: redaction.redactor()).importing(data, file: har)
        for warning in imported.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        try imported.cassette.validate(file: output)
        try OutputFile.write(imported.cassette.jsonData(), to: output, option: "--output")
        let left = imported.skipped == 0 ? "" : ", \(imported.skipped) entries left out"
        print("wrote \(imported.cassette.interactions.count) interactions to \(output) (redacted\(left))")
    }
}
