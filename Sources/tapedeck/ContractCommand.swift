import ArgumentParser
import Foundation
import Tapedeck
import TapedeckContracts

/// `tapedeck contract`: works on contract documents.
struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Work on contract documents (draft one from a recording).",
        subcommands: [Draft.self]
    )

    /// `tapedeck contract draft`: an OpenAPI 3.1 contract guessed from a recording.
    struct Draft: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft an OpenAPI 3.1 contract with x-tapedeck extensions from a recording (cassette or HAR).",
            discussion: """
                Operations come from the recorded paths (id-like segments become parameters), parameter \
                and response schemas from every recorded request and page (types, required fields, \
                enumerations, formats), and the paging style from which request part changes between \
                pages and which part of the previous answer fed it. What was guessed, and how sure, is \
                printed on standard error and kept in the document's x-tapedeck-draft entries for the \
                person who finishes it. The draft loads as is and checks its own recording clean. \
                With --overlay-for DESCRIPTION the guesses are written as an OpenAPI Overlay for that \
                existing description instead, leaving it as published.

                Exit status: 0 drafted, 2 bad input (an unreadable recording, one with no exchanges).
                """
        )

        @Argument(help: "The recording: a cassette or a HAR file, detected by content.")
        var recording: String

        @Option(name: .shortAndLong, help: "Write the contract to this file (atomically) instead of standard output.")
        var output: String?

        @Option(help: "The provider id the contract declares (default: from the request host).")
        var provider: String?

        @Option(
            name: .customLong("overlay-for"),
            help: "Write the guesses as an OpenAPI Overlay for this existing description (the x-tapedeck blocks only), not as a whole contract.")
        var overlayFor: String?

        func run() async throws {
            let cassette = try RecordingLoader.load(contentsOf: URL(fileURLWithPath: recording))
            guard let first = cassette.interactions.first else {
                throw InputError(file: recording, expected: "at least one recorded exchange", found: "none")
            }
            let id = provider ?? Self.provider(fromURL: first.request.url)
            let draft = ContractDrafter(provider: id).draft(cassette, recording: URL(fileURLWithPath: recording).lastPathComponent)
            for guess in draft.guesses { FileHandle.standardError.write(Data("\(guess)\n".utf8)) }
            // Nothing is written that `check` could not load.
            _ = try draft.readBack(file: output ?? "the drafted contract")
            var text = draft.yaml
            if let overlayFor {
                let overlay = try draft.overlay(for: URL(fileURLWithPath: overlayFor))
                for note in overlay.notes { FileHandle.standardError.write(Data("\(note)\n".utf8)) }
                text = overlay.text
            }
            if let output {
                try OutputFile.write(Data(text.utf8), to: output, option: "--output")
                FileHandle.standardError.write(Data("wrote the draft \(overlayFor == nil ? "contract" : "overlay") for \(id) to \(output)\n".utf8))
            } else {
                print(text, terminator: "")
            }
        }

        /// `stripe` for `https://api.stripe.com/…`; `api` for a loopback address.
        static func provider(fromURL url: String) -> String {
            let host = URL(string: url)?.host ?? ""
            let labels = host.split(separator: ".").map(String.init)
            guard labels.contains(where: { $0.contains(where: \.isLetter) }), host != "localhost" else { return "api" }
            let meaningful = labels.dropLast().filter { !["api", "www"].contains($0) }
            return (meaningful.last ?? labels.first ?? "api").lowercased()
        }
    }
}
