public import Tapedeck

/// Sends each exchange of a recording to the contract whose operation it is
/// (method, documented path, identifying query or form values), so a HAR from
/// devtools or mitmproxy with several APIs, static files and unrelated calls is
/// checked per provider. What no contract documents is counted, never reported.
public struct ExchangeRouter: Sendable {
    /// The exchanges one contract documents, by their index in the recording.
    public struct Route: Sendable {
        public var contract: Contract
        public var exchanges: [Int]
        /// The same exchanges as routing took them apart and matched them, for the checker.
        var matched: [Exchange]
    }

    /// Where every exchange went.
    public struct Routing: Sendable {
        public var routes: [Route]
        /// Exchanges no contract documents (not checked).
        public var uncovered: [Int]
    }

    public let catalogue: ContractCatalogue

    public init(catalogue: ContractCatalogue) { self.catalogue = catalogue }

    /// Routes by host, then exact operation match: an exchange on a host the
    /// contract does not answer at (`ContractHosts`) is never its. When nothing
    /// matches exactly, the exchanges on its hosts go to the contract with the
    /// closest documented path (a single-provider recording whose path is
    /// mistyped is still checked, and its path reported), or nowhere. Each
    /// exchange is taken apart and matched once; the checker reuses the match.
    public func route(_ interactions: [Interaction]) -> Routing {
        var routes: [Route] = []
        var uncovered: [Int] = []
        let hosts = catalogue.contracts.map { catalogue.hosts(of: $0) }
        for (index, interaction) in interactions.enumerated() {
            var found: (exchange: Exchange, contract: Contract)?
            for (position, contract) in catalogue.contracts.enumerated() where hosts[position].admits(url: interaction.request.url) {
                if let exchange = Self.exchange(index, interaction, contract: contract, exactOnly: true) {
                    found = (exchange, contract)
                    break
                }
            }
            guard let (exchange, contract) = found else {
                uncovered.append(index)
                continue
            }
            if let position = routes.firstIndex(where: { $0.contract.provider == contract.provider }) {
                routes[position].exchanges.append(index)
                routes[position].matched.append(exchange)
            } else {
                routes.append(Route(contract: contract, exchanges: [index], matched: [exchange]))
            }
        }
        if routes.isEmpty, let closest = catalogue.detect(interactions) {
            let admitted = interactions.indices.filter { catalogue.hosts(of: closest).admits(url: interactions[$0].request.url) }
            let matched = admitted.compactMap { Self.exchange($0, interactions[$0], contract: closest, exactOnly: false) }
            return Routing(
                routes: [Route(contract: closest, exchanges: admitted, matched: matched)],
                uncovered: interactions.indices.filter { !admitted.contains($0) })
        }
        return Routing(routes: routes, uncovered: uncovered)
    }

    /// `interaction` taken apart for `contract`, when its path matches an operation exactly (or, unless `exactOnly`, at all).
    private static func exchange(_ index: Int, _ interaction: Interaction, contract: Contract, exactOnly: Bool) -> Exchange? {
        let target = contract.relative(RequestTarget(request: interaction.request))
        let match = contract.operation(for: target, method: interaction.request.method)
        guard !exactOnly || match?.exact == true else { return nil }
        return Exchange(index: index, interaction: interaction, contract: contract, target: target, match: match)
    }

    /// Checks each route against its contract: one report per provider, whose
    /// exchange numbers are the recording's.
    public func check(
        _ cassette: Cassette, recording: String, rules: Set<ContractRule> = Set(ContractRule.allCases), allowances: [Allowance] = []
    ) -> (reports: [CheckReport], uncovered: [Int]) {
        let routing = route(cassette.interactions)
        return (check(routing, recording: recording, rules: rules, allowances: allowances), routing.uncovered)
    }

    /// Checks each route of `routing` with the matches routing found: one report per provider.
    func check(_ routing: Routing, recording: String, rules: Set<ContractRule>, allowances: [Allowance]) -> [CheckReport] {
        routing.routes.map { route in
            ContractChecker(contract: route.contract, rules: rules, allowances: allowances)
                .check(exchanges: route.matched, recording: recording).numbered(by: route.exchanges)
        }
    }
}

extension CheckReport {
    /// The report with exchange numbers mapped through `indices` (a subset's position → the recording's index).
    func numbered(by indices: [Int]) -> CheckReport {
        var report = self
        for index in report.violations.indices { report.violations[index].exchange = indices[report.violations[index].exchange] }
        for index in report.walks.indices { report.walks[index].exchanges = report.walks[index].exchanges.map { indices[$0] } }
        return report
    }
}
