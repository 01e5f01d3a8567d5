import Tapedeck

/// Credentials a request must carry (`x-tapedeck-credentials`): at least one
/// of the alternatives, each a set of parameters sent together. DDM: Table 3's
/// `X-Auth-Token`, or the AK/SK signature (`Authorization` with `X-Sdk-Date`).
struct CredentialSpec: Sendable {
    var alternatives: [[String]]
    var seed: String?

    static func read(_ reader: ExtensionReader) throws(InputError) -> CredentialSpec {
        let members = try reader.object()
        var alternatives: [[String]] = []
        let list = try members.required("one-of", in: reader)
        for alternative in try list.array() {
            var names: [String] = []
            for name in try alternative.array() { names.append(try name.string()) }
            alternatives.append(names)
        }
        guard !alternatives.isEmpty, alternatives.allSatisfy({ !$0.isEmpty }) else {
            throw list.source.error(at: list.path, expected: "a list of non-empty lists of parameter names", found: "\(list.value)")
        }
        return CredentialSpec(alternatives: alternatives, seed: try members["seed"]?.string())
    }
}
