/// Text carried in hexadecimal inside a string (a debug dump's `payload_hex`, a
/// serial protocol's frame, a hex-encoded `.env`), decoded when it reads as
/// text, and written back in the same letter case.
struct EmbeddedHex {
    /// The decoded text.
    let text: String
    private let uppercase: Bool

    /// `nil` unless `string` is hex (16 digits or more, whole bytes) of printable
    /// UTF-8 text: every decoded byte a printable character, a line break or a tab.
    /// Every string value is tried, and most hex is a digest or an id, whose bytes
    /// are not text: decoding stops at the first byte that settles it.
    init?(_ string: String) {
        let utf8 = string.utf8
        guard utf8.count >= 16, utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var high: UInt8?
        var uppercase = false
        for byte in utf8 {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"):
                value = byte - UInt8(ascii: "A") + 10
                uppercase = true
            default: return nil
            }
            guard let first = high else {
                high = value
                continue
            }
            let decoded = first << 4 | value
            guard decoded >= 0x20 && decoded != 0x7F || decoded == UInt8(ascii: "\n") || decoded == UInt8(ascii: "\r") || decoded == UInt8(ascii: "\t")
            else { return nil }
            bytes.append(decoded)
            high = nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        self.text = text
        self.uppercase = uppercase
    }

    /// `text` encoded as the original was.
    func encoding(_ text: String) -> String {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count * 2)
        for byte in text.utf8 { encoded += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
        return String(decoding: encoded, as: UTF8.self)
    }
}
