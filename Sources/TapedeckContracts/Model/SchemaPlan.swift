import Foundation
import Tapedeck

/// A contract's schemas precompiled into a flat array of nodes, so checking a
/// page is one walk over its JSON with no lookups by reference and no
/// allocation per item.
struct SchemaPlan: Sendable {
    /// The JSON types a node accepts.
    struct Types: OptionSet, Sendable {
        let rawValue: UInt8
        static let null = Types(rawValue: 1)
        static let boolean = Types(rawValue: 2)
        static let integer = Types(rawValue: 4)
        static let number = Types(rawValue: 8)
        static let string = Types(rawValue: 16)
        static let array = Types(rawValue: 32)
        static let object = Types(rawValue: 64)
        static let any: Types = [.null, .boolean, .integer, .number, .string, .array, .object]

        /// The names, for messages: `string or null`.
        var names: String {
            let all: [(Types, String)] = [
                (.object, "object"), (.array, "array"), (.string, "string"), (.integer, "integer"),
                (.number, "number"), (.boolean, "boolean"), (.null, "null"),
            ]
            return all.filter { contains($0.0) }.map(\.1).joined(separator: " or ")
        }
    }

    /// One documented property of an object node.
    struct Property: Sendable {
        var key: String
        var node: Int
        var required: Bool
    }

    /// What one schema says about one value. A description compiles to a node per
    /// schema object (a 10 MB one to about 160,000), most of them numbers or objects:
    /// the keywords of strings are kept apart, made only for a schema that has one.
    struct Node: Sendable {
        var types: Types = .any
        var timeFormat: TimeFormat?
        /// `format: int64` (or `int32`) on a string: the value must be a decimal integer.
        var integerString = false
        var minimum: Double?
        var maximum: Double?
        var properties: [Property] = []
        var items: Int?
        /// The seed text behind this schema (its `description`).
        var seed: String?
        /// `enum` (or `const`), `pattern` and the lengths, when the schema has any of them.
        var text: TextRules?
    }

    /// The string keywords of a `Node`, shared by its copies.
    final class TextRules: Sendable {
        /// The allowed values, as strings (string values as written, numbers as lexemes).
        let allowed: Set<String>?
        let allowedList: [String]
        let pattern: String?
        /// `pattern` precompiled, when it is a simple character class.
        let characterClass: CharacterClass?
        /// `pattern` compiled, when it is not a simple character class.
        let expression: NSRegularExpression?
        let minLength: Int?
        let maxLength: Int?

        init(
            allowed: [String]?, pattern: String?, characterClass: CharacterClass?, expression: NSRegularExpression?, minLength: Int?, maxLength: Int?
        ) {
            self.allowed = allowed.map(Set.init)
            allowedList = allowed ?? []
            self.pattern = pattern
            self.characterClass = characterClass
            self.expression = expression
            self.minLength = minLength
            self.maxLength = maxLength
        }
    }

    private(set) var nodes: [Node] = []

    mutating func add(_ node: Node) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    mutating func update(_ index: Int, _ change: (inout Node) -> Void) { change(&nodes[index]) }

    /// Gives back the capacity the nodes grew into (up to half of it spare) once every
    /// node is added: a contract keeps its plan for as long as it checks recordings.
    mutating func trim() {
        var exact: [Node] = []
        exact.reserveCapacity(nodes.count)
        exact.append(contentsOf: nodes)
        nodes = exact
    }

    subscript(index: Int) -> Node { nodes[index] }

    /// The node of the property `key` of object node `index`, if documented.
    func property(_ key: String, of index: Int) -> Int? {
        nodes[index].properties.first(where: { $0.key == key })?.node
    }

    /// The node reached from `index` by following object keys.
    func node(at path: JSONPath, from index: Int) -> Int? {
        var current = index
        for component in path.components {
            switch component {
            case .key(let key):
                guard let next = property(key, of: current) else { return nil }
                current = next
            case .index:
                guard let next = nodes[current].items else { return nil }
                current = next
            }
        }
        return current
    }
}

extension SchemaPlan.Types {
    /// The types JSON Schema names (`integer`, `string`…); unknown names name none.
    init(names: [String]) {
        self = names.reduce(into: []) { $0.formUnion(SchemaPlan.Types(name: $1)) }
    }

    /// The type one JSON Schema name names, or none.
    init(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = .number
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: self = []
        }
    }
}
