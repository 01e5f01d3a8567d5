import Foundation
import Tapedeck

/// Checks one JSON value against a compiled schema in a single pass:
/// required-field, field-type, enum-value, time-format and value-format.
/// The path is a stack of components, turned into a `JSONPath` only when a
/// violation is reported.
struct ResponseValidator {
    let plan: SchemaPlan
    /// Reports every finding under this rule instead (error bodies report `error-shape`).
    let override: ContractRule?
    private var stack: [JSONPath.Component] = []

    init(plan: SchemaPlan, override: ContractRule? = nil) {
        self.plan = plan
        self.override = override
        stack.reserveCapacity(16)
    }

    mutating func validate(_ value: JSONValue, node index: Int, into sink: inout ViolationSink) {
        let node = plan[index]
        let type = Self.type(of: value)
        guard node.types.contains(type) || (type == .integer && node.types.contains(.number)) else {
            report(
                .fieldType, "a \(type.names) where the contract documents \(node.types.names)",
                expected: node.types.names, actual: value.shown, seed: node.seed, into: &sink)
            return
        }
        switch value {
        case .object(let object):
            guard !node.properties.isEmpty else { return }
            validate(object, node: node, into: &sink)
        case .array(let elements):
            guard let items = node.items else { return }
            for (offset, element) in elements.enumerated() {
                stack.append(.index(offset))
                validate(element, node: items, into: &sink)
                stack.removeLast()
            }
        case .string(let text):
            checkScalar(text, node: node, into: &sink)
        case .number(let lexeme):
            checkScalar(lexeme, node: node, into: &sink)
            if node.minimum != nil || node.maximum != nil, let number = Double(lexeme),
                number < (node.minimum ?? -.infinity) || number > (node.maximum ?? .infinity)
            {
                report(
                    .valueFormat, "\(lexeme) is outside the documented range",
                    expected: Self.range(node), actual: lexeme, seed: node.seed, into: &sink)
            }
        case .bool(let flag):
            // A documented constant flag (Yandex `cancellable`: "task cancellation is not supported yet").
            checkScalar(flag ? "true" : "false", node: node, into: &sink)
        case .null:
            break
        }
    }

    private mutating func validate(_ object: JSONObject, node: SchemaPlan.Node, into sink: inout ViolationSink) {
        let members = object.members
        var cursor = 0
        for property in node.properties {
            // Members usually come in the documented order: try the next one before searching.
            let found: JSONValue?
            if cursor < members.count, members[cursor].key == property.key {
                found = members[cursor].value
                cursor += 1
            } else if let position = members.firstIndex(where: { $0.key == property.key }) {
                found = members[position].value
                cursor = position + 1
            } else {
                found = nil
            }
            stack.append(.key(property.key))
            if let found {
                validate(found, node: property.node, into: &sink)
            } else if property.required {
                report(
                    .requiredField, "the documented field `\(property.key)` is absent", expected: property.key,
                    actual: "absent", seed: plan[property.node].seed, into: &sink)
            }
            stack.removeLast()
        }
    }

    private mutating func checkScalar(_ text: String, node: SchemaPlan.Node, into sink: inout ViolationSink) {
        if let rules = node.text, let allowed = rules.allowed, !allowed.contains(text) {
            report(
                .enumValue, "\"\(text)\" is not one of the documented values",
                expected: rules.allowedList.joined(separator: ", "), actual: text, seed: node.seed, into: &sink)
        }
        if let format = node.timeFormat, format.seconds(text) == nil {
            report(
                .timeFormat, "\"\(text)\" is not a timestamp in the documented format", expected: format.pattern,
                actual: text, seed: node.seed, into: &sink)
        }
        guard node.integerString || node.text.map({ $0.pattern != nil || $0.minLength != nil || $0.maxLength != nil }) == true else {
            return
        }
        if let problem = Self.formatProblem(text, node: node) {
            report(.valueFormat, problem.message, expected: problem.expected, actual: text, seed: node.seed, into: &sink)
        }
    }

    /// What is wrong with a string's documented pattern, length or integer form, if anything.
    static func formatProblem(_ text: String, node: SchemaPlan.Node) -> (message: String, expected: String)? {
        if node.integerString, Int64(text) == nil {
            return ("\"\(text)\" is not a decimal integer string", "a decimal int64 written as a string")
        }
        guard let rules = node.text else { return nil }
        let length = text.count
        if let minimum = rules.minLength, length < minimum {
            return ("\"\(text)\" is shorter than \(minimum) characters", "at least \(minimum) characters")
        }
        if let maximum = rules.maxLength, length > maximum {
            return ("\"\(text)\" is longer than \(maximum) characters", "at most \(maximum) characters")
        }
        if let pattern = rules.pattern,
            !(rules.characterClass?.matches(text) ?? rules.expression.map { $0.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil }
                ?? true)
        {
            return ("\"\(text)\" does not match the documented pattern", pattern)
        }
        return nil
    }

    static func range(_ node: SchemaPlan.Node) -> String {
        switch (node.minimum, node.maximum) {
        case (let low?, let high?): "\(Self.number(low))...\(Self.number(high))"
        case (let low?, nil): ">= \(Self.number(low))"
        case (nil, let high?): "<= \(Self.number(high))"
        case (nil, nil): "any"
        }
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func type(of value: JSONValue) -> SchemaPlan.Types {
        switch value {
        case .null: .null
        case .bool: .boolean
        case .number(let lexeme): lexeme.utf8.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) ? .number : .integer
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    private mutating func report(
        _ rule: ContractRule, _ message: String, expected: String, actual: String, seed: String?,
        into sink: inout ViolationSink
    ) {
        sink.report(
            override ?? rule, at: JSONPath(components: stack), message, expected: expected, actual: actual, seed: seed)
    }
}
