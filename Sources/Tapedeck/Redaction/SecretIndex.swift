import Foundation

/// Every form of every secret a redaction found, indexed for finding them all
/// in one pass over a text: the texts' bytes are read once, whatever the
/// number of secrets, and adding a secret costs the same however many came before.
struct SecretIndex {
    private struct Needle {
        var bytes: [UInt8]
        var replacement: [UInt8]
        /// A base64 form: the whole run of base64 around it goes, since its
        /// neighbouring characters still carry a few bits of the secret.
        var widens: Bool
        /// A weak secret (a word, low in entropy): replaced only as a whole token, and never in a URL path.
        var weak: Bool
    }

    private var needles: [Needle] = []
    /// Needles by their first four bytes, longest first.
    private var byPrefix: [UInt32: [Int]] = [:]
    /// A filter on the prefixes: most positions in a text start no needle, and this says so in one lookup.
    private var filter = [UInt64](repeating: 0, count: 1 << 14)

    /// Adds `secret` in each of its forms, each replaced by `placeholder`; a
    /// `weak` one only as it is and percent-encoded, at token boundaries.
    mutating func add(_ secret: String, placeholder: String, weak: Bool = false) {
        guard secret.utf8.count >= SecretForms.shortest else { return }
        let plain = SecretForms.plain(secret)
        let base64 = weak ? [] : SecretForms.base64(secret).filter { !plain.contains($0) }
        for (form, widens) in plain.map({ ($0, false) }) + base64.map({ ($0, true) }) {
            let bytes = Array(form.utf8)
            let key = Self.prefix(bytes, at: 0)
            var list = byPrefix[key, default: []]
            guard !list.contains(where: { needles[$0].bytes == bytes }) else { continue }
            let slot = list.firstIndex { needles[$0].bytes.count < bytes.count } ?? list.endIndex
            list.insert(needles.count, at: slot)
            byPrefix[key] = list
            needles.append(Needle(bytes: bytes, replacement: Array(placeholder.utf8), widens: widens, weak: weak))
            let bit = Self.filterBit(key)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// `text` with every form of every secret replaced, leftmost and longest first;
    /// placeholders already in the text are left whole.
    /// - Parameter strongOnly: leave weak secrets alone (in a URL path, where a word is more likely a resource's name).
    func scrub(_ text: String, strongOnly: Bool = false) -> String {
        guard !needles.isEmpty, text.utf8.count >= SecretForms.shortest else { return text }
        var text = text
        return text.withUTF8 { bytes in
            scrub(bytes, strongOnly: strongOnly).map { String(decoding: $0, as: UTF8.self) }
        } ?? text
    }

    /// The bytes with every secret replaced, or `nil` when none was there.
    func scrub(_ bytes: UnsafeBufferPointer<UInt8>, strongOnly: Bool = false) -> [UInt8]? {
        guard !needles.isEmpty else { return nil }
        var output: [UInt8]?
        var copied = 0
        var position = 0
        let marker = Placeholder.markerBytes
        while position + SecretForms.shortest <= bytes.count {
            if bytes[position] == marker[0], bytes.count - position >= marker.count,
                memcmp(bytes.baseAddress! + position, marker, marker.count) == 0
            {
                position += marker.count
                while position < bytes.count, Placeholder.isWordByte(bytes[position]) { position += 1 }
                continue
            }
            let key = Self.prefix(bytes, at: position)
            let bit = Self.filterBit(key)
            if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let candidates = byPrefix[key],
                let hit = candidates.first(where: { candidate in
                    let needle = needles[candidate]
                    guard !(strongOnly && needle.weak), matches(needle.bytes, bytes, at: position) else { return false }
                    return !needle.weak || Self.isBoundary(bytes, before: position, after: position + needle.bytes.count)
                })
            {
                var start = position
                position += needles[hit].bytes.count
                if needles[hit].widens {
                    while start > copied, Self.base64.contains(bytes[start - 1]) { start -= 1 }
                    while position < bytes.count, Self.base64.contains(bytes[position]) || bytes[position] == UInt8(ascii: "=") { position += 1 }
                }
                if output == nil { output = [] }
                output!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<start]))
                output!.append(contentsOf: needles[hit].replacement)
                copied = position
                continue
            }
            position += 1
        }
        guard var result = output else { return nil }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return result
    }

    private func matches(_ needle: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        bytes.count - position >= needle.count && needle.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress! + position, needle.count) == 0 }
    }

    private static func prefix(_ bytes: some Collection<UInt8>, at position: Int) -> UInt32 {
        var key: UInt32 = 0
        var index = bytes.index(bytes.startIndex, offsetBy: position)
        for _ in 0..<4 {
            key = key << 8 | UInt32(bytes[index])
            index = bytes.index(after: index)
        }
        return key
    }

    private static let base64 = ByteSet("A-Za-z0-9+/_-")

    /// Whether the bytes around a match are not letters or digits: the match is a whole token.
    private static func isBoundary(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int, after end: Int) -> Bool {
        (start == 0 || !ByteSet.word.contains(bytes[start - 1])) && (end >= bytes.count || !ByteSet.word.contains(bytes[end]))
    }

    private static func filterBit(_ key: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> 12) }
}
