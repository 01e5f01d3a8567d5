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
            TAPEDECK_BASE_URL_<PROVIDER> (e.g. TAPEDECK_BASE_URL_HUAWEI_IOTDA), else the baseURL of the \
            provider's profile, signed with the credentials from the variables its profile names \
            (docs/providers.md, docs/ci.md). Contracts and profiles: the built-in ones plus the \
            repository's Scenarios/contracts.

            A scenario that cannot be re-recorded (the endpoint does not answer, or every page answers \
            an error where the committed walk succeeded: an expired window, missing or wrong \
            credentials) is reported as scenario-failed with the status and the provider's error body, \
            never as "no drift", and --update keeps its committed cassette.

            On a terminal a progress line on standard error shows the scenario under way; with no \
            terminal, or with CI set, it stays quiet.

            Exit status: 0 nothing found; 1 a finding not accepted at or above --fail-on (or a stale \
            cassette with --fail-on-age); 2 bad input or usage; 3 a scenario could not be re-recorded \
            (this wins over 1).
            """
    )

    @Argument(help: "Scenario names (file names without .yaml); all when none.")
    var scenarios: [String] = []

    @Flag(help: "Replace the committed cassettes by the fresh recordings.")
    var update = false

    @Flag(help: "Record from the bundled provider simulator instead of live endpoints.")
    var simulator = false

    @Option(name: .customLong("drift"), help: "With --simulator, a drift switch to turn on. Repeatable.")
    var drifts: [DriftKind] = []

    @Option(help: "The drift config file (severity overrides, accepted changes, excludes, max-age-days).")
    var config: String?

    @Option(help: "Where fresh recordings go (default: a new temporary folder).")
    var scratch: String?

    @Option(help: "Warn about committed cassettes older than this many days.")
    var maxAge: Int?

    @OptionGroup var report: DriftReportOptions

    @Option(
        help:
            "Run only shard K of N (K/N, e.g. 2/3) of the scenarios, for a CI matrix; TAPEDECK_SHARD sets it too. Merge the shards' JSON reports with tapedeck report merge."
    )
    var shard: String?

    func run() async throws {
        let kinds = drifts
        guard kinds.isEmpty || simulator else { throw ValidationError("--drift switches the simulator's drifts: add --simulator") }
        guard let contracts = ContractCatalogue.defaultDirectory() else {
            throw InputError(
                file: FileManager.default.currentDirectoryPath, expected: "a Scenarios/contracts folder here or above", found: "none",
                hint: "Run tapedeck drift from the repository that holds Scenarios/ and Cassettes/")
        }
        let root = contracts.deletingLastPathComponent().deletingLastPathComponent()
        var settings = try config.map { try DriftConfig(contentsOf: URL(fileURLWithPath: $0)) } ?? DriftConfig()
        if let maxAge { settings.maximumAgeDays = maxAge }
        let shardText = shard ?? ProcessInfo.processInfo.environment[Shard.environmentVariable]
        let part = try shardText.map { try Shard($0, source: shard == nil ? Shard.environmentVariable : "--shard") }
        let selected = try select(from: Scenario.all(in: root.appendingPathComponent("Scenarios"))).filter { part?.contains($0.name) ?? true }
        let folder =
            scratch.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-drift-\(UUID().uuidString)")
        try Self.prepareScratch(folder, option: scratch == nil ? "the temporary folder" : "--scratch")
        let catalogue = ContractCatalogue.builtIn.adding(try ContractCatalogue(directory: contracts))
        let runner = DriftRunner(
            catalogue: catalogue, config: settings, cassettes: root.appendingPathComponent("Cassettes"),
            scratch: folder, update: update)

        var provider: ProviderSimulator?
        if simulator {
            let started = ProviderSimulator(configuration: SimulatorConfiguration(drifts: Set(kinds)))
            try await started.start()
            provider = started
        }
        var results: [DriftReport.ScenarioResult] = []
        let progress = ProgressLine("drift: scenario")
        for (index, scenario) in selected.enumerated() {
            progress.step(index + 1, of: selected.count, scenario.name)
            results.append(try await runner.check(scenario, at: try endpoint(for: scenario, in: catalogue.profiles, simulator: provider)))
        }
        progress.finish()
        try await provider?.stop()
        try report.finish(DriftReport(results: results))
    }

    /// Creates the scratch folder and writes a file into it (a check of the permission
    /// bits alone passes for root on a read-only mount), before any scenario runs.
    /// - Throws: `InputError` naming the option when the folder cannot be created or written.
    static func prepareScratch(_ folder: URL, option: String) throws(InputError) {
        let refuse = { (found: String) in
            InputError(file: folder.path, expected: "\(option) naming a folder fresh recordings can be written to", found: found, hint: "Pass --scratch FOLDER")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw refuse("a folder that cannot be created (\(error.localizedDescription))")
        }
        let probe = folder.appendingPathComponent(".tapedeck-write-check-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else {
            throw refuse("a folder that cannot be written")
        }
        try? FileManager.default.removeItem(at: probe)
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

    private func endpoint(
        for scenario: Scenario, in profiles: ProfileCatalogue, simulator: ProviderSimulator?
    ) throws -> DriftRunner.Endpoint {
        if let simulator {
            guard let provider = ProviderID(rawValue: scenario.provider) else {
                throw InputError(
                    file: scenario.file, expected: "a provider the simulator fakes (" + ProviderID.allCases.map(\.rawValue).joined(separator: ", ") + ")",
                    found: "\"\(scenario.provider)\"", hint: "Drop --simulator to walk its own endpoint")
            }
            return DriftRunner.Endpoint(baseURL: simulator.baseURL(for: provider), credentials: .simulator(for: provider))
        }
        guard let profile = profiles.profile(scenario.provider) else {
            throw InputError(
                file: scenario.file, expected: "a provider with a profile (" + profiles.profiles.map(\.id).joined(separator: ", ") + ")",
                found: "\"\(scenario.provider)\"", hint: "Add Scenarios/contracts/\(scenario.provider).profile.json (docs/providers.md)")
        }
        guard let url = profile.endpoint() else {
            throw InputError(
                file: scenario.file, expected: "the provider's base URL in \(profile.baseURLVariable) or in its profile's baseURL",
                found: "neither", hint: "Set it (and the credential variables, see docs/ci.md), or pass --simulator")
        }
        return DriftRunner.Endpoint(baseURL: url, credentials: .fromEnvironment(for: profile))
    }
}
