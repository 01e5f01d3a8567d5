import Foundation

extension CredentialCatalogue {
    /// `looksGenerated(_:name:)` and `isAuthorizationCode(name:value:)`, for a catalogue that reads by design.
    func isGeneratedOrCode(_ value: some StringProtocol, name: some StringProtocol) -> Bool {
        readsByDesign && (Self.isAuthorizationCode(name: name, value: value) || Self.looksGenerated(value, name: name))
    }

    /// Whether `value`, under `name`, looks like a generated credential though the
    /// name is not a credential's: 24 characters or more of one token, upper- and
    /// lower-case letters and digits mixed, and at least 4 bits of entropy per
    /// character (what random base62 and base64 text has, and no word, hex
    /// digest, UUID or date); or, unless `hexIsAnId`, hex of 128 bits or more.
    /// Names that document a value as public (ids, markers, ETags, cursors,
    /// digests, request ids) keep theirs. In a URL's path, hex is an id
    /// (Huawei's project ids, object ids), so it is not taken there.
    static func looksGenerated(_ value: some StringProtocol, name: some StringProtocol, hexIsAnId: Bool = false) -> Bool {
        guard (24...4096).contains(value.utf8.count) else { return false }
        let bytes = Array(value.utf8)
        guard !Placeholder.isWhole(String(value)) else { return false }
        var upper = false
        var lower = false
        var digit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "~"), UInt8(ascii: "%"):
                continue
            default: return false
            }
        }
        // Hex of 128 bits or more (`0x…` too): keys, session ids and signatures written as hex, unless an id or a digest.
        let digits = bytes.starts(with: Array("0x".utf8)) ? bytes.dropFirst(2) : bytes[...]
        let hex =
            !hexIsAnId && digits.count >= 32
            && digits.allSatisfy(hexDigits.contains)
        guard hex && entropy(bytes) >= 3 || upper && lower && digit && entropy(bytes) >= 4 else { return false }
        return !namesPublicValue(name)
    }

    /// Whether a word of `name` documents its value as public: an id, a digest, a cursor, a public key.
    static func namesPublicValue(_ name: some StringProtocol) -> Bool {
        NameReading.of(name).namesPublicValue
    }

    /// Whether `name=value` is an OAuth authorization code or a ticket (`code`,
    /// `ticket`): a run of 8 or more letters and digits mixed.
    static func isAuthorizationCode(name: some StringProtocol, value: some StringProtocol) -> Bool {
        guard ["code", "ticket", "authcode", "authorizationcode"].contains(fold(name)), value.utf8.count >= 8 else { return false }
        return value.contains { $0.isLetter } && value.contains { $0.isNumber } && !value.contains(" ")
    }

    /// Bits of entropy per byte of `bytes`.
    static func entropy(_ bytes: [UInt8]) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }

    /// Name words that document a value as public: identifiers, paging, digests, versions, links and content.
    private static let hexDigits = ByteSet("0-9a-fA-F")

    static let publicValueWords: Set<String> = [
        "id", "ids", "uid", "uuid", "guid", "arn", "etag", "marker", "cursor", "next", "page", "continuation", "offset", "hash", "digest",
        // Paging by object: Stripe's starting_after and ending_before, GraphQL's after and before.
        "after", "before", "starting", "ending", "prev", "previous", "resume", "sync",
        "checksum", "sha", "sha1", "sha256", "md5", "crc32c", "version", "revision", "rev", "request", "trace", "span", "correlation",
        "traceparent", "state", "url", "uri", "href", "link", "path", "location", "content", "data", "body", "payload", "blob", "image",
        "icon", "avatar", "thumbnail", "certificate", "cert", "publickey", "public", "fingerprint", "name", "type", "commit", "tree",
        "parent", "ref", "node", "amz", "integrity", "sri", "nonce", "invocation", "execution", "operation", "job", "build",
        "cache", "vary", "accept", "date", "time", "timestamp", "bucket", "object", "file", "filename",
    ]
}
