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
    /// closest documented path (a
    /// single-provider recording whose path is mistyped is still checked, and its
    /// path reported), or nowhere.
    public func route(_ interactions: [Interaction]) -> Routing {
        var routes: [Route] = []
        var uncovered: [Int] = []
        let hosts = catalogue.contracts.map { catalogue.hosts(of: $0) }
        for (index, interaction) in interactions.enumerated() {
            guard let position = catalogue.contracts.indices.first(where: {
                hosts[$0].admits(url: interaction.request.url) && catalogue.contracts[$0].routes(interaction.request)
            }) else {
                uncovered.append(index)
                continue
            }
            let contract = catalogue.contracts[position]
            if let position = routes.firstIndex(where: { $0.contract.provider == contract.provider }) {
                routes[position].exchanges.append(index)
            } else {
                routes.append(Route(contract: contract, exchanges: [index]))
            }
        }
        if routes.isEmpty, let closest = catalogue.detect(interactions) {
            let admitted = interactions.indices.filter { catalogue.hosts(of: closest).admits(url: interactions[$0].request.url) }
            return Routing(routes: [Route(contract: closest, exchanges: admitted)], uncovered: interactions.indices.filter { !admitted.contains($0) })
        }
        return Routing(routes: routes, uncovered: uncovered)
    }

    /// Checks each route against its contract: one report per provider, whose
    /// exchange numbers are the recording's.
    public func check(
        _ cassette: Cassette, recording: String, rules: Set<ContractRule> = Set(ContractRule.allCases), allowances: [Allowance] = []
    ) -> (reports: [CheckReport], uncovered: [Int]) {
        let routing = route(cassette.interactions)
        let reports = routing.routes.map { route in
            let checker = ContractChecker(contract: route.contract, rules: rules, allowances: allowances)
            return checker.check(route.exchanges.map { cassette.interactions[$0] }, recording: recording).numbered(by: route.exchanges)
        }
        return (reports, routing.uncovered)
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
