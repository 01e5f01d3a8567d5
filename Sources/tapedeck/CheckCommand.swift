import ArgumentParser
import Foundation
import Tapedeck
import TapedeckContracts

/// `tapedeck check`: checks recordings against the documented contracts.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check recordings (cassettes or HAR) against the documented contracts, across every page of each walk.",
        discussion: """
            The built-in contracts serve from any folder; --contracts PATH (a folder, a contract or a \
            profile), else a Scenarios/contracts folder here or in the nearest parent that has one, adds \
            providers or replaces built-in ones by id. A contract is an OpenAPI 3.0 or 3.1 description \
            (JSON or YAML) as published; --overlay FILE, or FILE.overlay.yaml beside it, adds the \
            x-tapedeck blocks without editing it. Rules and the x-tapedeck extensions: docs/contracts.md.

            A recording may hold several APIs (a HAR from devtools or mitmproxy): each exchange is \
            checked against the contract whose operation it is, with a report per provider; exchanges \
            no contract documents (page assets, other APIs) are counted as not covered and never \
            reported. --provider checks every exchange against that one contract.

            Exit status: 0 nothing reported, 1 violations, 2 bad input or usage.
            """
    )

    @Argument(help: "Recordings to check: cassettes or HAR files, detected by content.")
    var files: [String]

    @OptionGroup var contract: ContractOptions

    @Option(help: "Report format (html: one self-contained page showing each violation's exchange; github: Actions annotations).")
    var format = ReportFormat.text

    @Option(
        name: .customLong("overlay"),
        help: "An OpenAPI Overlay (1.0) to apply to the description --contracts names, such as one holding the x-tapedeck blocks. Repeatable.")
    var overlays: [String] = []

    @Option(name: .customLong("allow"), help: "A known deviation, RULE[@JSONPATH]: reported but not failing. Repeatable.")
    var allowed: [String] = []

    func run() async throws {
        var allowances: [Allowance] = []
        for text in allowed { allowances.append(try Allowance(parsing: text)) }
        guard overlays.isEmpty || contract.contracts != nil else {
            throw InputError(file: "--overlay", expected: "--contracts naming the description the overlay applies to", found: "no --contracts")
        }
        var loaded: [Overlay] = []
        for path in overlays { loaded.append(try Overlay(contentsOf: URL(fileURLWithPath: path))) }
        let catalogue = try ContractCatalogue.resolve(contract.contracts, overlays: loaded)
        let run = CheckRun(catalogue: catalogue, provider: contract.provider, allowances: allowances)
        var reports: [CheckReport] = []
        var recordings: [String: Cassette] = [:]
        for file in files {
            let cassette = try RecordingLoader.load(contentsOf: URL(fileURLWithPath: file))
            recordings[file] = cassette
            let (checked, uncovered) = try run.check(cassette, recording: file)
            reports += checked
            if !uncovered.isEmpty {
                FileHandle.standardError.write(
                    Data("\(file): \(uncovered.count) of \(cassette.interactions.count) exchanges match no contract: not covered, not checked\n".utf8))
            }
        }
        print(format.render(reports, recordings: recordings), terminator: "")
        if reports.contains(where: { !$0.isClean }) { throw ExitCode.findings }
    }
}
