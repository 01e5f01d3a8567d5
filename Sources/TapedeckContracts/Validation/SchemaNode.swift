import Foundation
import Tapedeck

/// One JSON Schema object compiled for evaluation: its keywords read once, its
/// subschemas and references replaced by node indexes into a `SchemaProgram`.
/// A boolean schema is a node with `constant` set. A class, so evaluation reads
/// a node without copying its keywords; `@unchecked Sendable` because
/// `SchemaProgramBuilder` alone writes it, before the program is shared.
///
/// A published description compiles to a node per schema object (a 10 MB one to
/// about 160,000), and most use a handful of keywords: the keywords of objects,
/// of arrays, of strings and the applicators are each in a group made only for a
/// schema that writes one of them (`nil` otherwise), so a node costs about a
/// fifth of a field per keyword.
final class SchemaNode: @unchecked Sendable {
    /// A compiled `pattern` or `patternProperties` key.
    struct Pattern: @unchecked Sendable {
        // NSRegularExpression is immutable once made and documented as safe to use from several threads.
        let source: String
        let expression: NSRegularExpression

        func matches(_ text: String) -> Bool {
            expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// `true` or `false` for a boolean schema.
    var constant: Bool?
    /// OpenAPI 3.0's `nullable: true`: null is valid, whatever the other keywords say
    /// (published descriptions write it beside `allOf`/`anyOf` as often as beside `type`).
    var nullable = false
    var types: SchemaPlan.Types?
    /// The schema resource (its `$id`, or the document) the node belongs to: what `$dynamicRef` scopes by.
    var resource = 0
    var description: String?
    var ref: Int?
    var enumValues: [JSONValue]?
    /// The numeric keywords present (`minimum`, `exclusiveMaximum`, `multipleOf`…), in a list
    /// rather than a field each: most schemas have none, and a description has many schemas.
    var bounds: [(keyword: NumberKeyword, value: JSONNumber)] = []

    var objectKeywords: ObjectKeywords?
    var arrayKeywords: ArrayKeywords?
    var stringKeywords: StringKeywords?
    var applicators: Applicators?

    init() {}

    /// `properties`, `required` and the other keywords of objects.
    final class ObjectKeywords {
        static let names: Set<String> = [
            "properties", "patternProperties", "additionalProperties", "unevaluatedProperties", "propertyNames", "required",
            "minProperties", "maxProperties", "dependentRequired", "dependentSchemas",
        ]
        var properties: [String: Int] = [:]
        var patternProperties: [(pattern: Pattern, node: Int)] = []
        var additionalProperties: Int?
        var unevaluatedProperties: Int?
        var propertyNames: Int?
        var required: [String] = []
        var minProperties: Int?
        var maxProperties: Int?
        var dependentRequired: [(key: String, names: [String])] = []
        var dependentSchemas: [(key: String, node: Int)] = []
    }

    /// `items`, `prefixItems`, `contains` and the other keywords of arrays.
    final class ArrayKeywords {
        static let names: Set<String> = [
            "prefixItems", "items", "additionalItems", "contains", "minContains", "maxContains", "uniqueItems", "minItems", "maxItems",
            "unevaluatedItems",
        ]
        var prefixItems: [Int] = []
        var items: Int?
        var contains: Int?
        var minContains: Int?
        var maxContains: Int?
        var uniqueItems = false
        var minItems: Int?
        var maxItems: Int?
        var unevaluatedItems: Int?
    }

    /// The lengths, `pattern` and `format` of strings.
    final class StringKeywords {
        static let names: Set<String> = ["minLength", "maxLength", "pattern", "format"]
        var minLength: Int?
        var maxLength: Int?
        var pattern: Pattern?
        var format: String?
    }

    /// Composition, conditions, `const` and `$dynamicRef`.
    final class Applicators {
        static let names: Set<String> = ["const", "$dynamicRef", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"]
        var constValue: JSONValue?
        /// `$dynamicRef`: the anchor name, when its static target has a `$dynamicAnchor` of that name, and that target.
        var dynamicRef: (anchor: String?, target: Int)?
        var allOf: [Int] = []
        var anyOf: [Int] = []
        var oneOf: [Int] = []
        var not: Int?
        var ifSchema: Int?
        var thenSchema: Int?
        var elseSchema: Int?
    }
}

/// A keyword that bounds a number.
enum NumberKeyword: String, Sendable {
    case minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf

    /// Whether `number` satisfies the keyword with `bound`.
    func holds(_ number: JSONNumber, _ bound: JSONNumber) -> Bool {
        switch self {
        case .minimum: number >= bound
        case .maximum: number <= bound
        case .exclusiveMinimum: number > bound
        case .exclusiveMaximum: number < bound
        case .multipleOf: number.isMultiple(of: bound)
        }
    }

    /// What the keyword expects, for messages: `>= 0`, `a multiple of 5`.
    func expectation(_ bound: JSONNumber) -> String {
        switch self {
        case .minimum: ">= \(bound.lexeme)"
        case .maximum: "<= \(bound.lexeme)"
        case .exclusiveMinimum: "> \(bound.lexeme)"
        case .exclusiveMaximum: "< \(bound.lexeme)"
        case .multipleOf: "a multiple of \(bound.lexeme)"
        }
    }
}
