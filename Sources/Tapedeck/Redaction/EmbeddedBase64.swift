import Foundation

/// Text carried in base64 inside a string (a kubeconfig's `client-key-data`, a
/// Docker `auth`, a Kubernetes secret's `data`, a base64-encoded JSON document),
/// decoded when it reads as text, and written back in the same alphabet and padding.
struct EmbeddedBase64 {
    /// The decoded text.
    let text: String
    private let urlSafe: Bool
    private let padded: Bool

    /// `nil` unless `string` is base64 (16 characters or more) of mostly printable
    /// UTF-8 text: at most one scalar in ten a control character other than a line
    /// break or a tab. Every string value of every body recorded is tried, and most
    /// are ids or random tokens: decoding stops at the first byte that settles it.
    init?(_ string: String) {
        let utf8 = string.utf8
        guard utf8.count >= 16, utf8.count % 4 != 1 else { return nil }
        // The decoded text has at most this many scalars, so this many control characters in ten rule it out.
        let scalarBound = utf8.count * 3 / 4
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalarBound)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        var controls = 0
        var urlSafe = false
        for byte in utf8 {
            let sextet: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): sextet = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): sextet = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sextet = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): sextet = 62
            case UInt8(ascii: "/"): sextet = 63
            case UInt8(ascii: "-"):
                sextet = 62
                urlSafe = true
            case UInt8(ascii: "_"):
                sextet = 63
                urlSafe = true
            case UInt8(ascii: "="):
                padding += 1
                continue
            default: return nil
            }
            // Padding only ends the text.
            guard padding == 0 else { return nil }
            accumulator = accumulator << 6 | UInt32(sextet)
            bits += 6
            guard bits >= 8 else { continue }
            bits -= 8
            let decoded = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
            bytes.append(decoded)
            if decoded < 0x20, decoded != UInt8(ascii: "\n"), decoded != UInt8(ascii: "\r"), decoded != UInt8(ascii: "\t") {
                controls += 1
                if controls * 10 > scalarBound { return nil }
            }
        }
        guard padding == 0 || (padding <= 2 && utf8.count % 4 == 0), let text = String(validating: bytes, as: UTF8.self), !text.isEmpty,
            controls * 10 <= text.unicodeScalars.count
        else { return nil }
        self.text = text
        self.urlSafe = urlSafe
        self.padded = padding > 0
    }

    /// `text` encoded as the original was.
    func encoding(_ text: String) -> String {
        var encoded = Data(text.utf8).base64EncodedString()
        if !padded { encoded = String(encoded.prefix { $0 != "=" }) }
        guard urlSafe else { return encoded }
        return String(encoded.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }
}
