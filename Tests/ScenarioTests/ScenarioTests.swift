import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckDrift
import TapedeckProviders
import TapedeckSimulator
import TapedeckTestSupport
import Testing

/// Every scenario in `Scenarios/*.yaml`, each its own test case: its cassette is
/// replayed through the generic paginating client and checked against the
/// provider's contract. With `TAPEDECK_RECORD=all` the same tests re-record from
/// the endpoint in `TAPEDECK_BASE_URL_<PROVIDER>` (credentials from the provider's
/// environment variables), or from the bundled simulator, started here.
struct ScenarioTests {
    static let root = PackageRoot.url
    /// The scenarios, or this CI shard's of them (`TAPEDECK_SHARD=K/N`).
    static let scenarios: [ScenarioCase] = {
        let all = (try? Scenario.all(in: root.appendingPathComponent("Scenarios"))) ?? []
        guard let text = ProcessInfo.processInfo.environment[Shard.environmentVariable] else { return all.map(ScenarioCase.init) }
        guard let shard = try? Shard(text, source: Shard.environmentVariable) else { return [] }
        return all.filter { shard.contains($0.name) }.map(ScenarioCase.init)
    }()

    @Test func everyScenarioFileReads() throws {
        // A bad TAPEDECK_SHARD must fail the run, not silently select nothing.
        if let shard = ProcessInfo.processInfo.environment[Shard.environmentVariable] {
            _ = try Shard(shard, source: Shard.environmentVariable)
        }
        let scenarios = try Scenario.all(in: Self.root.appendingPathComponent("Scenarios"))
        #expect(scenarios.count >= 20)
        for provider in ProviderID.allCases {
            #expect(
                scenarios.filter { $0.provider == provider.rawValue }.count >= 4,
                "\(provider) needs a walk, a window or filter, an error case and the seed example")
        }
    }

    @Test(arguments: scenarios)
    func scenario(_ testCase: ScenarioCase) async throws {
        let scenario = testCase.scenario
        let environment = ProcessInfo.processInfo.environment
        let mode = try RecordMode.resolve(environment: environment)
        let catalogue = ContractCatalogue.builtIn
        let contract = try catalogue.contract(for: scenario.provider)
        let cassette = try CassetteStore(root: Self.root.appendingPathComponent("Cassettes")).url(for: scenario.cassette)
        let runner = WalkRunner(contract: contract, rules: scenario.rules, allowances: scenario.allowances)
        let provider = try #require(ProviderID(rawValue: scenario.provider))

        let run: WalkRunner.Run
        if mode == .all, !scenario.replayOnly {
            var simulator: ProviderSimulator?
            let base: URL
            let credentials: ProviderCredentials?
            if let url = provider.profile.endpoint(environment: environment) {
                base = url
                credentials = ProviderCredentials.fromEnvironment(for: provider, environment: environment)
            } else {
                let started = ProviderSimulator()
                try await started.start()
                simulator = started
                base = started.baseURL(for: provider)
                credentials = .simulator(for: provider)
            }
            run = try await runner.run(scenario, baseURL: base, cassette: cassette, mode: .all, credentials: credentials)
            try await simulator?.stop()
        } else {
            let recorded = try CassetteStore.load(cassette)
            let base = try #require(Self.recordedBase(of: recorded, scenario: scenario), "the cassette's first request is not the scenario's first page")
            run = try await runner.run(
                scenario, baseURL: base, cassette: cassette, mode: .never, credentials: scenario.replayOnly ? nil : .simulator(for: provider))
            #expect(run.session.unused.isEmpty, "the walk left recorded interactions unused: \(run.session.unused)")
        }

        if !scenario.replayOnly, let days = environment[CassetteAge.maximumDaysVariable].flatMap(Int.init),
            let warning = CassetteAge.warning(for: try CassetteStore.load(cassette), named: scenario.cassette, maximumDays: days)
        {
            if environment[CassetteAge.failVariable] == "1" { Issue.record("\(warning)") } else { print("warning: \(warning)") }
        }
        for violation in run.report.failures where !scenario.expectedViolations.contains(violation.rule) {
            Issue.record("\(scenario.name): \(violation)")
        }
        for rule in scenario.expectedViolations where !run.report.failures.contains(where: { $0.rule == rule }) {
            Issue.record("\(scenario.name): expected a \(rule.rawValue) violation, found none")
        }
        #expect(!run.walk.pages.isEmpty)
    }

    /// The base URL the cassette was recorded against: its first URL without the scenario's path and query.
    static func recordedBase(of cassette: Cassette, scenario: Scenario) -> URL? {
        guard let first = cassette.interactions.first, var components = URLComponents(string: first.request.url) else { return nil }
        let path = components.path
        let suffix = scenario.path == "/" ? "/" : scenario.path
        guard path.hasSuffix(suffix) else { return nil }
        components.path = String(path.dropLast(suffix.count))
        components.query = nil
        return components.url
    }
}

/// A scenario as a test case argument, shown by its name.
struct ScenarioCase: Sendable, CustomTestStringConvertible {
    let scenario: Scenario
    var testDescription: String { scenario.name }
}
