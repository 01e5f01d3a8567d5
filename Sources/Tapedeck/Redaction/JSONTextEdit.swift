/// Redaction of a JSON document kept as text (pretty-printed, spaced, with a
/// byte-order mark: anything but the compact form): the document is parsed and
/// redacted as a value, and each scalar that changed is written back at its
/// place in the text, so the layout and every other byte stay.
enum JSONTextEdit {
    /// `text` with the scalars that differ between `original` (the value `text`
    /// holds) and `redacted` replaced; `nil` when the text does not hold `original`.
    static func splice(_ text: String, original: JSONValue, redacted: JSONValue) -> String? {
        var before: [JSONValue] = []
        var after: [JSONValue] = []
        scalars(of: original, into: &before)
        scalars(of: redacted, into: &after)
        guard before.count == after.count else { return nil }
        var text = text
        return text.withUTF8 { bytes -> String? in
            let ranges = scalarRanges(in: bytes)
            guard ranges.count == before.count else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var copied = 0
            for (index, range) in ranges.enumerated() where before[index] != after[index] {
                result += bytes[copied..<range.lowerBound]
                result += JSONWriter().bytes(from: after[index])
                copied = range.upperBound
            }
            result += bytes[copied...]
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The scalars of `value` (strings, numbers, booleans, nulls) in document order.
    private static func scalars(of value: JSONValue, into list: inout [JSONValue]) {
        switch value {
        case .object(let object): for member in object.members { scalars(of: member.value, into: &list) }
        case .array(let elements): for element in elements { scalars(of: element, into: &list) }
        default: list.append(value)
        }
    }

    /// Where the value scalars of a JSON text are (member names left out), in document order.
    private static func scalarRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var position = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                let start = position
                position += 1
                while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                    position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
                }
                position += 1
                var next = position
                while next < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[next]) { next += 1 }
                if next >= bytes.count || bytes[next] != UInt8(ascii: ":") { ranges.append(start..<min(position, bytes.count)) }
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"),
                0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF:
                position += 1
            default:
                let start = position
                while position < bytes.count, !Self.ends(bytes[position]) { position += 1 }
                ranges.append(start..<position)
            }
        }
        return ranges
    }

    private static func ends(_ byte: UInt8) -> Bool {
        [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09].contains(byte)
    }
}
