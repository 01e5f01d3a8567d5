import ArgumentParser
import Foundation
import Tapedeck
import TapedeckContracts

/// `tapedeck repro`: a bug report's HAR file becomes a regression test in one command.
struct ReproCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repro",
        abstract: "Turn a bug report's HAR file into a cassette and a scenario that fails while the violation is present.",
        discussion: """
            Steps: import the HAR (devtools, mitmproxy, Charles), redacting credentials on the way in; detect the \
            provider from the request URLs (or take --provider); check every entry against the contract and print \
            the violations; keep the walk that shows the first violation; write it to \
            CASSETTES/<provider>/<name>.json and a replay-only scenario to SCENARIOS/<name>.yaml that starts at the \
            HAR's first page. The scenario is a test case of `swift test --filter ScenarioTests.scenario`: it fails \
            while the violation is reported. With --expect it lists the rules found under `expect:` instead, a test \
            that proves the deviation keeps being caught.

            Files that exist are not replaced without --force. Contracts are the built-in ones plus --contracts or the repository's \
            Scenarios/contracts; Cassettes and Scenarios are the repository's (found from here upwards). Workflow: docs/repro.md.

            Exit status: 0 no violations, 1 violations found (files written), 2 bad input or usage.
            """
    )

    @Argument(help: "The bug report's HAR file.")
    var har: String

    @Option(help: "The scenario and cassette name (letters, digits, '.', '-', '_'); derived from the HAR's file name when not given.")
    var name: String?

    @Option(help: "The cassette root to write <provider>/<name>.json below.")
    var cassettes: String?

    @Option(help: "The folder to write <name>.yaml to.")
    var scenarios: String?

    @OptionGroup var contract: ContractOptions

    @Flag(help: "Write a scenario that expects the violations found (it passes while they keep being caught).")
    var expect = false

    @Flag(help: "Replace a cassette or scenario of the same name.")
    var force = false

    func run() async throws {
        let folders = ReproFolders(contracts: contract.contracts, cassettes: cassettes, scenarios: scenarios)
        let data = try InputError.read(URL(fileURLWithPath: har), expecting: "a readable HAR file")
        let reproduction = try Reproducer(catalogue: folders.catalogue())
            .reproduce(har: data, file: har, provider: contract.provider, name: name, expect: expect)
        print(ReportFormat.text.render([reproduction.report]), terminator: "")
        let written = try reproduction.write(cassettes: folders.cassettes, scenarios: folders.scenarios, force: force)
        let scenario = reproduction.scenario
        let kept = reproduction.cassette.interactions.count
        print(
            "wrote \(written.cassette.path) (\(kept) interactions, redacted)"
                + (reproduction.leftOut > 0 ? "; \(reproduction.leftOut) entries of other walks or other URLs left out" : ""))
        let rules = reproduction.failingRules.map(\.rawValue).joined(separator: ", ")
        let behaviour =
            rules.isEmpty
            ? "passes while the walk stays clean"
            : scenario.expected.isEmpty ? "fails while \(rules) is reported" : "passes while \(rules) keeps being caught"
        print("wrote \(written.scenario.path) (scenario \"\(scenario.name)\": \(behaviour))")
        print("run it: \(reproduction.testCommand)")
        if let first = reproduction.failingRules.first {
            print("trim the evidence: tapedeck trim \(written.cassette.path) --rule \(first.rawValue)")
        }
        if !reproduction.report.isClean { throw ExitCode.findings }
    }
}

/// `--provider` and `--contracts`, shared by the commands that check recordings.
struct ContractOptions: ParsableArguments {
    @Option(help: "The provider id (detected from the request URLs when not given).")
    var provider: String?

    @Option(
        help: ArgumentHelp(
            "Contracts and provider profiles to add to the built-in ones, replacing those of the same provider id.",
            discussion:
                "A folder, one contract (its profile.json or <name>.profile.json beside it comes along) or one profile; default: Scenarios/contracts here or above.",
            valueName: "path"))
    var contracts: String?
}
