/// A recorded text body that holds placeholders, compared with a live one: a
/// placeholder stands for exactly one value and nothing around it. In a form
/// (`amount=10&token=REDACTED-token-3`) it matches only its own field's value,
/// and every other field must agree; in other text it matches one run of
/// characters without space, `&` or quotes, and the text around it must agree.
enum PlaceholderPattern {
    static func matches(recorded: String, requested: String) -> Bool {
        if FormFields.looksLikeForm(recorded) {
            let old = FormFields.pairs(recorded)
            let new = FormFields.pairs(requested)
            return old.count == new.count
                && zip(old, new).allSatisfy { before, after in
                    before.name == after.name && (before.value == after.value || Placeholder.isWhole(before.value) && !after.value.isEmpty)
                }
        }
        return matchesText(Array(recorded.utf8), Array(requested.utf8), stops: stops)
    }

    /// A recorded URL path that holds placeholders (`/bot<token>/getMe`,
    /// `/sessions/<token>`), compared with a live one: a placeholder matches one
    /// run of characters within a segment, and the rest of the path must agree.
    static func matches(path recorded: String, requested: String) -> Bool {
        matchesText(Array(recorded.utf8), Array(requested.utf8), stops: pathStops)
    }

    private static func matchesText(_ recorded: [UInt8], _ requested: [UInt8], stops: Set<UInt8>) -> Bool {
        var old = 0
        var new = 0
        while old < recorded.count {
            guard recorded[old...].starts(with: Placeholder.markerBytes) else {
                guard new < requested.count, recorded[old] == requested[new] else { return false }
                old += 1
                new += 1
                continue
            }
            old += Placeholder.markerBytes.count
            while old < recorded.count, Placeholder.isWordByte(recorded[old]) { old += 1 }
            let start = new
            while new < requested.count, !stops.contains(requested[new]), old >= recorded.count || requested[new] != recorded[old] { new += 1 }
            guard new > start else { return false }
        }
        return new == requested.count
    }

    private static let stops: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'")]
    private static let pathStops = stops.union([UInt8(ascii: "/"), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "#")])
}
