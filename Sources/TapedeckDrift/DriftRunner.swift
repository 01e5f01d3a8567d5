public import Foundation
public import Tapedeck
public import TapedeckContracts
public import TapedeckProviders

/// Re-records a scenario from its live endpoint into a scratch folder (twice,
/// to learn which values are volatile), checks the fresh recording against the
/// contract, and compares it with the committed cassette. A re-recording that
/// fails (no answer, or an error for every page where the committed walk
/// succeeded) is reported as `scenario-failed`, never as "no drift", and never
/// replaces the committed cassette.
public struct DriftRunner: Sendable {
    /// Where a provider answers, and how to sign for it.
    public struct Endpoint: Sendable {
        public var baseURL: URL
        public var credentials: ProviderCredentials?

        public init(baseURL: URL, credentials: ProviderCredentials?) {
            self.baseURL = baseURL
            self.credentials = credentials
        }
    }

    public var catalogue: ContractCatalogue
    public var config: DriftConfig
    /// The committed cassettes (`Cassettes/`).
    public var cassettes: URL
    /// Where fresh recordings go; committed cassettes are never written unless `update`.
    public var scratch: URL
    /// Replace each committed cassette by its fresh recording.
    public var update: Bool

    public init(catalogue: ContractCatalogue, config: DriftConfig, cassettes: URL, scratch: URL, update: Bool = false) {
        self.catalogue = catalogue
        self.config = config
        self.cassettes = cassettes
        self.scratch = scratch
        self.update = update
    }

    /// Checks one scenario against `endpoint`.
    /// - Throws: `InputError` for a committed cassette, scenario or contract that does not read.
    public func check(_ scenario: Scenario, at endpoint: Endpoint, now: Date = TapedeckClock.current.now()) async throws -> DriftReport.ScenarioResult {
        let committedFile = try CassetteStore(root: cassettes).url(for: scenario.cassette)
        let exists = FileManager.default.fileExists(atPath: committedFile.path)
        guard exists || update else {
            throw InputError(
                file: committedFile.path, expected: "the committed cassette of scenario \(scenario.name)", found: "no such file",
                hint: "Record it first: tapedeck drift \(scenario.name) --update")
        }
        let runner = WalkRunner(
            contract: try catalogue.contract(for: scenario.provider), rules: scenario.rules, allowances: scenario.allowances,
            redactor: try catalogue.profiles.redactor())
        let committed = exists ? try CassetteStore.load(committedFile) : nil
        // A fresh walk far longer than the committed one is drift already: it need not run to the usual cap.
        let pages = min(scenario.maximumPages ?? 1_000, committed.map { $0.interactions.count * 2 + 10 } ?? 1_000)
        let fresh = scratch.appendingPathComponent("\(scenario.name).json")
        let second = scratch.appendingPathComponent("\(scenario.name).second.json")
        var run: WalkRunner.Run?
        for file in [fresh, second] {
            do {
                let result = try await runner.run(
                    scenario, baseURL: endpoint.baseURL, cassette: file, mode: .all, credentials: endpoint.credentials, maximumPages: pages)
                run = run ?? result
            } catch let error as InputError {
                throw error
            } catch {
                // The error of a transport, without the URL it names (a query may carry a credential).
                let reason = (error as? URLError).map { "no answer (URLError \($0.errorCode))" } ?? "no answer (\(type(of: error)))"
                return Self.failed(scenario, reason: reason, freshCassette: fresh.path, committed: committed)
            }
        }
        let freshInteractions = try CassetteStore.load(fresh).interactions
        if let committed, let failure = Self.failure(of: freshInteractions, where: committed) {
            return Self.failed(scenario, reason: failure, freshCassette: fresh.path, committed: committed)
        }
        guard let committed else {
            try CassetteStore.write(try CassetteStore.load(fresh), to: committedFile)
            return DriftReport.ScenarioResult(
                scenario: scenario.name, findings: [], freshCassette: fresh.path,
                warnings: ["\(scenario.cassette) did not exist: recorded it, nothing to compare yet"])
        }
        let shared = Set(committed.interactions.map { $0.response.status / 100 }).intersection(freshInteractions.map { $0.response.status / 100 })
        let freshShape = ResponseShape(freshInteractions, bodiesOf: shared)
        let diff = ShapeDiff(
            committed: ResponseShape(committed.interactions, bodiesOf: shared), fresh: freshShape,
            volatile: VolatilePaths.learn(freshShape, ResponseShape(try CassetteStore.load(second).interactions, bodiesOf: shared)),
            excluded: config.excluded)
        let reproduce = "tapedeck serve \(fresh.path) (the fresh recording), or tapedeck drift \(scenario.name) --update && swift test --filter ScenarioTests"
        var findings = diff.changes().map {
            DriftFinding(scenario: scenario.name, kind: $0.kind, path: $0.path, old: $0.old, new: $0.new, reproduce: reproduce)
        }
        var seen: Set<String> = []
        for violation in run?.report.failures ?? [] where !scenario.expectedViolations.contains(violation.rule) {
            guard seen.insert(violation.rule.rawValue + violation.pathPattern).inserted else { continue }
            findings.append(
                DriftFinding(
                    scenario: scenario.name, kind: .contractViolation, path: violation.pathPattern, old: "within the contract",
                    new: violation.message, rule: violation.rule.rawValue, reproduce: reproduce))
        }
        if update { try CassetteStore.write(try CassetteStore.load(fresh), to: committedFile) }
        let warnings = config.maximumAgeDays.flatMap {
            CassetteAge.warning(for: committed, named: scenario.cassette, maximumDays: $0, now: now)
        }
        return DriftReport.ScenarioResult(
            scenario: scenario.name, findings: findings.map(config.settle), freshCassette: fresh.path, warnings: warnings.map { [$0] } ?? [])
    }

    /// How a fresh walk failed where the committed one succeeded: every page an
    /// error, with the first page's status and (redacted, shortened) error body; `nil` otherwise.
    static func failure(of fresh: [Interaction], where committed: Cassette) -> String? {
        let succeeded = committed.interactions.contains { (200..<300).contains($0.response.status) }
        guard succeeded, let first = fresh.first, fresh.allSatisfy({ $0.response.status >= 400 }) else { return nil }
        let body = String(decoding: first.response.body.data, as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        let excerpt = body.count > 200 ? body.prefix(200) + "…" : Substring(body)
        return "every page answered an error: status \(first.response.status)" + (excerpt.isEmpty ? "" : ", \(excerpt)")
    }

    /// The result of a scenario that could not be re-recorded: one `scenario-failed` finding, the committed cassette kept.
    private static func failed(_ scenario: Scenario, reason: String, freshCassette: String, committed: Cassette?) -> DriftReport.ScenarioResult {
        let finding = DriftFinding(
            scenario: scenario.name, kind: .scenarioFailed, path: "walk",
            old: committed == nil ? "no committed recording" : "the committed walk succeeded", new: reason,
            reproduce: "tapedeck drift \(scenario.name) (check the window, the credentials and the endpoint)")
        return DriftReport.ScenarioResult(
            scenario: scenario.name, findings: [finding], freshCassette: freshCassette,
            warnings: ["\(scenario.cassette) was not re-recorded, and is not replaced by --update"])
    }
}
