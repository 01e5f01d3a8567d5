/// The text that stands for a redacted secret: `REDACTED-<kind>-<n>`.
package enum Placeholder {
    /// What every placeholder starts with.
    static let marker = "REDACTED-"
    static let markerBytes = Array(marker.utf8)
    /// What stands for a body whose `Content-Encoding` does not decode: it cannot be
    /// read for secrets, so it is not kept.
    static let undecodableBody = "REDACTED-undecodable-body-0"

    /// Whether `value` is one placeholder as a whole, and nothing else: the only
    /// value the redactor and the scan take as clean.
    package static func isWhole(_ value: some StringProtocol) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count > markerBytes.count + 2, bytes.starts(with: markerBytes) else { return false }
        let rest = bytes[markerBytes.count...]
        // A kind made before kinds were ASCII (`REDACTED-lösenord-3`) still reads as one.
        guard rest.allSatisfy({ isWordByte($0) || $0 >= 0x80 }), let dash = rest.lastIndex(of: UInt8(ascii: "-")), dash != rest.startIndex else { return false }
        let number = rest[rest.index(after: dash)...]
        return !number.isEmpty && number.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Letters, digits and `-`: what a placeholder is made of.
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// A name made a placeholder's kind: its ASCII letters and digits, and `-` for
    /// each other character (`DB_PASSWORD` → `db-password`, `lösenord` → `l-senord`),
    /// or `secret` for a name with none of them (`пароль`).
    static func kind(_ kind: some StringProtocol) -> String {
        let kind = String(kind.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        return kind.allSatisfy { $0 == "-" } ? "secret" : kind
    }
}
