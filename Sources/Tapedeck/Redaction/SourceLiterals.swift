/// Secrets in source code (PHP, JavaScript, Python, Ruby…) that `name = value`
/// reading misses, each found in its bytes: a call's name and value arguments
/// (`define("PAYTM_MERCHANT_KEY", "…")`, `os.getenv("DB_PASSWORD", "…")`,
/// `headers.set('X-Api-Key', '…')`), a fallback after a lookup
/// (`process.env.API_KEY || "…"`, `getenv("DB_PASS") ?: "…"`), string literals
/// written in escapes (`"\x73\x6b\x2d…"`, `"\u0073…"`), and the literal argument
/// of a base64 codec (`atob("…")`, `base64.b64decode("…")`, `Buffer.from("…", "base64")`).
enum SourceLiterals {
    /// A call's quoted name and value arguments, when a quote at `position` opens the first argument.
    static func calledPair(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (name: Range<Int>, value: Range<Int>)? {
        let quote = bytes[position]
        guard quotes.contains(quote), let open = previousByte(in: bytes, before: position), bytes[open] == UInt8(ascii: "(") else { return nil }
        var end = position + 1
        while end < bytes.count, end - position <= 64, bytes[end] >= 0x80 || nameBytes.contains(bytes[end]) { end += 1 }
        guard end > position + 1, end < bytes.count, bytes[end] == quote else { return nil }
        var index = skipSpaces(in: bytes, from: end + 1)
        guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
        index = skipSpaces(in: bytes, from: index + 1)
        guard let value = literal(in: bytes, at: index) else { return nil }
        return ((position + 1)..<end, value)
    }

    /// The literal a lookup falls back to, after a name ending at `end`:
    /// `|| "…"`, `?? "…"`, `?: "…"`, `or "…"`, past the lookup's closing quote and bracket.
    static func fallbackValue(in bytes: UnsafeBufferPointer<UInt8>, afterName end: Int) -> Range<Int>? {
        var index = end
        while index < bytes.count, index - end < 3, closings.contains(bytes[index]) { index += 1 }
        index = skipSpaces(in: bytes, from: index)
        guard index + 2 < bytes.count else { return nil }
        let pair = (bytes[index], bytes[index + 1])
        switch pair {
        case (UInt8(ascii: "|"), UInt8(ascii: "|")), (UInt8(ascii: "?"), UInt8(ascii: "?")), (UInt8(ascii: "?"), UInt8(ascii: ":")): break
        case (UInt8(ascii: "o"), UInt8(ascii: "r")) where bytes[index + 2] == UInt8(ascii: " "): break
        default: return nil
        }
        return literal(in: bytes, at: skipSpaces(in: bytes, from: index + 2))
    }

    /// String literals written mostly in `\x` and `\u` escapes: their contents' ranges and what they spell.
    static func escapedLiterals(in bytes: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, text: String)] {
        var found: [(range: Range<Int>, text: String)] = []
        var index = 0
        while index < bytes.count {
            guard quotes.contains(bytes[index]) || bytes[index] == UInt8(ascii: "`"), let content = literal(in: bytes, at: index) else {
                index += 1
                continue
            }
            if let text = unescaped(UnsafeBufferPointer(rebasing: bytes[content])) { found.append((content, text)) }
            index = content.upperBound + 1
        }
        return found
    }

    /// The literal arguments of base64 codec calls: their contents' ranges and whether the call decodes them.
    static func codecLiterals(in bytes: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, decodes: Bool)] {
        var found: [(range: Range<Int>, decodes: Bool)] = []
        var index = 0
        while let open = ByteSearch.find([UInt8(ascii: "(")], in: bytes, from: index) {
            index = open + 1
            var start = open
            while start > 0, identifierBytes.contains(bytes[start - 1]) { start -= 1 }
            let function = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<open]), as: UTF8.self).lowercased()
            let decodes: Bool
            if decoders.contains(function) {
                decodes = true
            } else if encoders.contains(function) {
                decodes = false
            } else if function == "from" {
                decodes = true  // `Buffer.from("…", "base64")`, checked below
            } else {
                continue
            }
            guard let content = literal(in: bytes, at: skipSpaces(in: bytes, from: open + 1)) else { continue }
            if function == "from" {
                let next = skipSpaces(in: bytes, from: content.upperBound + 1)
                guard next < bytes.count, bytes[next] == UInt8(ascii: ","), let encoding = literal(in: bytes, at: skipSpaces(in: bytes, from: next + 1)),
                    bytes[encoding].elementsEqual("base64".utf8)
                else { continue }
            }
            found.append((content, decodes))
            index = content.upperBound
        }
        return found
    }

    /// Whether `text` is a user and a password as Basic authentication joins them (`svc-reports:Spring2024$$`).
    static func isBasicCredential(_ text: String) -> Bool {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let user = text.utf8[..<colon]
        let password = text.utf8[text.utf8.index(after: colon)...]
        return (1...64).contains(user.count) && user.allSatisfy(nameBytes.contains) && (4...128).contains(password.count)
            && password.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) && !password.starts(with: "//".utf8)
    }

    /// The contents of the quoted literal opening at `position` (escapes skipped, on one line), when not empty.
    private static func literal(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Range<Int>? {
        guard position < bytes.count, quotes.contains(bytes[position]) || bytes[position] == UInt8(ascii: "`") else { return nil }
        let quote = bytes[position]
        var end = position + 1
        while end < bytes.count, bytes[end] != quote, bytes[end] != UInt8(ascii: "\n") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
        guard end < bytes.count, bytes[end] == quote, end > position + 1 else { return nil }
        return (position + 1)..<end
    }

    /// What a literal's contents spell, when at least half of it, and four characters or more, are `\x`/`\u` escapes.
    private static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var units: [UInt16] = []
        var escapes = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\\") { index += 1 }
                units += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).utf16
                continue
            }
            let digits: Int
            switch bytes[index + 1] {
            case UInt8(ascii: "x"): digits = 2
            case UInt8(ascii: "u"): digits = 4
            default:
                units.append(UInt16(simpleEscapes[bytes[index + 1]] ?? bytes[index + 1]))
                index += 2
                continue
            }
            guard index + 2 + digits <= bytes.count,
                let unit = UInt16(String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 2)..<(index + 2 + digits)]), as: UTF8.self), radix: 16)
            else { return nil }
            units.append(unit)
            escapes += 1
            index += 2 + digits
        }
        guard escapes >= 4, escapes * 2 >= units.count else { return nil }
        return String(decoding: units, as: UTF16.self)
    }

    private static func previousByte(in bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> Int? {
        var index = position - 1
        while index >= 0, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index -= 1 }
        return index >= 0 ? index : nil
    }

    private static func skipSpaces(in bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
        var index = position
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        return index
    }

    private static let quotes = ByteSet("\"'")
    private static let closings = ByteSet("\"')]")
    private static let nameBytes = ByteSet("A-Za-z0-9_.@+-")
    private static let identifierBytes = ByteSet("A-Za-z0-9_")
    private static let simpleEscapes: [UInt8: UInt8] = [UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "0"): 0]

    /// Base64 codecs by their function's name, lower-cased.
    private static let decoders: Set<String> = [
        "atob", "b64decode", "urlsafe_b64decode", "standard_b64decode", "base64_decode", "decode64", "strict_decode64", "urlsafe_decode64",
        "decodebase64", "frombase64string", "base64decode", "base64todata",
    ]
    private static let encoders: Set<String> = [
        "btoa", "b64encode", "urlsafe_b64encode", "standard_b64encode", "base64_encode", "encode64", "strict_encode64", "urlsafe_encode64",
        "encodebase64", "tobase64string", "base64encode",
    ]
}
