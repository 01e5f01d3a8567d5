import Foundation

/// Text carried in base64 inside a string (a kubeconfig's `client-key-data`, a
/// Docker `auth`, a Kubernetes secret's `data`, a base64-encoded JSON document),
/// decoded when it reads as text, and written back in the same alphabet and padding.
struct EmbeddedBase64 {
    /// The decoded text.
    let text: String
    private let urlSafe: Bool
    private let padded: Bool

    /// `nil` unless `string` is base64 (16 characters or more) of mostly printable UTF-8 text.
    init?(_ string: String) {
        let bytes = Array(string.utf8)
        guard bytes.count >= 16, bytes.count % 4 != 1 else { return nil }
        var urlSafe = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "_"): urlSafe = true
            default: return nil
            }
        }
        var standard = String(
            decoding: bytes.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "+") : $0 == UInt8(ascii: "_") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
        let padded = string.hasSuffix("=")
        while standard.utf8.count % 4 != 0 { standard += "=" }
        guard let data = Data(base64Encoded: standard), let text = String(data: data, encoding: .utf8), !text.isEmpty else { return nil }
        let printable = text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\r" || $0 == "\t" }.count
        guard printable * 10 >= text.unicodeScalars.count * 9 else { return nil }
        self.text = text
        self.urlSafe = urlSafe
        self.padded = padded
    }

    /// `text` encoded as the original was.
    func encoding(_ text: String) -> String {
        var encoded = Data(text.utf8).base64EncodedString()
        if !padded { encoded = String(encoded.prefix { $0 != "=" }) }
        guard urlSafe else { return encoded }
        return String(encoded.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }
}
