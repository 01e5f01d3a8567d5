/// Writes `JSONValue`s back to text: compact (the bytes a server sends) or
/// pretty (the layout a cassette is stored in, one member a line, so that a
/// re-recording diffs line by line). Number lexemes and key order are written
/// exactly as held.
public struct JSONWriter: Sendable {
    public enum Style: Sendable {
        /// No white space at all.
        case compact
        /// Two-space indentation; arrays of scalars that fit in `inlineWidth`
        /// characters stay on one line.
        case pretty(inlineWidth: Int = 72)
    }

    public var style: Style

    public init(style: Style = .compact) { self.style = style }

    /// The value as text.
    public func string(from value: JSONValue, indent: Int = 0) -> String {
        var output = ""
        write(value, into: &output, indent: indent)
        return output
    }

    /// The value as UTF-8 bytes.
    public func bytes(from value: JSONValue) -> [UInt8] { Array(string(from: value).utf8) }

    /// Appends the value to `output`; `indent` is the current nesting level (pretty style only).
    public func write(_ value: JSONValue, into output: inout String, indent: Int = 0) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let lexeme): output += lexeme
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let elements): writeArray(elements, into: &output, indent: indent)
        case .object(let object): writeObject(object, into: &output, indent: indent)
        }
    }

    private func writeArray(_ elements: [JSONValue], into output: inout String, indent: Int) {
        guard case .pretty(let inlineWidth) = style, !elements.isEmpty else {
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                write(element, into: &output, indent: indent)
            }
            output += "]"
            return
        }
        if elements.allSatisfy(\.isScalar) {
            var line = "["
            for (index, element) in elements.enumerated() {
                if index > 0 { line += ", " }
                write(element, into: &line, indent: indent)
            }
            line += "]"
            if line.utf8.count <= inlineWidth {
                output += line
                return
            }
        }
        output += "[\n"
        for (index, element) in elements.enumerated() {
            Self.indentation(indent + 1, into: &output)
            write(element, into: &output, indent: indent + 1)
            output += index < elements.count - 1 ? ",\n" : "\n"
        }
        Self.indentation(indent, into: &output)
        output += "]"
    }

    private func writeObject(_ object: JSONObject, into output: inout String, indent: Int) {
        guard case .pretty = style, !object.isEmpty else {
            output += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(member.key, into: &output)
                output += ":"
                write(member.value, into: &output, indent: indent)
            }
            output += "}"
            return
        }
        output += "{\n"
        for (index, member) in object.members.enumerated() {
            Self.indentation(indent + 1, into: &output)
            Self.writeString(member.key, into: &output)
            output += ": "
            write(member.value, into: &output, indent: indent + 1)
            output += index < object.count - 1 ? ",\n" : "\n"
        }
        Self.indentation(indent, into: &output)
        output += "}"
    }

    private static func indentation(_ level: Int, into output: inout String) {
        output += String(repeating: "  ", count: level)
    }

    /// Writes `text` as a JSON string literal, escaping only what JSON requires.
    public static func writeString(_ text: String, into output: inout String) {
        output += "\""
        var needsEscaping = false
        for byte in text.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            needsEscaping = true
            break
        }
        guard needsEscaping else {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

extension JSONValue {
    /// Whether the value is neither an array nor an object.
    public var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// The value written compactly, as a server would send it.
    public var compactText: String { JSONWriter(style: .compact).string(from: self) }
}
