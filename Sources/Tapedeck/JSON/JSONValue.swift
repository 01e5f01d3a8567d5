/// A JSON value that keeps what a round trip through `JSONSerialization` loses:
/// the order of object keys and the exact lexeme of every number, so that
/// `1805431584415871305` is written back as that integer and never as a `Double`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, kept as its source lexeme (for example `"1805431584415871305"` or `"1.50"`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Makes a number from an integer.
    public static func integer(_ value: some BinaryInteger) -> JSONValue { .number(String(value)) }

    /// A number with three decimals (`12.345`), rounded as `%.3f` rounds but for
    /// exact ties, without `String(format:)`, which costs microseconds a call.
    static func thousandths(_ value: Double) -> JSONValue {
        let scaled = (value * 1000).rounded()
        guard scaled.isFinite, scaled.magnitude < 1e15 else { return .number(String(value)) }
        let whole = Int64(scaled)
        let fraction = String(whole.magnitude % 1000)
        return .number((whole < 0 ? "-" : "") + String(whole.magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction)
    }

    /// The value of `key` when this is an object holding it.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index` when this is an array long enough.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number's lexeme, when this is a number.
    public var numberLexeme: String? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The value as an `Int64` when it is an integer number that fits (no fraction, no exponent).
    public var int64Value: Int64? {
        if case .number(let lexeme) = self { return Int64(lexeme) }
        return nil
    }

    /// The value as a `Double`, for numbers only; precision may be lost.
    public var doubleValue: Double? {
        if case .number(let lexeme) = self { return Double(lexeme) }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The JSON type name used in messages and contracts: `null`, `boolean`,
    /// `integer`, `number`, `string`, `array` or `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let lexeme): lexeme.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? "number" : "integer"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Equality that ignores the order of object keys and compares numbers by
    /// value when their lexemes differ only in form (`1.0` and `1.00`).
    public func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let otherValue = b[key], value.isEquivalent(to: otherValue) else { return false }
            }
            return true
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.number(let a), .number(let b)):
            return a == b || (Double(a) != nil && Double(a) == Double(b) && Int64(a) == Int64(b))
        default:
            return self == other
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self = .null }
}
