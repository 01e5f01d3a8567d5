import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckDrift
import TapedeckProviders
import TapedeckSimulator
import TapedeckTestSupport
import Testing

/// Drift runs against the bundled simulator: each drift switch yields exactly
/// its expected findings and classes, and with no drift nothing is reported.
/// The committed side is recorded by the test itself (into a scratch
/// Cassettes/ folder) from the simulator with no drift, using the repository's
/// scenarios and contracts.
struct SimulatorDriftTests {
    static let root = PackageRoot.url

    struct Expectation: Sendable, CustomTestStringConvertible {
        var drift: DriftKind
        var scenario: String
        /// `kind` or `contract-violation/rule`, each with its class.
        var findings: [String: DriftClass]
        var testDescription: String { drift.rawValue }
    }

    static let expectations: [Expectation] = [
        .init(drift: .enumValue, scenario: "huawei-iotda-walk", findings: ["enum-value-added": .possiblyBreaking, "contract-violation/enum-value": .breaking]),
        .init(drift: .requiredField, scenario: "huawei-iotda-walk", findings: ["field-removed": .breaking, "contract-violation/required-field": .breaking]),
        .init(drift: .fieldType, scenario: "huawei-iotda-walk", findings: ["type-changed": .breaking, "contract-violation/field-type": .breaking]),
        .init(
            drift: .markerMonotonic, scenario: "huawei-iotda-walk",
            findings: ["contract-violation/marker-monotonic": .breaking, "contract-violation/no-duplicates": .breaking]),
        .init(drift: .noDuplicates, scenario: "yandex-backup-walk", findings: ["contract-violation/no-duplicates": .breaking]),
        .init(
            drift: .totalStable, scenario: "huawei-kafka-walk",
            findings: ["contract-violation/total-stable": .breaking, "contract-violation/total-matches": .breaking]),
        .init(drift: .pageSize, scenario: "huawei-kafka-walk", findings: ["page-size-changed": .possiblyBreaking, "contract-violation/page-size": .breaking]),
        .init(
            drift: .cursorTerminates, scenario: "yandex-backup-walk",
            findings: ["contract-violation/cursor-terminates": .breaking, "contract-violation/no-duplicates": .breaking]),
        .init(drift: .timeFormat, scenario: "otc-ddm-walk", findings: ["contract-violation/time-format": .breaking]),
        .init(drift: .echoMismatch, scenario: "otc-ddm-walk", findings: ["contract-violation/echo-mismatch": .breaking]),
        .init(drift: .timeWindow, scenario: "otc-ddm-inverted-window", findings: ["status-changed": .breaking, "contract-violation/time-window": .breaking]),
        .init(drift: .filterHonored, scenario: "alibaba-petadata-filtered", findings: ["contract-violation/filter-honored": .breaking]),
        .init(drift: .errorShape, scenario: "huawei-kafka-error", findings: ["field-removed": .breaking, "field-added": .nonBreaking]),
    ]

    @Test func everyDriftSwitchHasAnExpectation() {
        #expect(Set(Self.expectations.map(\.drift)) == Set(DriftKind.allCases))
    }

    static func runner(cassettes: URL, update: Bool = false) throws -> DriftRunner {
        DriftRunner(
            catalogue: ContractCatalogue.builtIn, config: DriftConfig(),
            cassettes: cassettes, scratch: cassettes.appendingPathComponent("fresh-\(UUID().uuidString)"), update: update)
    }

    static func endpoint(_ scenario: Scenario, _ simulator: ProviderSimulator) throws -> DriftRunner.Endpoint {
        let provider = try #require(ProviderID(rawValue: scenario.provider))
        return DriftRunner.Endpoint(baseURL: simulator.baseURL(for: provider), credentials: .simulator(for: provider))
    }

    @Test(arguments: expectations)
    func eachDriftYieldsExactlyItsFindings(_ expectation: Expectation) async throws {
        let scenarios = try Scenario.all(in: Self.root.appendingPathComponent("Scenarios"))
        let scenario = try #require(scenarios.first { $0.name == expectation.scenario })
        let cassettes = try scratchFolder("tapedeck-drift-tests")
        defer { try? FileManager.default.removeItem(at: cassettes) }
        let simulator = ProviderSimulator()
        try await simulator.start()
        _ = try await Self.runner(cassettes: cassettes, update: true).check(scenario, at: try Self.endpoint(scenario, simulator))
        let committed = try Data(contentsOf: try CassetteStore(root: cassettes).url(for: scenario.cassette))

        simulator.setDrifts([expectation.drift])
        let result = try await Self.runner(cassettes: cassettes).check(scenario, at: try Self.endpoint(scenario, simulator))
        try await simulator.stop()

        var found: [String: DriftClass] = [:]
        for finding in result.findings {
            found[finding.kind.rawValue + (finding.rule.map { "/" + $0 } ?? "")] = finding.driftClass
        }
        #expect(found == expectation.findings, "\(result.findings.map(\.summary))")
        #expect(result.findings.allSatisfy { $0.reproduce.contains(result.freshCassette) })
        #expect(
            try Data(contentsOf: try CassetteStore(root: cassettes).url(for: scenario.cassette)) == committed,
            "the committed cassette is never written without update")
    }

    @Test func withNoDriftTwoConsecutiveRunsReportNothing() async throws {
        let scenarios = try Scenario.all(in: Self.root.appendingPathComponent("Scenarios")).filter { !$0.replayOnly }
        #expect(scenarios.count >= 10)
        let cassettes = try scratchFolder("tapedeck-drift-tests")
        defer { try? FileManager.default.removeItem(at: cassettes) }
        let simulator = ProviderSimulator()
        try await simulator.start()
        let recorder = try Self.runner(cassettes: cassettes, update: true)
        for scenario in scenarios { _ = try await recorder.check(scenario, at: try Self.endpoint(scenario, simulator)) }
        for _ in 1...2 {
            let runner = try Self.runner(cassettes: cassettes)
            var results: [DriftReport.ScenarioResult] = []
            for scenario in scenarios { results.append(try await runner.check(scenario, at: try Self.endpoint(scenario, simulator))) }
            let report = DriftReport(results: results)
            #expect(report.findings.isEmpty, "\(report.render(.text))")
            #expect(!report.fails(at: .nonBreaking))
        }
        try await simulator.stop()
    }

    /// The committed walk of `otc-ddm-walk` recorded into a scratch Cassettes/, and the scenario.
    static func committedWalk(_ simulator: ProviderSimulator) async throws -> (Scenario, URL, Data) {
        let scenario = try #require(try Scenario.all(in: root.appendingPathComponent("Scenarios")).first { $0.name == "otc-ddm-walk" })
        let cassettes = try scratchFolder("tapedeck-drift-tests")
        _ = try await runner(cassettes: cassettes, update: true).check(scenario, at: try endpoint(scenario, simulator))
        return (scenario, cassettes, try Data(contentsOf: try CassetteStore(root: cassettes).url(for: scenario.cassette)))
    }

    @Test func anExpiredAbsoluteWindowFailsTheScenarioAndKeepsTheCassette() async throws {
        let simulator = ProviderSimulator()
        try await simulator.start()
        let (relative, cassettes, committed) = try await Self.committedWalk(simulator)
        defer { try? FileManager.default.removeItem(at: cassettes) }
        var expired = relative
        // The seed page's own window (May 2025): DDM refuses a start more than 30 days back.
        expired.query = [
            URLQueryItem(name: "offset", value: "0"), URLQueryItem(name: "limit", value: "16"),
            URLQueryItem(name: "start_time", value: "1746028800000"), URLQueryItem(name: "end_time", value: "1747319097182"),
        ]
        expired.relativeTimes = []
        let result = try await Self.runner(cassettes: cassettes, update: true).check(expired, at: try Self.endpoint(expired, simulator))
        try await simulator.stop()
        #expect(result.findings.map(\.kind) == [.scenarioFailed])
        #expect(result.findings.first?.driftClass == .breaking)
        #expect(result.findings.first?.new.contains("status 400") == true)
        #expect(result.findings.first?.new.contains("start_time cannot be earlier than 30 days") == true)
        #expect(try Data(contentsOf: try CassetteStore(root: cassettes).url(for: relative.cassette)) == committed)
    }

    @Test func anEndpointThatDoesNotAnswerFailsTheScenario() async throws {
        let simulator = ProviderSimulator()
        try await simulator.start()
        let (scenario, cassettes, committed) = try await Self.committedWalk(simulator)
        defer { try? FileManager.default.removeItem(at: cassettes) }
        let gone = try Self.endpoint(scenario, simulator)
        try await simulator.stop()
        let result = try await Self.runner(cassettes: cassettes, update: true).check(scenario, at: gone)
        #expect(result.findings.map(\.kind) == [.scenarioFailed])
        #expect(result.findings.first?.new.hasPrefix("no answer") == true)
        #expect(try Data(contentsOf: try CassetteStore(root: cassettes).url(for: scenario.cassette)) == committed)
    }

    @Test func aStaleCommittedCassetteIsWarnedAbout() async throws {
        let scenario = try #require(try Scenario.all(in: Self.root.appendingPathComponent("Scenarios")).first { $0.name == "otc-ddm-walk" })
        let cassettes = try scratchFolder("tapedeck-drift-tests")
        defer { try? FileManager.default.removeItem(at: cassettes) }
        let simulator = ProviderSimulator()
        try await simulator.start()
        _ = try await Self.runner(cassettes: cassettes, update: true).check(scenario, at: try Self.endpoint(scenario, simulator))
        var runner = try Self.runner(cassettes: cassettes)
        runner.config.maximumAgeDays = 30
        let fresh = try await runner.check(scenario, at: try Self.endpoint(scenario, simulator))
        #expect(fresh.warnings.isEmpty)
        let later = try await runner.check(
            scenario, at: try Self.endpoint(scenario, simulator), now: TapedeckClock.current.now().addingTimeInterval(45 * 86_400))
        try await simulator.stop()
        #expect(later.warnings.count == 1)
        #expect(later.warnings.first?.contains("recorded 45 days ago (more than 30)") == true)
    }
}
