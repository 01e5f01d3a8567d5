import Foundation
import OpenAPIKit
import Tapedeck

/// Turns OpenAPIKit's dereferenced schemas into `SchemaPlan` nodes.
struct SchemaCompiler {
    var plan = SchemaPlan()
    /// The first schema keyword whose value makes no sense (a pattern that does
    /// not compile, a negative length, an empty range): what was expected and what was found.
    private(set) var problem: (expected: String, found: String)?

    /// Compiles `schema` and returns its node index.
    mutating func compile(_ schema: DereferencedJSONSchema, seed: String? = nil) -> Int {
        var node = SchemaPlan.Node()
        node.seed = schema.description ?? seed
        if let allowed = schema.allowedValues {
            let strings = allowed.map { Self.text(of: $0.value) }
            node.allowed = Set(strings)
            node.allowedList = strings
        }
        var nullable: SchemaPlan.Types = schema.nullable ? .null : []
        switch schema {
        case .null:
            node.types = .null
        case .boolean:
            node.types = .boolean
        case .integer(let core, let context):
            node.types = .integer
            node.timeFormat = core.formatString.flatMap(TimeFormat.init(format:))
            node.minimum = context.minimum.map { Double($0.value) + ($0.exclusive ? 1 : 0) }
            node.maximum = context.maximum.map { Double($0.value) - ($0.exclusive ? 1 : 0) }
            check(minimum: node.minimum, maximum: node.maximum)
        case .number(_, let context):
            node.types = [.number, .integer]
            node.minimum = context.minimum?.value
            node.maximum = context.maximum?.value
            check(minimum: node.minimum, maximum: node.maximum)
        case .string(let core, let context):
            node.types = .string
            if let format = core.formatString {
                node.timeFormat = TimeFormat(format: format)
                node.integerString = format == "int64" || format == "int32"
            }
            node.pattern = context.pattern
            node.characterClass = context.pattern.flatMap(CharacterClass.init(pattern:))
            if let pattern = context.pattern, node.characterClass == nil {
                do {
                    node.expression = try NSRegularExpression(pattern: pattern)
                } catch {
                    note(expected: "a `pattern` that is a regular expression", found: "\"\(pattern)\", which does not compile")
                }
            }
            node.minLength = context.minLength > 0 ? context.minLength : nil
            node.maxLength = context.maxLength
            if context.minLength < 0 || (context.maxLength ?? 0) < 0 {
                note(expected: "`minLength` and `maxLength` of 0 or more", found: "\(context.minLength) and \(context.maxLength.map(String.init) ?? "none")")
            } else if let maximum = context.maxLength, maximum < context.minLength {
                note(expected: "`minLength` at most `maxLength`", found: "\(context.minLength) and \(maximum)")
            }
        case .array(_, let context):
            node.types = .array
            if let items = context.items { node.items = compile(items) }
        case .object(_, let context):
            node.types = .object
            let required = Set(context.requiredProperties)
            node.properties = context.properties.map { key, value in
                SchemaPlan.Property(key: key, node: compile(value), required: required.contains(key))
            }
        case .one(of: let schemas, core: _), .any(of: let schemas, core: _), .all(of: let schemas, core: _):
            // A union: accept every member's type; keep the structure of the first structured member.
            let members = schemas.map { compile($0) }
            node.types = members.reduce(into: []) { $0.formUnion(plan[$1].types) }
            if let structured = members.first(where: { !plan[$0].properties.isEmpty || plan[$0].items != nil }) {
                node.properties = plan[structured].properties
                node.items = plan[structured].items
            }
            if members.contains(where: { plan[$0].types == .null }) { nullable = .null }
        case .not, .fragment:
            node.types = .any
        }
        node.types.formUnion(nullable)
        return plan.add(node)
    }

    private mutating func check(minimum: Double?, maximum: Double?) {
        if let minimum, let maximum, minimum > maximum {
            note(expected: "`minimum` at most `maximum`", found: "\(minimum) and \(maximum)")
        }
    }

    private mutating func note(expected: String, found: String) {
        if problem == nil { problem = (expected, found) }
    }

    /// A value from a YAML document as the string a JSON value is compared with.
    static func text(of value: Any) -> String {
        switch value {
        case let string as String: string
        case let bool as Bool: bool ? "true" : "false"
        case let int as Int: String(int)
        case let double as Double: double.rounded() == double && abs(double) < 1e15 ? String(Int64(double)) : String(double)
        default: String(describing: value)
        }
    }
}
