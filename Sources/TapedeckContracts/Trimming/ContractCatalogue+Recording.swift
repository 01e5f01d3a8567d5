public import Tapedeck

extension ContractCatalogue {
    /// The contract to check `cassette` against: `provider`'s when given; else, of the
    /// providers its exchanges are routed to (`ExchangeRouter`), the first whose walk
    /// breaks its contract, or the first one. `repro` and `trim` start here.
    /// - Throws: `InputError` naming `location` in `file` when no exchange is a provider
    ///   API's, or `--provider` when it has no contract.
    public func contract(
        provider: String?, for cassette: Cassette, file: String, location: InputError.Location = .file
    ) throws(InputError) -> Contract {
        if let provider { return try contract(for: provider) }
        let (reports, uncovered) = ExchangeRouter(catalogue: self).check(cassette, recording: file)
        guard let chosen = reports.first(where: { !$0.isClean }) ?? reports.first else {
            let first = cassette.interactions.first.map { ", the first \"\($0.request.url.prefix(120))\"" } ?? ""
            throw InputError(
                file: file, location: location,
                expected: "requests to a provider API with a contract (" + contracts.map(\.provider).joined(separator: ", ") + ")",
                found: "none of the \(uncovered.count) entries" + first,
                hint: "Pass --provider ID, or check that the recording holds the API's requests")
        }
        return try contract(for: chosen.provider)
    }
}
