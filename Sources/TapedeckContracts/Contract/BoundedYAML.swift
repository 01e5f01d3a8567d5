import Tapedeck
import Yams

/// YAML composed with a bound on its size once aliases are expanded. Yams
/// shares an aliased node instead of copying it, but whatever walks the tree
/// (a decoder, a reader) visits it once per alias: a few hundred bytes of
/// nested aliases ("billion laughs") would take for ever. Contracts and
/// scenarios are composed here and refused, located, when they grow too large.
enum BoundedYAML {
    /// The most nodes a document may hold with every alias expanded: far above
    /// any contract (the largest bundled one has a few thousand), far below a hang.
    static let maximumNodes = 200_000
    /// The deepest nesting a document may have.
    static let maximumDepth = 256

    /// The document's root node, or `nil` for an empty document. `resolver` says which
    /// scalars get a type tag (`YAMLDecoder` decodes with merge keys only).
    /// - Throws: `InputError` with the line and column for malformed YAML, or naming
    ///   the alias that makes the document too large or too deep.
    static func compose(_ text: String, file: String, resolver: Resolver = .default) throws(InputError) -> Node? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, resolver)
        } catch let error as YamlError {
            throw located(error, file: file)
        } catch {
            throw InputError(file: file, expected: "well-formed YAML", found: "\(error)")
        }
        guard let root else { return nil }
        var budget = maximumNodes
        try count(root, depth: 0, budget: &budget, file: file)
        return root
    }

    private static func count(_ node: Node, depth: Int, budget: inout Int, file: String) throws(InputError) {
        budget -= 1
        guard budget >= 0, depth <= maximumDepth else {
            let found = budget < 0 ? "more once its aliases are expanded" : "deeper nesting"
            let expected = budget < 0 ? "at most \(maximumNodes) YAML nodes" : "at most \(maximumDepth) levels of nesting"
            let location: InputError.Location = node.mark.map { .line($0.line, column: $0.column) } ?? .file
            throw InputError(file: file, location: location, expected: expected, found: found, hint: "Are aliases (*name) nested in each other?")
        }
        switch node {
        case .scalar, .alias: break
        case .sequence(let sequence):
            for element in sequence { try count(element, depth: depth + 1, budget: &budget, file: file) }
        case .mapping(let mapping):
            for (key, value) in mapping {
                try count(key, depth: depth + 1, budget: &budget, file: file)
                try count(value, depth: depth + 1, budget: &budget, file: file)
            }
        }
    }

    /// A Yams error as an `InputError` with the line and column it names.
    static func located(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            InputError(file: file, location: .line(mark.line, column: mark.column), expected: "well-formed YAML", found: problem)
        default:
            InputError(file: file, expected: "well-formed YAML", found: "\(error)")
        }
    }
}
