extension StringProtocol {
    /// The text without the spaces and tabs at its ends. Header values, cookies and
    /// parameter lists are trimmed on every exchange recorded, where Foundation's
    /// `trimmingCharacters(in:)` costs more than the redaction it prepares.
    var trimmingSpaces: Substring {
        let text = Substring(self)
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = text.utf8.firstIndex(where: { !isSpace($0) }), let last = text.utf8.lastIndex(where: { !isSpace($0) }) else {
            return text[text.endIndex...]
        }
        // The byte after the last kept one is a space or the end: a scalar boundary.
        return text[first..<text.utf8.index(after: last)]
    }
}
