import Foundation
import Tapedeck

/// A JSON number for comparisons: exact as a `Decimal` when it fits one (so
/// `0.0075` is a multiple of `0.0001`), else a `Double`.
struct JSONNumber: Sendable, Comparable, CustomStringConvertible {
    let lexeme: String
    let decimal: Decimal?
    let double: Double

    init?(_ lexeme: String) {
        guard let double = Double(lexeme) else { return nil }
        self.lexeme = lexeme
        self.double = double
        // Decimal keeps 38 digits and exponents to ±127; beyond that, compare as doubles.
        decimal = abs(double) < 1e120 && (abs(double) > 1e-120 || double == 0) ? Decimal(string: lexeme, locale: Locale(identifier: "en_US_POSIX")) : nil
    }

    init?(_ value: JSONValue) {
        guard case .number(let lexeme) = value else { return nil }
        self.init(lexeme)
    }

    var description: String { lexeme }

    /// Whether the value has no fraction (`1.0` is an integer in JSON Schema).
    var isInteger: Bool {
        if let decimal {
            var rounded = Decimal()
            var copy = decimal
            NSDecimalRound(&rounded, &copy, 0, .plain)
            return rounded == decimal
        }
        return double.isFinite && double.rounded() == double
    }

    /// Whether `self` divided by `divisor` is an integer.
    func isMultiple(of divisor: JSONNumber) -> Bool {
        if let a = decimal, let b = divisor.decimal, b != 0 {
            var quotient = Decimal()
            var left = a
            var right = b
            guard NSDecimalDivide(&quotient, &left, &right, .plain) == .noError else { return false }
            var rounded = Decimal()
            NSDecimalRound(&rounded, &quotient, 0, .plain)
            return rounded == quotient
        }
        let quotient = double / divisor.double
        return quotient.isFinite && quotient.rounded() == quotient
    }

    static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let a = lhs.decimal, let b = rhs.decimal { return a < b }
        return lhs.double < rhs.double
    }

    static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let a = lhs.decimal, let b = rhs.decimal { return a == b }
        return lhs.double == rhs.double
    }
}

extension JSONValue {
    /// JSON Schema equality: numbers by value (`1` equals `1.0`), objects whatever their key order.
    func schemaEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)):
            if a == b { return true }
            guard let left = JSONNumber(a), let right = JSONNumber(b) else { return false }
            return left == right
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.schemaEquals($1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for member in a.members {
                guard let value = b[member.key], member.value.schemaEquals(value) else { return false }
            }
            return true
        default:
            return self == other
        }
    }

    /// The JSON Schema type name: `integer` for any number without a fraction.
    var schemaType: String {
        switch self {
        case .number(let lexeme):
            if !lexeme.utf8.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) { return "integer" }
            return JSONNumber(lexeme)?.isInteger == true ? "integer" : "number"
        default: return typeName
        }
    }
}
