public import Tapedeck

/// One check of recordings against the contracts, as `check`, `trim` and `repro`
/// run it: each exchange routed once (`ExchangeRouter`), or every exchange to
/// `provider`'s contract when one is named, then each route checked with the
/// match routing found.
///
/// ```swift
/// let run = CheckRun(catalogue: try ContractCatalogue.resolve(nil))
/// let (reports, uncovered) = try run.check(cassette, recording: "walk.json")
/// ```
public struct CheckRun: Sendable {
    public let catalogue: ContractCatalogue
    /// The provider every exchange is checked against; `nil` routes each exchange to its contract.
    public var provider: String?
    /// Known deviations: reported, but they do not fail.
    public var allowances: [Allowance]
    /// The rules to run (all by default).
    public var rules: Set<ContractRule>

    public init(
        catalogue: ContractCatalogue, provider: String? = nil, allowances: [Allowance] = [],
        rules: Set<ContractRule> = Set(ContractRule.allCases)
    ) {
        self.catalogue = catalogue
        self.provider = provider
        self.allowances = allowances
        self.rules = rules
    }

    /// Checks one recording (`recording` names it in reports): a report per provider it
    /// holds exchanges of, numbered as the recording is, and the exchanges no contract documents.
    /// - Throws: `InputError` when `provider` has no contract, or when no exchange is a provider API's.
    public func check(_ cassette: Cassette, recording: String) throws(InputError) -> (reports: [CheckReport], uncovered: [Int]) {
        if let provider {
            let checker = ContractChecker(contract: try catalogue.contract(for: provider), rules: rules, allowances: allowances)
            return ([checker.check(cassette, recording: recording)], [])
        }
        let routed = ExchangeRouter(catalogue: catalogue).check(cassette, recording: recording, rules: rules, allowances: allowances)
        guard !routed.reports.isEmpty else {
            throw InputError(
                file: recording, expected: "requests to a provider with a contract", found: "none that match",
                hint: "Pass --provider ID or --contracts PATH")
        }
        return routed
    }

    /// The one contract a command about one provider works on (`trim`, `repro`), and the
    /// exchanges routing gave it: `provider`'s, with every exchange; else, of the providers
    /// the exchanges are routed to, the first whose walk breaks its contract, or the first.
    /// - Throws: `InputError` naming `location` in `file` when no exchange is a provider
    ///   API's, or `--provider` when it has no contract.
    public func focus(
        _ cassette: Cassette, file: String, location: InputError.Location = .file
    ) throws(InputError) -> (contract: Contract, exchanges: [Int]) {
        if let provider { return (try catalogue.contract(for: provider), Array(cassette.interactions.indices)) }
        let router = ExchangeRouter(catalogue: catalogue)
        let routing = router.route(cassette.interactions)
        let reports = router.check(routing, recording: file, rules: rules, allowances: allowances)
        guard let chosen = reports.indices.first(where: { !reports[$0].isClean }) ?? reports.indices.first else {
            let first = cassette.interactions.first.map { ", the first \"\($0.request.url.prefix(120))\"" } ?? ""
            throw InputError(
                file: file, location: location,
                expected: "requests to a provider API with a contract (" + catalogue.contracts.map(\.provider).joined(separator: ", ") + ")",
                found: "none of the \(routing.uncovered.count) entries" + first,
                hint: "Pass --provider ID, or check that the recording holds the API's requests")
        }
        return (routing.routes[chosen].contract, routing.routes[chosen].exchanges)
    }
}
