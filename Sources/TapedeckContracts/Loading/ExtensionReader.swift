import Foundation
import Tapedeck

/// Reads one `x-tapedeck-…` extension value, throwing located errors for
/// values of the wrong shape.
struct ExtensionReader {
    let value: JSONValue
    /// Where the value is in the document, as YAML keys, for error messages.
    let path: [String]
    let source: ContractSource

    func object() throws(InputError) -> [String: ExtensionReader] {
        guard case .object(let object) = value else { throw mismatch("a mapping") }
        var result: [String: ExtensionReader] = [:]
        for member in object.members {
            result[member.key] = ExtensionReader(value: member.value, path: path + [member.key], source: source)
        }
        return result
    }

    func array() throws(InputError) -> [ExtensionReader] {
        guard case .array(let array) = value else { throw mismatch("a sequence") }
        return array.enumerated().map { ExtensionReader(value: $1, path: path + [String($0)], source: source) }
    }

    /// A sequence of mappings, each made into a `T` by `make`.
    func mappings<T>(
        _ make: ([String: ExtensionReader], ExtensionReader) throws(InputError) -> T
    ) throws(InputError) -> [T] {
        var result: [T] = []
        for entry in try array() { result.append(try make(try entry.object(), entry)) }
        return result
    }

    func string() throws(InputError) -> String {
        switch value {
        case .string(let string): return string
        case .number(let lexeme) where Int(lexeme) != nil: return lexeme
        default: throw mismatch("a string")
        }
    }

    func int() throws(InputError) -> Int {
        if let int = (value.numberLexeme ?? value.stringValue).flatMap({ Int($0) }) { return int }
        throw mismatch("an integer")
    }

    func double() throws(InputError) -> Double {
        if let double = value.doubleValue, double.isFinite { return double }
        throw mismatch("a number")
    }

    /// An integer in `range`.
    func int(in range: ClosedRange<Int>) throws(InputError) -> Int {
        let number = try int()
        guard range.contains(number) else { throw mismatch("an integer from \(range.lowerBound) to \(range.upperBound)") }
        return number
    }

    /// A number in `range` (never infinite or NaN).
    func double(in range: ClosedRange<Double>) throws(InputError) -> Double {
        let number = try double()
        guard range.contains(number) else { throw mismatch("a number from \(range.lowerBound) to \(range.upperBound)") }
        return number
    }

    /// A JSON path of keys: `$.a.b`, with `['…']` for a key that is not a plain name (`$['@odata.nextLink']`).
    func jsonPath() throws(InputError) -> JSONPath {
        let text = try string()
        guard let keys = Self.keys(of: text) else {
            throw mismatch("a JSON path such as $.page.marker")
        }
        return JSONPath(components: keys.map { .key($0) })
    }

    /// The keys of `$`, `$.a.b` or `$.a['b.c']`, or `nil` when `text` is not such a path.
    private static func keys(of text: String) -> [String]? {
        guard text.first == "$" else { return nil }
        var rest = text.dropFirst()
        var keys: [String] = []
        while let first = rest.first {
            if first == ".", case let name = rest.dropFirst().prefix(while: { $0 != "." && $0 != "[" }), !name.isEmpty {
                keys.append(String(name))
                rest = rest.dropFirst(1 + name.count)
            } else if rest.hasPrefix("['"), let close = rest.range(of: "']") {
                keys.append(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]))
                rest = rest[close.upperBound...]
            } else {
                return nil
            }
        }
        return keys
    }

    /// A value from a closed set, such as a paging style.
    func choice<Choice: RawRepresentable & CaseIterable>(_: Choice.Type) throws(InputError) -> Choice
    where Choice.RawValue == String {
        let text = try string()
        guard let choice = Choice(rawValue: text) else {
            throw source.error(
                at: path, expected: "one of " + Choice.allCases.map(\.rawValue).joined(separator: ", "),
                found: "\"\(text)\"")
        }
        return choice
    }

    private func mismatch(_ expected: String) -> InputError {
        source.error(at: path, expected: expected, found: value.shown)
    }
}

extension [String: ExtensionReader] {
    /// The member `key`, or an error naming the mapping it is missing from.
    func required(_ key: String, in reader: ExtensionReader) throws(InputError) -> ExtensionReader {
        guard let member = self[key] else {
            throw reader.source.error(at: reader.path, expected: "a `\(key)` entry", found: "none")
        }
        return member
    }
}
