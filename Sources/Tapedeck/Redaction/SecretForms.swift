import Foundation

/// The ways a secret can be written down where the redactor finds copies of
/// it: as it is, percent-encoded (upper- or lower-case hex, `+` for space),
/// escaped inside a JSON string, and in base64 (standard or URL-safe, padded
/// or not, standing alone or at any offset inside a longer base64 text).
enum SecretForms {
    /// Copies shorter than this are not looked for: they would hit ordinary text.
    static let shortest = 4
    /// A base64 form is looked for only when the secret has at least this many bytes.
    static let shortestForBase64 = 9

    /// Whether `secret` is too short or too plain for its copies to be told from
    /// ordinary text: under 8 characters, letters of one case only (a word), or
    /// under 3 bits of entropy per character.
    static func isWeak(_ secret: String) -> Bool {
        let bytes = Array(secret.utf8)
        guard bytes.count >= 8 else { return true }
        if bytes.allSatisfy({ (0x61...0x7A).contains($0) }) || bytes.allSatisfy({ (0x41...0x5A).contains($0) }) { return true }
        return CredentialCatalogue.entropy(bytes) < 3
    }

    /// Every form of `secret`: `plain` then `base64`.
    static func of(_ secret: String) -> [String] { plain(secret) + base64(secret) }

    /// `secret` itself (first), percent-encoded and JSON-escaped, without repeats.
    static func plain(_ secret: String) -> [String] {
        var forms: [String] = [secret]
        func add(_ form: String?) {
            if let form, form.utf8.count >= shortest, !forms.contains(form) { forms.append(form) }
        }
        for encoded in PercentEncodedForms.of(secret) {
            add(encoded)
            add(lowercasingHex(encoded))
        }
        // A form body writes a space as `+`.
        add(String(PercentEncodedForms.encoding(secret, keeping: formAllowed).map { $0 == " " ? "+" : $0 }))
        for form in jsonEscaped(secret) { add(form) }
        guard secret.unicodeScalars.contains(where: { !($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) else { return forms }
        // Twice encoded: a URL in a query value, JSON in a JSON string.
        for encoded in PercentEncodedForms.of(secret) where encoded.contains("%") { add(encoded.replacing("%", with: "%25")) }
        for form in jsonEscaped(secret) where form != secret { for twice in jsonEscaped(form) { add(twice) } }
        // Every punctuation mark as `\u003d` or `\u003D` (encoders that escape HTML-sensitive characters), and as an HTML entity.
        for uppercase in [false, true] { add(escapingPunctuation(secret) { "\\u" + hex($0, digits: 4, uppercase: uppercase) }) }
        add(escapingPunctuation(secret) { "&#\($0);" })
        for uppercase in [true, false] { add(escapingPunctuation(secret) { "&#x" + hex($0, digits: 1, uppercase: uppercase) + ";" }) }
        add(secret.unicodeScalars.map { htmlEntities[$0] ?? String($0) }.joined())
        return forms
    }

    /// `value` in hexadecimal, at least `digits` long (`String(format:)` costs more than every other form together).
    private static func hex(_ value: UInt32, digits: Int, uppercase: Bool) -> String {
        let text = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// `secret` with each ASCII character that is not a letter or digit written by `escape(code)`.
    private static func escapingPunctuation(_ secret: String, _ escape: (UInt32) -> String) -> String {
        var result = ""
        for scalar in secret.unicodeScalars {
            if scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) {
                result += escape(scalar.value)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `secret` in base64, standing alone or inside a longer base64 text (none for a short secret).
    static func base64(_ secret: String) -> [String] {
        let bytes = Array(secret.utf8)
        guard bytes.count >= shortestForBase64 else { return [] }
        let whole = Data(bytes).base64EncodedString()
        let unpadded = String(whole.utf8.prefix { $0 != UInt8(ascii: "=") })!
        var forms: [String] = []
        for text in [whole, unpadded] + (0..<3).map({ run(of: bytes, at: $0) }) {
            for form in [text, urlSafe(text)] where !forms.contains(form) && form != secret { forms.append(form) }
        }
        return forms
    }

    private static let htmlEntities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]

    private static let formAllowed = PercentEncodedForms.Kept(CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "*-._ ")))

    private static func lowercasingHex(_ encoded: String) -> String {
        var result = ""
        var remaining = 0
        for character in encoded {
            if character == "%" {
                remaining = 2
                result.append(character)
            } else if remaining > 0 {
                remaining -= 1
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `secret` inside a JSON string as encoders write it: only what must be
    /// escaped, also `/` as `\/`, also everything beyond ASCII as `\uxxxx` (Python's default).
    private static func jsonEscaped(_ secret: String) -> [String] {
        [(false, false), (true, false), (false, true), (true, true)].map { slash, ascii in
            var result = ""
            for scalar in secret.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                case "/" where slash: result += "\\/"
                case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
                case _ where ascii && scalar.value > 0x7E:
                    for unit in String(scalar).utf16 { result += String(format: "\\u%04x", unit) }
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result
        }
    }

    /// The base64 characters that only `bytes` decide when they start `offset`
    /// bytes into a group of three: what any longer base64 text holding them shows.
    private static func run(of bytes: [UInt8], at offset: Int) -> String {
        let encoded = Array(Data(Array(repeating: 0, count: offset) + bytes).base64EncodedString().utf8)
        let first = (offset * 8 + 5) / 6
        let end = (offset + bytes.count) * 8 / 6
        return String(decoding: encoded[first..<end], as: UTF8.self)
    }

    private static func urlSafe(_ text: String) -> String {
        String(
            decoding: text.utf8.compactMap { byte -> UInt8? in
                switch byte {
                case UInt8(ascii: "+"): UInt8(ascii: "-")
                case UInt8(ascii: "/"): UInt8(ascii: "_")
                case UInt8(ascii: "="): nil
                default: byte
                }
            }, as: UTF8.self)
    }
}
