import ArgumentParser
import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckDrift
import TapedeckProviders
import TapedeckSimulator

/// `tapedeck drift`: has a provider quietly changed its API since the cassettes were recorded?
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Re-record scenarios from their live endpoints and report API drift.",
        discussion: """
            Each scenario (all in Scenarios/ that are not replay-only, unless named) is re-recorded twice \
            into a scratch folder, never over the committed cassettes unless --update. The second \
            recording tells which values always change (ids, times, tokens): those are never drift. The \
            fresh recording is checked against the contract, and its shape (fields, JSON types, \
            nullability, enumeration values, statuses, page sizes) compared with the committed one. \
            Changes are classified like oasdiff's: breaking (a field removed, a type changed, a field \
            now null, a contract violation), possibly breaking (a new enumeration value, an optional \
            field gone), non-breaking (a new field).

            Endpoints: with --simulator the bundled simulator (with --drift switches); otherwise \
            TAPEDECK_BASE_URL_<PROVIDER> (e.g. TAPEDECK_BASE_URL_HUAWEI_IOTDA) and the provider's \
            credential variables (see docs/ci.md).

            A scenario that cannot be re-recorded (the endpoint does not answer, or every page answers \
            an error where the committed walk succeeded: an expired window, missing or wrong \
            credentials) is reported as scenario-failed with the status and the provider's error body, \
            never as "no drift", and --update keeps its committed cassette.

            Exit status: 0 nothing found; 1 a finding not accepted at or above --fail-on (or a stale \
            cassette with --fail-on-age); 2 bad input or usage; 3 a scenario could not be re-recorded \
            (this wins over 1).
            """
    )

    @Argument(help: "Scenario names (file names without .yaml); all when none.")
    var scenarios: [String] = []

    @Option(help: "Report format: \(DriftReport.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format = "text"

    @Option(help: "Fail at this class or above: breaking, possibly-breaking, any.")
    var failOn = "breaking"

    @Flag(help: "Replace the committed cassettes by the fresh recordings.")
    var update = false

    @Flag(help: "Record from the bundled provider simulator instead of live endpoints.")
    var simulator = false

    @Option(name: .customLong("drift"), help: "With --simulator, a drift switch to turn on. Repeatable.")
    var drifts: [String] = []

    @Option(help: "The drift config file (severity overrides, accepted changes, excludes, max-age-days).")
    var config: String?

    @Option(help: "Where fresh recordings go (default: a new temporary folder).")
    var scratch: String?

    @Option(help: "Warn about committed cassettes older than this many days.")
    var maxAge: Int?

    @Flag(help: "A cassette older than the maximum age fails the run.")
    var failOnAge = false

    @Option(help: "Also write the report to this file.")
    var output: String?

    func run() async throws {
        guard let reportFormat = DriftReport.Format(rawValue: format) else {
            throw ValidationError("--format is one of \(DriftReport.Format.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(format)\"")
        }
        let threshold: DriftClass
        switch failOn {
        case "any": threshold = .nonBreaking
        case let name:
            guard let value = DriftClass(rawValue: name) else {
                throw ValidationError("--fail-on is breaking, possibly-breaking or any, not \"\(failOn)\"")
            }
            threshold = value
        }
        let kinds = try drifts.map { name in
            guard let kind = DriftKind(rawValue: name) else {
                throw ValidationError("unknown drift \"\(name)\"; known: \(DriftKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
        guard kinds.isEmpty || simulator else { throw ValidationError("--drift switches the simulator's drifts: add --simulator") }
        guard let contracts = ContractCatalogue.defaultDirectory() else {
            throw InputError(
                file: FileManager.default.currentDirectoryPath, expected: "a Scenarios/contracts folder here or above", found: "none",
                hint: "Run tapedeck drift from the repository that holds Scenarios/ and Cassettes/")
        }
        let root = contracts.deletingLastPathComponent().deletingLastPathComponent()
        var settings = try config.map { try DriftConfig(contentsOf: URL(fileURLWithPath: $0)) } ?? DriftConfig()
        if let maxAge { settings.maximumAgeDays = maxAge }
        let selected = try select(from: Scenario.all(in: root.appendingPathComponent("Scenarios")))
        let folder = scratch.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-drift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = DriftRunner(
            catalogue: try ContractCatalogue(directory: contracts), config: settings, cassettes: root.appendingPathComponent("Cassettes"),
            scratch: folder, update: update)

        var provider: ProviderSimulator?
        if simulator {
            let started = ProviderSimulator(configuration: SimulatorConfiguration(drifts: Set(kinds)))
            try await started.start()
            provider = started
        }
        var results: [DriftReport.ScenarioResult] = []
        for scenario in selected {
            results.append(try await runner.check(scenario, at: try endpoint(for: scenario, simulator: provider)))
        }
        try await provider?.stop()
        let report = DriftReport(results: results)
        let rendered = report.render(reportFormat)
        print(rendered, terminator: "")
        if let output { try AtomicFile.write(Data(rendered.utf8), to: URL(fileURLWithPath: output)) }
        if report.findings.contains(where: { $0.kind == .scenarioFailed }) { throw ExitCode.scenarioFailed }
        let stale = results.contains { !$0.warnings.isEmpty }
        if report.fails(at: threshold) || (failOnAge && stale) { throw ExitCode.findings }
    }

    private func select(from all: [Scenario]) throws -> [Scenario] {
        guard !scenarios.isEmpty else { return all.filter { !$0.replayOnly } }
        return try scenarios.map { name in
            let wanted = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            guard let scenario = all.first(where: { $0.name == wanted }) else {
                throw ValidationError("no scenario \"\(name)\" in Scenarios/; known: \(all.map(\.name).joined(separator: ", "))")
            }
            guard !scenario.replayOnly else {
                throw ValidationError("\(scenario.name) is replay-only (a fixed exhibit): it has no live endpoint to drift from")
            }
            return scenario
        }
    }

    private func endpoint(for scenario: Scenario, simulator: ProviderSimulator?) throws -> DriftRunner.Endpoint {
        guard let provider = ProviderID(rawValue: scenario.provider) else {
            throw InputError(file: scenario.file, expected: "a known provider id", found: "\"\(scenario.provider)\"")
        }
        if let simulator { return DriftRunner.Endpoint(baseURL: simulator.baseURL(for: provider), credentials: .simulator(for: provider)) }
        let variable = "TAPEDECK_BASE_URL_" + provider.rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
        guard let text = ProcessInfo.processInfo.environment[variable], let url = URL(string: text) else {
            throw InputError(
                file: scenario.file, expected: "the provider's base URL in \(variable)", found: "no such variable",
                hint: "Set it (and the credential variables, see docs/ci.md), or pass --simulator")
        }
        return DriftRunner.Endpoint(baseURL: url, credentials: .fromEnvironment(for: provider))
    }
}
