public import Tapedeck

extension ContractCatalogue {
    /// The contract to check `cassette` against: `provider`'s when given, else the one its requests match.
    /// - Throws: `InputError` naming `file` when no contract matches, or `--provider` when it has no contract.
    public func contract(provider: String?, for cassette: Cassette, file: String) throws(InputError) -> Contract {
        if let provider { return try contract(for: provider) }
        guard let detected = detect(cassette.interactions) else {
            throw InputError(
                file: file, expected: "requests to a provider with a contract (" + contracts.map(\.provider).joined(separator: ", ") + ")",
                found: "none that match", hint: "Pass --provider ID or --contracts DIR")
        }
        return detected
    }
}
