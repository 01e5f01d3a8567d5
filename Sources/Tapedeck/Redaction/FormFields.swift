import Foundation

/// `name=value&name=value` text (a URL query, a form body) read in place: each
/// field's name and value decoded (`%xx`, `+` for space), and values replaced
/// without touching a byte of the rest.
enum FormFields {
    /// The fields of `text` in order, decoded.
    static func pairs(_ text: some StringProtocol) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { field in
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// `text` with the value of each field for which `replacement(name, value)` gives
    /// one (both decoded) replaced by it, as it is; every other byte stays.
    static func replacingValues(in text: String, _ replacement: (String, String) -> String?) -> String {
        var result = ""
        var changed = false
        for (index, field) in text.split(separator: "&", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { result += "&" }
            guard let equals = field.firstIndex(of: "="),
                let new = replacement(decode(field[..<equals]), decode(field[field.index(after: equals)...]))
            else {
                result += field
                continue
            }
            result += field[...equals] + new
            changed = true
        }
        return changed ? result : text
    }

    /// Whether `text` reads as form fields: one line of `name=value` pairs.
    static func looksLikeForm(_ text: String) -> Bool {
        !text.isEmpty && text.contains("=") && !text.contains(where: { $0 == " " || $0 == "\n" || $0 == "<" || $0 == "{" })
    }

    /// What a value may hold unencoded: a value that has to be written back is encoded as forms encode it.
    static let valueAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    /// `text` with `+` read as a space and `%xx` escapes decoded, as
    /// `removingPercentEncoding` decodes them. Escapes of UTF-8 are decoded here,
    /// byte by byte; the rare broken escape or stray byte is left to Foundation.
    static func decode(_ text: some StringProtocol) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        let spaced = String(decoding: utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            switch utf8[index] {
            case UInt8(ascii: "+"): decoded.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) else {
                    return spaced.removingPercentEncoding ?? spaced
                }
                decoded.append(high << 4 | low)
                index += 2
            case let byte: decoded.append(byte)
            }
            index += 1
        }
        return String(validating: decoded, as: UTF8.self) ?? spaced.removingPercentEncoding ?? spaced
    }
}
