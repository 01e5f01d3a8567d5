/// What a credential value looks like wherever it appears, whatever it is
/// called: a fixed prefix, then a run of allowed characters of at least a
/// minimum length (`AKIA` + 16 upper-case letters and digits). The secret is
/// the prefix and the run (or only the run, for `Bearer …`).
public struct CredentialShape: Sendable, Hashable {
    /// The placeholder kind and the scan's name for it (`aws-access-key`).
    public var kind: String
    /// Any of these starts the value.
    public var prefixes: [String]
    /// The characters the run after the prefix may hold.
    var allowed: ByteSet
    /// The run's length: at least `minimum`, at most `maximum`.
    var minimum: Int
    var maximum: Int
    /// Whether the prefix is part of the secret (`AKIA…`) or only announces it (`Bearer `).
    var prefixIsSecret = true
    /// How many `.` the run must hold (a JWT has two), when it matters.
    var dots: Int?
    /// What must close the value, itself included (a PEM block's `-----END … PRIVATE KEY-----`).
    var terminator: String?

    /// Where the shape first occurs in `bytes` at or after `start`: the range of the secret.
    func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        var best: Range<Int>?
        for prefix in prefixes {
            var from = start
            let needle = Array(prefix.utf8)
            while let hit = ByteSearch.find(needle, in: bytes, from: from) {
                from = hit + 1
                if best.map({ hit >= $0.lowerBound }) == true { break }
                if prefixIsSecret, hit > 0, ByteSet.word.contains(bytes[hit - 1]) { continue }
                guard let end = runEnd(in: bytes, after: hit + needle.count) else { continue }
                best = (prefixIsSecret ? hit : hit + needle.count)..<end
                break
            }
        }
        return best
    }

    /// Where a valid run that starts at `start` ends, or `nil` when none does.
    private func runEnd(in bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> Int? {
        if let terminator {
            let closing = Array(terminator.utf8)
            guard let hit = ByteSearch.find(closing, in: bytes, from: start), hit - start >= minimum else { return nil }
            return hit + closing.count
        }
        var end = start
        var dotCount = 0
        while end < bytes.count, end - start < maximum, allowed.contains(bytes[end]) {
            if bytes[end] == UInt8(ascii: ".") { dotCount += 1 }
            end += 1
        }
        // A sentence's full stop is not part of the value.
        while end > start, bytes[end - 1] == UInt8(ascii: ".") {
            dotCount -= 1
            end -= 1
        }
        guard end - start >= minimum, dots.map({ $0 == dotCount }) ?? true else { return nil }
        if end < bytes.count, end - start == maximum, allowed.contains(bytes[end]) { return nil }
        return end
    }
}

/// A set of ASCII bytes, tested in one lookup.
struct ByteSet: Sendable, Hashable {
    private var bits: (UInt64, UInt64) = (0, 0)

    init(_ characters: String) {
        let scalars = Array(characters.utf8)
        var index = 0
        // "a-z" spans a range.
        while index < scalars.count {
            if index + 2 < scalars.count, scalars[index + 1] == UInt8(ascii: "-") {
                for byte in scalars[index]...scalars[index + 2] { insert(byte) }
                index += 3
            } else {
                insert(scalars[index])
                index += 1
            }
        }
    }

    private mutating func insert(_ byte: UInt8) {
        if byte < 64 { bits.0 |= 1 << UInt64(byte) } else if byte < 128 { bits.1 |= 1 << UInt64(byte - 64) }
    }

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? bits.0 & (1 << UInt64(byte)) != 0 : byte < 128 && bits.1 & (1 << UInt64(byte - 64)) != 0
    }

    static func == (a: ByteSet, b: ByteSet) -> Bool { a.bits == b.bits }
    func hash(into hasher: inout Hasher) {
        hasher.combine(bits.0)
        hasher.combine(bits.1)
    }

    /// Letters and digits: a credential shape does not start inside a longer word.
    static let word = ByteSet("A-Za-z0-9")
}
