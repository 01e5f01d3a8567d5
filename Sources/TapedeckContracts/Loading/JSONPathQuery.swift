import Foundation
import Tapedeck

/// The JSONPath (RFC 9535) an overlay's `target` is written in, to the extent
/// overlays use it: `$`, `.name`, `['name']`, `[2]`, `[*]`, `.*`, `..name`,
/// and filters `[?@.name == 'value']` (or `[?(@.name=="value")]`).
struct JSONPathQuery: Sendable {
    enum Step: Sendable {
        case name(String)
        case index(Int)
        case wildcard
        case descendant(String)
        case filter(key: String, value: JSONValue)
    }

    let text: String
    let steps: [Step]

    init?(_ text: String) {
        self.text = text
        guard text.hasPrefix("$") else { return nil }
        var rest = Substring(text).dropFirst()
        var steps: [Step] = []
        while let first = rest.first {
            if rest.hasPrefix("..") {
                rest = rest.dropFirst(2)
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                steps.append(.descendant(String(name)))
                rest = rest.dropFirst(name.count)
            } else if first == "." {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                steps.append(name == "*" ? .wildcard : .name(String(name)))
                rest = rest.dropFirst(name.count)
            } else if first == "[" {
                guard let (step, after) = Self.bracket(rest) else { return nil }
                steps.append(step)
                rest = after
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    /// One `[…]` selector and what follows it.
    private static func bracket(_ text: Substring) -> (Step, Substring)? {
        var inner = text.dropFirst()
        if let quote = inner.first, quote == "'" || quote == "\"" {
            inner = inner.dropFirst()
            guard let close = inner.firstIndex(of: quote), inner[inner.index(after: close)...].hasPrefix("]") else { return nil }
            return (.name(String(inner[..<close])), inner[inner.index(close, offsetBy: 2)...])
        }
        guard let close = inner.firstIndex(of: "]") else { return nil }
        let body = inner[..<close].trimmingCharacters(in: .whitespaces)
        let after = inner[inner.index(after: close)...]
        if body == "*" { return (.wildcard, after) }
        if let index = Int(body) { return (.index(index), after) }
        guard body.hasPrefix("?") else { return nil }
        var condition = body.dropFirst().trimmingCharacters(in: .whitespaces)
        if condition.hasPrefix("("), condition.hasSuffix(")") { condition = String(condition.dropFirst().dropLast()) }
        let sides = condition.components(separatedBy: "==")
        guard sides.count == 2 else { return nil }
        let key = sides[0].trimmingCharacters(in: .whitespaces)
        var literal = sides[1].trimmingCharacters(in: .whitespaces)
        guard key.hasPrefix("@.") else { return nil }
        let value: JSONValue
        if let quote = literal.first, quote == "'" || quote == "\"", literal.count >= 2, literal.last == quote {
            literal = String(literal.dropFirst().dropLast())
            value = .string(literal)
        } else if let parsed = try? JSONParser.parse(literal) {
            value = parsed
        } else {
            return nil
        }
        return (.filter(key: String(key.dropFirst(2)), value: value), after)
    }

    /// The JSON pointers (as tokens) of every value the query selects in `root`, in document order.
    func matches(in root: JSONValue) -> [[String]] {
        var current: [([String], JSONValue)] = [([], root)]
        for step in steps {
            var next: [([String], JSONValue)] = []
            for (pointer, value) in current { next += Self.select(step, pointer, value) }
            current = next
        }
        return current.map(\.0)
    }

    private static func children(_ pointer: [String], _ value: JSONValue) -> [([String], JSONValue)] {
        switch value {
        case .object(let object): object.members.map { (pointer + [$0.key], $0.value) }
        case .array(let elements): elements.enumerated().map { (pointer + [String($0)], $1) }
        default: []
        }
    }

    private static func select(_ step: Step, _ pointer: [String], _ value: JSONValue) -> [([String], JSONValue)] {
        switch step {
        case .name(let name):
            return value[name].map { [(pointer + [name], $0)] } ?? []
        case .index(let index):
            guard case .array(let elements) = value else { return [] }
            let position = index < 0 ? elements.count + index : index
            return elements.indices.contains(position) ? [(pointer + [String(position)], elements[position])] : []
        case .wildcard:
            return children(pointer, value)
        case .filter(let key, let expected):
            return children(pointer, value).filter { $0.1[key]?.schemaEquals(expected) == true }
        case .descendant(let name):
            var found: [([String], JSONValue)] = []
            var stack = [(pointer, value)]
            while let (place, node) = stack.popLast() {
                if let match = node[name] { found.append((place + [name], match)) }
                stack += children(place, node).reversed()
            }
            return found
        }
    }
}
