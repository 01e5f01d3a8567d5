/// Writes `JSONValue`s back to text: compact (the bytes a server sends) or
/// pretty (the layout a cassette is stored in, one member a line, so that a
/// re-recording diffs line by line). Number lexemes and key order are written
/// exactly as held.
package struct JSONWriter: Sendable {
    package enum Style: Sendable {
        /// No white space at all.
        case compact
        /// Two-space indentation; arrays of scalars that fit in `inlineWidth`
        /// characters stay on one line.
        case pretty(inlineWidth: Int = 72)
    }

    package var style: Style

    package init(style: Style = .compact) { self.style = style }

    /// The value as text.
    package func string(from value: JSONValue, indent: Int = 0) -> String {
        String(decoding: bytes(from: value, indent: indent), as: UTF8.self)
    }

    /// The value as UTF-8 bytes.
    package func bytes(from value: JSONValue, indent: Int = 0) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output, indent: indent)
        return output
    }

    /// Appends the value to `output`; `indent` is the current nesting level (pretty style only).
    package func write(_ value: JSONValue, into output: inout String, indent: Int = 0) {
        output += string(from: value, indent: indent)
    }

    private func write(_ value: JSONValue, into output: inout [UInt8], indent: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let lexeme): output.append(contentsOf: lexeme.utf8)
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let elements): writeArray(elements, into: &output, indent: indent)
        case .object(let object): writeObject(object, into: &output, indent: indent)
        }
    }

    private func writeArray(_ elements: [JSONValue], into output: inout [UInt8], indent: Int) {
        guard case .pretty(let inlineWidth) = style, !elements.isEmpty else {
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output, indent: indent)
            }
            output.append(UInt8(ascii: "]"))
            return
        }
        if elements.allSatisfy(\.isScalar) {
            var line: [UInt8] = [UInt8(ascii: "[")]
            for (index, element) in elements.enumerated() {
                if index > 0 { line.append(contentsOf: ", ".utf8) }
                write(element, into: &line, indent: indent)
            }
            line.append(UInt8(ascii: "]"))
            if line.count <= inlineWidth {
                output.append(contentsOf: line)
                return
            }
        }
        output.append(contentsOf: "[\n".utf8)
        for (index, element) in elements.enumerated() {
            Self.indentation(indent + 1, into: &output)
            write(element, into: &output, indent: indent + 1)
            output.append(contentsOf: (index < elements.count - 1 ? ",\n" : "\n").utf8)
        }
        Self.indentation(indent, into: &output)
        output.append(UInt8(ascii: "]"))
    }

    private func writeObject(_ object: JSONObject, into output: inout [UInt8], indent: Int) {
        guard case .pretty = style, !object.isEmpty else {
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, into: &output, indent: indent)
            }
            output.append(UInt8(ascii: "}"))
            return
        }
        output.append(contentsOf: "{\n".utf8)
        for (index, member) in object.members.enumerated() {
            Self.indentation(indent + 1, into: &output)
            Self.writeString(member.key, into: &output)
            output.append(contentsOf: ": ".utf8)
            write(member.value, into: &output, indent: indent + 1)
            output.append(contentsOf: (index < object.count - 1 ? ",\n" : "\n").utf8)
        }
        Self.indentation(indent, into: &output)
        output.append(UInt8(ascii: "}"))
    }

    private static func indentation(_ level: Int, into output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// Writes `text` as a JSON string literal, escaping only what JSON requires
    /// (other characters, non-ASCII included, go out as their UTF-8 bytes).
    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        let plain = utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            for byte in buffer where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            output.append(contentsOf: buffer)
            return true
        }
        if plain == true {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case 0x08: output.append(contentsOf: "\\b".utf8)
            case 0x0C: output.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: "\\u00".utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
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
