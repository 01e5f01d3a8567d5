package import Foundation

/// A strict RFC 8259 parser producing `JSONValue`s that keep key order and
/// number lexemes. Errors carry the line, the column and the JSON path of the
/// container being read.
package struct JSONParser {
    /// Parses one JSON document (surrounding white space allowed).
    /// - Throws: `JSONParseError` naming the line, column, path and what was expected.
    package static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        try parse(data, maximumDepth: maximumDepth)
    }

    /// The deepest nesting a document may have. Writers that embed a value inside
    /// their own containers (a cassette holds a body five levels down) keep the
    /// value within this budget less their own levels, so what they write reads back.
    package static let maximumDepth = 512

    /// Parses one JSON document nested at most `maximumDepth` levels.
    package static func parse(_ data: Data, maximumDepth: Int) throws(JSONParseError) -> JSONValue {
        try data.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) -> JSONValue in
                try parse(bytes: raw.bindMemory(to: UInt8.self), maximumDepth: maximumDepth)
            }
        }.get()
    }

    /// Parses one JSON document from text.
    package static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(bytes: buffer) }
        }.get()
    }

    /// Parses one JSON document from UTF-8 bytes.
    package static func parse(bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        try parse(bytes: bytes, maximumDepth: maximumDepth)
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) throws(JSONParseError) -> JSONValue {
        var reader = Reader(bytes: bytes, maximumDepth: maximumDepth)
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        if reader.position < bytes.count {
            throw reader.error("expected the end of the document", found: reader.describeCurrent())
        }
        return value
    }

    /// Whether `data` parses as JSON, without keeping the value.
    package static func isJSON(_ data: Data) -> Bool {
        (try? parse(data)) != nil
    }
}

/// Why a JSON document did not parse, and where.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line and column of the offending byte.
    package var line: Int
    package var column: Int
    /// The path of the container being read when the error was found.
    package var path: JSONPath
    package var expected: String
    package var found: String

    package var description: String {
        "line \(line), column \(column) (at \(path)): \(expected), found \(found)"
    }

    /// The error as seen from the container holding the one it was found in:
    /// the parser builds the path on the way out, so reading costs nothing for it.
    func inside(_ component: JSONPath.Component) -> JSONParseError {
        var error = self
        error.path = JSONPath(components: [component] + path.components)
        return error
    }
}

private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var position = 0
    /// Members and elements of the containers being read, innermost last: each
    /// container is copied out once, at its exact size, when it closes.
    var memberStack: [JSONObject.Member] = []
    var elementStack: [JSONValue] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func describeCurrent() -> String {
        guard position < bytes.count else { return "the end of the input" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return String(format: "byte 0x%02X", byte)
    }

    func error(_ expected: String, found: String) -> JSONParseError {
        var line = 1
        var lineStart = 0
        for index in 0..<min(position, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return JSONParseError(line: line, column: position - lineStart + 1, path: .root, expected: expected, found: found)
    }

    mutating func readValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw error("expected a value", found: "the end of the input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default: throw error("expected a value", found: describeCurrent())
        }
    }

    mutating func readLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard position + count <= bytes.count else { throw error("expected '\(literal)'", found: "the end of the input") }
        for offset in 0..<count where bytes[position + offset] != expected[offset] {
            position += offset
            throw error("expected '\(literal)'", found: describeCurrent())
        }
        position += count
    }

    mutating func readObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maximumDepth else { throw error("expected at most \(maximumDepth) levels of nesting", found: "deeper nesting") }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(JSONObject())
        }
        let base = memberStack.count
        defer { memberStack.removeSubrange(base...) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes", found: describeCurrent())
            }
            let key = try readString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after the member name \"\(key)\"", found: describeCurrent())
            }
            position += 1
            skipWhitespace()
            let value: JSONValue
            do { value = try readValue(depth: depth) } catch { throw error.inside(.key(key)) }
            memberStack.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard position < bytes.count else { throw error("expected ',' or '}'", found: "the end of the input") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(JSONObject(Array(memberStack[base...])))
            default: throw error("expected ',' or '}' after the member \"\(key)\"", found: describeCurrent())
            }
        }
    }

    mutating func readArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maximumDepth else { throw error("expected at most \(maximumDepth) levels of nesting", found: "deeper nesting") }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array([])
        }
        let base = elementStack.count
        defer { elementStack.removeSubrange(base...) }
        while true {
            skipWhitespace()
            let value: JSONValue
            do { value = try readValue(depth: depth) } catch { throw error.inside(.index(elementStack.count - base)) }
            elementStack.append(value)
            skipWhitespace()
            guard position < bytes.count else { throw error("expected ',' or ']'", found: "the end of the input") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(Array(elementStack[base...]))
            default: throw error("expected ',' or ']' after an array element", found: describeCurrent())
            }
        }
    }

    mutating func readNumber() throws(JSONParseError) -> String {
        let start = position
        func digits(_ reader: inout Reader) -> Int {
            let begin = reader.position
            while reader.position < reader.bytes.count, reader.bytes[reader.position] &- 0x30 < 10 { reader.position += 1 }
            return reader.position - begin
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, bytes[position] &- 0x30 < 10 else {
            throw error("expected a digit in a number", found: describeCurrent())
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, bytes[position] &- 0x30 < 10 {
                throw error("expected no leading zero in a number", found: describeCurrent())
            }
        } else {
            _ = digits(&self)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw error("expected a digit after '.'", found: describeCurrent()) }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits(&self) > 0 else { throw error("expected a digit in the exponent", found: describeCurrent()) }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    mutating func readString() throws(JSONParseError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes. ASCII needs no validation (and skips the generic validating initialiser).
        var high: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                if high < 0x80 {
                    position += 1
                    return String(decoding: slice, as: UTF8.self)
                }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw error("expected UTF-8 text in a string", found: "invalid UTF-8")
                }
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("expected no raw control characters in a string", found: describeCurrent()) }
            high |= byte
            position += 1
        }
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let text = String(validating: scratch, as: UTF8.self) else {
                    throw error("expected UTF-8 text in a string", found: "invalid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                        else { throw error("expected a low surrogate after a high surrogate", found: describeCurrent()) }
                        position += 2
                        let low = try readHex4()
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw error("expected a low surrogate after a high surrogate", found: String(format: "\\u%04X", low))
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else {
                        throw error("expected a valid unicode scalar", found: String(format: "\\u%04X", scalar))
                    }
                    scratch.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    position -= 1
                    throw error("expected a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", found: describeCurrent())
                }
            default:
                if byte < 0x20 { throw error("expected no raw control characters in a string", found: describeCurrent()) }
                scratch.append(byte)
                position += 1
            }
        }
        throw error("expected '\"' to close the string", found: "the end of the input")
    }

    mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("expected four hex digits", found: "the end of the input") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("expected a hex digit", found: describeCurrent())
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
