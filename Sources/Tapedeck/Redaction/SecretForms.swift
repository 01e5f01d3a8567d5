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
        add(secret.addingPercentEncoding(withAllowedCharacters: formAllowed)?.replacingOccurrences(of: "%20", with: "+"))
        for form in jsonEscaped(secret) { add(form) }
        return forms
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

    private static let formAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "*-._ "))

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
        String(decoding: text.utf8.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            case UInt8(ascii: "="): nil
            default: byte
            }
        }, as: UTF8.self)
    }
}
