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

    static func decode(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
