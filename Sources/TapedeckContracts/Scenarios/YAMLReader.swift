package import Tapedeck
package import Yams

/// Reads YAML nodes (scenarios, drift configs), with the line and key in every error.
package struct YAMLReader {
    package let file: String

    package init(file: String) { self.file = file }

    /// The root node of a YAML document.
    /// - Throws: `InputError` for malformed YAML or an empty document.
    package static func document(_ yaml: String, file: String, expected: String) throws(InputError) -> Node {
        guard let node = try BoundedYAML.compose(yaml, file: file) else {
            throw InputError(file: file, expected: expected, found: "an empty file")
        }
        return node
    }

    package func error(_ node: Node?, expected: String, found: String) -> InputError {
        if let mark = node?.mark {
            return InputError(file: file, location: .line(mark.line, column: mark.column), expected: expected, found: found)
        }
        return InputError(file: file, expected: expected, found: found)
    }

    package func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        case .alias: "an alias"
        }
    }

    /// `string(_:key:)` with the key fixed, for `Optional.map`.
    package func string(key: String) -> (Node) throws(InputError) -> String {
        { node throws(InputError) in try string(node, key: key) }
    }

    package func mapping(_ node: Node, key: String) throws(InputError) -> Node.Mapping {
        guard let mapping = node.mapping else { throw error(node, expected: "\(key) to be a mapping", found: describe(node)) }
        return mapping
    }

    package func string(_ node: Node, key: String) throws(InputError) -> String {
        guard let scalar = node.scalar else { throw error(node, expected: "\(key) to be a string", found: describe(node)) }
        return scalar.string
    }

    package func required(_ mapping: Node.Mapping, _ key: String, in parent: Node) throws(InputError) -> Node {
        guard let node = mapping[key] else {
            throw error(parent, expected: "a `\(key)` entry", found: "none")
        }
        return node
    }

    package func rejectUnknownKeys(_ mapping: Node.Mapping, allowed: Set<String>) throws(InputError) {
        for (key, _) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                throw error(
                    key, expected: "one of the keys " + allowed.sorted().joined(separator: ", "), found: describe(key))
            }
        }
    }

    /// A mapping of scalars, in written order.
    package func pairs(_ node: Node, key: String) throws(InputError) -> [(String, String)] {
        var result: [(String, String)] = []
        for (name, value) in try mapping(node, key: key) {
            result.append((try string(name, key: key), try string(value, key: "\(key).\(name.string ?? "")")))
        }
        return result
    }
}
