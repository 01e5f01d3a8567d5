public import Foundation
public import Tapedeck
public import TapedeckProviders

/// Turns a bug report's HAR file into a regression test:
/// import (redacting) → route the entries to the contracts that document them
/// (other APIs and page assets are left out) → check → keep the walk that shows
/// the first violation → draft a replay-only scenario for it.
/// `Reproduction.write` then stores the cassette and the scenario.
///
/// ```swift
/// let reproduction = try Reproducer(catalogue: catalogue).reproduce(har: data, file: "report.har")
/// let written = try reproduction.write(cassettes: cassettesFolder, scenarios: scenariosFolder)
/// ```
public struct Reproducer: Sendable {
    /// The contracts the report is checked against.
    public var catalogue: ContractCatalogue
    /// Scrubs secrets from the HAR before anything else sees it.
    public var redactor: Redactor

    /// A reproducer checking against `catalogue`, redacting with `redactor`.
    public init(catalogue: ContractCatalogue, redactor: Redactor = ProfileCatalogue.standardRedactor) {
        self.catalogue = catalogue
        self.redactor = redactor
    }

    /// Reproduces the report in `har` (`file` names it in messages and is the default name's source).
    /// - Parameters:
    ///   - provider: the provider id; when `nil`, the provider whose walk breaks its contract
    ///     (or the first one found) among those the entries are routed to.
    ///   - name: the scenario and cassette name; derived from `file` when `nil`.
    ///   - expect: draft a scenario that expects the violations found instead of failing on them.
    /// - Throws: `InputError` for a HAR that does not read, one with no entry of a provider
    ///   with a contract, a provider without a contract, or a bad name.
    public func reproduce(
        har data: Data, file: String, provider: String? = nil, name: String? = nil, expect: Bool = false
    ) throws(InputError) -> Reproduction {
        let name: ReproName = if let name { try ReproName(name) } else { ReproName(derivedFrom: file) }
        let imported = try HARImporter(redactor: try catalogue.profiles.redactor(redactor)).cassette(fromHAR: data, file: file)
        guard !imported.interactions.isEmpty else {
            throw InputError(
                file: file, location: .path(Self.entries), expected: "at least one entry", found: "none",
                hint: "Export the HAR after the walk has run")
        }
        let contract = try CheckRun(catalogue: catalogue, provider: provider).focus(imported, file: file, location: .path(Self.entries)).contract
        // A devtools HAR also holds pages, scripts and icons: only requests to the API are the report.
        let requests = imported.interactions.filter { contract.operation(for: $0.request) != nil }
        guard !requests.isEmpty else {
            throw InputError(
                file: file, location: .path(Self.entries), expected: "requests to the \(contract.provider) API",
                found: "none of the \(imported.interactions.count) entries", hint: "Check --provider")
        }
        let checker = ContractChecker(contract: contract)
        let report = checker.check(requests, recording: file)
        let walk = report.walks[report.failures.first?.walk ?? 0]
        let cassette = Cassette(interactions: walk.exchanges.map { requests[$0] })
        let found = Array(Set(checker.check(cassette).failures.map(\.rule))).sorted()
        let (base, path, query) = firstPage(of: cassette.interactions[0], contract: contract)
        let pages = walk.pages == 1 ? "1 page" : "\(walk.pages) pages"
        let summary =
            found.isEmpty
            ? "Bug report \(Self.fileName(file)): a clean walk of \(pages), kept as a regression test."
            : "Bug report \(Self.fileName(file)): \(found.map(\.rawValue).joined(separator: ", ")) in a walk of \(pages)"
                + (expect ? "; the deviation must keep being caught." : "; fails until the provider or the contract is fixed.")
        let scenario = ScenarioDraft(
            name: name.rawValue, summary: summary, provider: contract.provider,
            cassette: "\(contract.provider)/\(name.rawValue).json", path: path, query: query, pages: walk.pages,
            expected: expect ? found : [])
        return Reproduction(
            report: report, cassette: cassette, baseURL: base, scenario: scenario, failingRules: found,
            leftOut: imported.interactions.count - cassette.interactions.count)
    }

    /// The base URL the walk was recorded against, and the first page's path
    /// below it and its query as sent (paging included: the walk starts where the
    /// recording does) without volatile (signature, nonce, time) parameters.
    private func firstPage(of interaction: Interaction, contract: Contract) -> (URL, String, [URLQueryItem]) {
        let url = interaction.request.url
        let target = RequestTarget(request: interaction.request)
        let below = target.operationSegments(provider: contract.provider)
        let operation = contract.operation(for: interaction.request)?.operation
        let dropped = (operation?.volatileParams ?? []).union(catalogue.profiles.profile(contract.provider)?.volatileQueryParameters ?? [])
        var seen: Set<String> = []
        var query: [URLQueryItem] = []
        for name in target.queryNames where !dropped.contains(name) && seen.insert(name).inserted {
            query.append(URLQueryItem(name: name, value: target.query[name]))
        }
        var components = URLComponents(string: url) ?? URLComponents()
        components.query = nil
        components.fragment = nil
        components.path = below.count < target.segments.count ? "/" + contract.provider : ""
        return (components.url ?? URL(fileURLWithPath: "/"), "/" + below.joined(separator: "/"), query)
    }

    /// `$.log.entries`, where errors about the HAR's entries point.
    static let entries = JSONPath.root.appending("log").appending("entries")

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
