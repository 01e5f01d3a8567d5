import Foundation
import Tapedeck
import Yams

/// A composed YAML node as exact JSON: scalars by their resolved tag (a number
/// keeps its lexeme when JSON can write it), merge keys (`<<`) applied,
/// timestamps and anything else as strings.
enum YAMLValue {
    static func json(of node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int, .float:
                if isJSONNumber(scalar.string) { return .number(scalar.string) }
                if let int = node.int { return .number(String(int)) }
                if let double = node.float, double.isFinite { return .number(String(double)) }
                return .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .array(sequence.map(json(of:)))
        case .mapping(let mapping):
            var object = JSONObject()
            var merged: [JSONObject] = []
            for (key, value) in mapping {
                if key.tag.rawValue == Tag.Name.merge.rawValue {
                    let sources = value.sequence.map(Array.init) ?? [value]
                    merged += sources.compactMap { json(of: $0).objectValue }
                    continue
                }
                object.append(key: key.string ?? json(of: key).compactText, value: json(of: value))
            }
            for source in merged {
                for member in source.members where object[member.key] == nil { object.append(key: member.key, value: member.value) }
            }
            return .object(object)
        case .alias:
            return .null
        }
    }

    /// Whether `text` is a number as JSON writes it (no `+`, no leading zeros, no `.5`).
    private static func isJSONNumber(_ text: String) -> Bool {
        text.range(of: "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$", options: .regularExpression) != nil
    }
}
