import ArgumentParser
import Foundation
import Tapedeck

/// `tapedeck export`: a cassette as HAR 1.2.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a cassette as a HAR 1.2 file (an imported HAR comes back as it was, redacted).",
        discussion: "Exit status: 0 written, 2 bad input."
    )

    @Argument(help: "The cassette.")
    var cassette: String

    @Option(name: .shortAndLong, help: "The HAR file to write (atomically).")
    var output: String

    func run() async throws {
        let recording = try CassetteStore.load(URL(fileURLWithPath: cassette))
        try OutputFile.write(HARExporter.har(from: recording), to: output, option: "--output")
        print("wrote \(recording.interactions.count) entries to \(output)")
    }
}
