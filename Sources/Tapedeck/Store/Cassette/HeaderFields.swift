import Foundation

/// HTTP header fields in the order they were sent, duplicates kept, names
/// compared without regard to letter case.
public struct HeaderFields: Sendable, Equatable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field]

    public init(_ fields: [Field] = []) { self.fields = fields }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> Field {
        get { fields[position] }
        set { fields[position] = newValue }
    }

    /// The first value of the field named `name` (any letter case).
    public subscript(name: String) -> String? {
        fields.first(where: { $0.name.caseInsensitiveEquals(name) })?.value
    }

    /// Every value of the field named `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    public mutating func append(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.caseInsensitiveEquals(name) }
    }

    /// Replaces every field named `name` with one field holding `value`, at the
    /// position of the first one (or at the end).
    public mutating func set(_ name: String, to value: String) {
        if let index = fields.firstIndex(where: { $0.name.caseInsensitiveEquals(name) }) {
            fields[index].value = value
            fields = fields.enumerated().filter { $0.offset == index || !$0.element.name.caseInsensitiveEquals(name) }.map(\.element)
        } else {
            append(name: name, value: value)
        }
    }

    /// Applies `transform` to each value, keeping names and order.
    public func mapValues(_ transform: (Field) throws -> String) rethrows -> HeaderFields {
        HeaderFields(try fields.map { Field(name: $0.name, value: try transform($0)) })
    }
}

extension String {
    /// ASCII case-insensitive equality, the comparison HTTP uses for header names.
    package func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return zip(utf8, other.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z"))
        }
    }
}

extension HeaderFields {
    /// The cookies of a `Set-Cookie` value that holds several, one per line as
    /// each was sent: clients that keep headers in a dictionary (Foundation's
    /// `HTTPURLResponse`) join repeated lines with `, `. A comma starts a new
    /// cookie only where `name=` follows it, so an `Expires` date stays whole.
    public static func splitSetCookie(_ value: String) -> [String] {
        var cookies: [String] = []
        var start = value.startIndex
        var position = value.startIndex
        while let comma = value[position...].firstIndex(of: ",") {
            position = value.index(after: comma)
            let rest = value[position...].drop { $0 == " " }
            guard let equals = rest.firstIndex(of: "="), !rest[..<equals].isEmpty,
                !rest[..<equals].contains(where: { $0 == ";" || $0 == "," || $0 == " " })
            else { continue }
            cookies.append(value[start..<comma].trimmingCharacters(in: .whitespaces))
            start = rest.startIndex
        }
        cookies.append(value[start...].trimmingCharacters(in: .whitespaces))
        return cookies.filter { !$0.isEmpty }
    }
}
