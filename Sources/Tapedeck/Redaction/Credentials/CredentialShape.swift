/// What a credential value looks like wherever it appears, whatever it is
/// called: a fixed prefix, then a run of allowed characters of at least a
/// minimum length (`AKIA` + 16 upper-case letters and digits). The secret is
/// the prefix and the run (or only the run, for `Bearer …`).
public struct CredentialShape: Sendable, Hashable {
    /// The placeholder kind and the scan's name for it (`aws-access-key`).
    public var kind: String
    /// The vendor's format it stands for, as its documentation names it.
    public var format: String
    /// Any of these starts the value.
    private var prefixBytes: [[UInt8]]
    /// The characters the run after the prefix may hold.
    var allowed: ByteSet
    /// The run's length: at least `minimum`, at most `maximum`.
    var minimum: Int
    var maximum: Int
    /// Whether the prefix is part of the secret (`AKIA…`) or only announces it (`Bearer `).
    var prefixIsSecret: Bool
    /// How many `.` the run must hold (a JWT has two), when it matters.
    var dots: Int?
    /// What must close the value, itself included (a PEM block's `-----END … PRIVATE KEY-----`).
    private var terminator: [UInt8]?
    /// Whether the secret is only the lines between the prefix's line and the
    /// terminator's, both kept (a PuTTY key file's private lines, between its
    /// `Private-Lines:` count and its `Private-MAC:`, leaving its public lines).
    private var linesBetween: Bool

    init(
        kind: String, format: String? = nil, prefixes: [String], allowed: ByteSet, minimum: Int, maximum: Int, prefixIsSecret: Bool = true, dots: Int? = nil,
        terminator: String? = nil, linesBetween: Bool = false
    ) {
        self.kind = kind
        self.format = format ?? kind
        prefixBytes = prefixes.map { Array($0.utf8) }
        self.allowed = allowed
        self.minimum = minimum
        self.maximum = maximum
        self.prefixIsSecret = prefixIsSecret
        self.dots = dots
        self.terminator = terminator.map { Array($0.utf8) }
        self.linesBetween = linesBetween
    }

    /// What a look for the shape at one position found.
    enum Match {
        /// No prefix there.
        case none
        /// The secret.
        case found(Range<Int>)
        /// A prefix whose run is not a valid value, read up to `through`: no
        /// later start before that can be one either, so the search skips it
        /// (which keeps the search linear on text like `eyJeyJeyJ…`).
        case failed(through: Int)
    }

    /// The secret when prefix number `prefix` starts at `position` in `bytes`.
    func match(in bytes: UnsafeBufferPointer<UInt8>, at position: Int, prefix: Int) -> Match {
        let needle = prefixBytes[prefix]
        guard bytes.count - position >= needle.count, needle.indices.allSatisfy({ bytes[position + $0] == needle[$0] }) else { return .none }
        if prefixIsSecret, position > 0, ByteSet.word.contains(bytes[position - 1]) { return .none }
        if linesBetween { return lines(in: bytes, after: position + needle.count) }
        let (valid, end) = runEnd(in: bytes, after: position + needle.count)
        guard valid else { return .failed(through: end) }
        let start = prefixIsSecret ? position : position + needle.count
        // A placeholder after `Bearer ` is what an earlier pass left: redacting again changes nothing.
        if !prefixIsSecret, Self.startsWithPlaceholder(bytes, at: start) { return .none }
        return .found(start..<end)
    }

    /// The lines from the one after `start`'s up to the terminator's line, without their last line break.
    private func lines(in bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> Match {
        guard let closing = terminator, let lineBreak = ByteSearch.find([UInt8(ascii: "\n")], in: bytes, from: start),
            let hit = ByteSearch.find(closing, in: bytes, from: lineBreak)
        else { return .failed(through: bytes.count) }
        var end = hit
        while end > lineBreak + 1, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end - (lineBreak + 1) >= minimum, !Self.startsWithPlaceholder(bytes, at: lineBreak + 1) else { return .failed(through: hit) }
        return .found((lineBreak + 1)..<end)
    }

    private static func startsWithPlaceholder(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let marker = Placeholder.markerBytes
        return bytes.count - start >= marker.count && marker.indices.allSatisfy { bytes[start + $0] == marker[$0] }
    }

    /// The prefixes, as text.
    var prefixes: [String] { prefixBytes.map { String(decoding: $0, as: UTF8.self) } }
    /// The text that closes a value, for a value that runs to one (a PEM block).
    var closing: String? { terminator.map { String(decoding: $0, as: UTF8.self) } }

    /// Where the run that starts at `start` ends, and whether it is a valid value.
    private func runEnd(in bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> (valid: Bool, end: Int) {
        if let closing = terminator {
            guard let hit = ByteSearch.find(closing, in: bytes, from: start) else { return (false, bytes.count) }
            return (hit - start >= minimum, hit + closing.count)
        }
        var end = start
        var dotCount = 0
        while end < bytes.count, allowed.contains(bytes[end]) {
            if bytes[end] == UInt8(ascii: ".") { dotCount += 1 }
            end += 1
        }
        let scanned = end
        // A sentence's full stop is not part of the value.
        while end > start, bytes[end - 1] == UInt8(ascii: ".") {
            dotCount -= 1
            end -= 1
        }
        let valid = end - start >= minimum && end - start <= maximum && (dots.map { $0 == dotCount } ?? true)
        return (valid, valid ? end : scanned)
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

    /// The bytes in the set, in order.
    var members: [UInt8] { (0..<128).map(UInt8.init).filter(contains) }

    /// Letters and digits: a credential shape does not start inside a longer word.
    static let word = ByteSet("A-Za-z0-9")
    /// ASCII letters.
    static let letters = ByteSet("A-Za-z")
}
