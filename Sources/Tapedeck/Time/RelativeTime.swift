public import Foundation

/// A time relative to "now", as a scenario writes it in a parameter:
/// `{now}`, `{now-7d}`, `{now-1d+12h}`, with an optional format after a colon
/// (`{now-30m:epoch-millis}`) when the contract documents none. Units are
/// `s`, `m` (minutes), `h`, `d` and `w`. Recording turns it into a concrete value
/// in the parameter's format; the cassette keeps both, and replay compares such
/// a parameter by its expression (`RequestMatcher`).
public struct RelativeTime: Sendable, Equatable, CustomStringConvertible {
    /// The expression as written, braces included.
    public let expression: String
    /// Seconds from "now" (negative for the past).
    public let offset: TimeInterval
    /// The format the value is written in: the expression's own, or the contract's once resolved.
    package private(set) var format: TimeFormat?

    /// The largest offset an expression may name: a hundred years.
    private static let maximumOffset: TimeInterval = 100 * 366 * 86_400
    private static let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// Whether `text` is meant as an expression (it starts with `{now`), valid or not.
    public static func isExpression(_ text: String) -> Bool { text.hasPrefix("{now") }

    /// Parses an expression.
    /// - Throws: `RelativeTime.SyntaxError` saying what was expected where.
    public init(_ text: String) throws(SyntaxError) {
        guard text.hasPrefix("{now"), text.hasSuffix("}"), text.count >= 5 else {
            throw SyntaxError(expression: text, expected: "{now}, {now-7d} or {now-1d+12h}")
        }
        var body = Substring(text.dropFirst(4).dropLast())
        var format: TimeFormat?
        if let colon = body.firstIndex(of: ":") {
            let name = String(body[body.index(after: colon)...])
            guard let named = TimeFormat(format: name) else {
                throw SyntaxError(
                    expression: text, expected: "a time format after ':' (" + TimeFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            format = named
            body = body[..<colon]
        }
        var offset: TimeInterval = 0
        while let sign = body.first {
            guard sign == "+" || sign == "-" else { throw SyntaxError(expression: text, expected: "'+' or '-' before each amount") }
            body = body.dropFirst()
            let digits = body.prefix(while: \.isASCIIDigit)
            body = body.dropFirst(digits.count)
            guard !digits.isEmpty, digits.count <= 9, let amount = Double(digits) else {
                throw SyntaxError(expression: text, expected: "a whole number (at most 9 digits) after '\(sign)'")
            }
            guard let unitName = body.first, let unit = Self.units[unitName] else {
                throw SyntaxError(expression: text, expected: "a unit after \(digits): s, m (minutes), h, d or w")
            }
            body = body.dropFirst()
            offset += (sign == "-" ? -1 : 1) * amount * unit
            guard abs(offset) <= Self.maximumOffset else {
                throw SyntaxError(expression: text, expected: "an offset of at most a hundred years")
            }
        }
        self.expression = text
        self.offset = offset
        self.format = format
    }

    /// The same expression, written in `format` unless it names its own.
    package func resolved(format fallback: TimeFormat?) -> RelativeTime {
        var copy = self
        copy.format = format ?? fallback
        return copy
    }

    /// The concrete value at `now`, in `format`.
    /// - Precondition: `format` is set.
    package func value(at now: Date) -> String {
        (format ?? .rfc3339).string(from: now.addingTimeInterval(offset))
    }

    /// The "now" a concrete value stands for (the value minus the offset), or `nil` when it is not in `format`.
    package func impliedNow(by value: String) -> TimeInterval? {
        (format ?? .rfc3339).seconds(value).map { $0 - offset }
    }

    public var description: String { expression }

    /// A malformed expression: what was expected.
    public struct SyntaxError: Error, Sendable, Equatable {
        public var expression: String
        public var expected: String
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
