import ArgumentParser
import Foundation
import Tapedeck
import TapedeckProviders

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
        // A HAR given here is imported first, redacted as every command redacts: with the built-in profiles.
        let recording = try CassetteStore.load(URL(fileURLWithPath: cassette), redactor: ProfileCatalogue.standardRedactor)
        try OutputFile.write(HARExporter.har(from: recording), to: output, option: "--output")
        print("wrote \(recording.interactions.count) entries to \(output)")
    }
}
