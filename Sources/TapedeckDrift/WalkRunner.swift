public import Foundation
public import Tapedeck
public import TapedeckContracts
public import TapedeckProviders
import TapedeckSigning

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Records or replays one page walk through a cassette and checks it: the
/// pipeline the demo, the scenario runner and drift runs share.
/// walk (PaginatingClient) → record or replay (CassetteSession) → redact → store → check.
public struct WalkRunner: Sendable {
    /// What one run did and found.
    public struct Run: Sendable {
        public var walk: PaginatingClient.Walk
        public var session: CassetteSummary
        public var report: CheckReport
    }

    public var contract: Contract
    public var rules: Set<ContractRule>
    public var allowances: [Allowance]
    public var redactor: Redactor
    /// "Now" for signatures and `recordedAt`.
    public var clock: TapedeckClock

    public init(
        contract: Contract, rules: Set<ContractRule> = Set(ContractRule.allCases), allowances: [Allowance] = [],
        redactor: Redactor = ProfileCatalogue.standardRedactor, clock: TapedeckClock = .current
    ) {
        self.contract = contract
        self.rules = rules
        self.allowances = allowances
        self.redactor = redactor
        self.clock = clock
    }

    /// Walks a scenario from `baseURL`: its relative times written at the clock's
    /// "now", and noted in the recording with the expressions that gave them.
    /// - Throws: as `run(firstPage:…)`, and `InputError` for a relative time with no format.
    public func run(
        _ scenario: Scenario, baseURL: URL, cassette: URL, mode: RecordMode, credentials: ProviderCredentials? = nil,
        maximumPages: Int? = nil
    ) async throws -> Run {
        let (url, relativeTimes) = try scenario.firstPage(baseURL: baseURL, contract: contract, now: clock.now())
        return try await run(
            firstPage: url, cassette: cassette, mode: mode, credentials: credentials, maximumPages: maximumPages ?? scenario.maximumPages ?? 1_000,
            relativeTimes: relativeTimes)
    }

    /// Walks from `firstPage` through the cassette at `cassette` in `mode`,
    /// signing each request with `signer` (its secrets are scrubbed from the
    /// recording too), then checks what the cassette holds. Each request that sends
    /// a value of `relativeTimes` is recorded with the expression that gave it.
    /// - Throws: `InputError` for a cassette that does not read or cannot be written,
    ///   or the transport error of a request that failed outside the cassette.
    public func run(
        firstPage: URL, cassette: URL, mode: RecordMode, credentials: ProviderCredentials? = nil, maximumPages: Int = 1_000,
        relativeTimes: [RelativeTime.Binding] = []
    ) async throws -> Run {
        let scrubber = redactor.addingLiteralSecrets(credentials?.secretValues ?? [])
        let session = try CassetteSession(
            CassetteConfiguration(file: cassette, mode: mode, redactor: scrubber, clock: clock, relativeTimes: relativeTimes))
        let signer = credentials?.signer
        let clock = clock
        let client = PaginatingClient(contract: contract, session: session.urlSession(), maximumPages: maximumPages) { request in
            try signer?.sign(&request, date: clock.now())
        }
        let walk: PaginatingClient.Walk
        do {
            walk = try await client.walk(firstPage)
        } catch {
            try session.finish(save: false)
            if let miss = session.misses.first { throw InputError(file: cassette.path, expected: "a recorded answer for every page", found: miss.description) }
            throw error
        }
        let summary = try session.finish()
        let recording = try CassetteStore.load(cassette)
        let report = ContractChecker(contract: contract, rules: rules, allowances: allowances)
            .check(recording, recording: cassette.lastPathComponent)
        return Run(walk: walk, session: summary, report: report)
    }
}
