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
    /// (Huawei's project ids, object ids), so it is not taken there. A value in
    /// braces is read inside them: Maven writes its encrypted passwords `{…}`.
    static func looksGenerated(_ value: some StringProtocol, name: some StringProtocol, hexIsAnId: Bool = false) -> Bool {
        guard (24...4096).contains(value.utf8.count) else { return false }
        var bytes = Array(value.utf8)
        if bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") { bytes = Array(bytes.dropFirst().dropLast()) }
        guard bytes.count >= 24, !Placeholder.isWhole(String(value)) else { return false }
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
        // Lower-case hex after a type in capitals is an id (Twilio's `AC…`, `SM…`, `VA…` SIDs), and no mix of cases either.
        let type = bytes.prefix(while: { (0x41...0x5A).contains($0) }).count
        let typed = (1...4).contains(type) && !bytes.dropFirst(type).contains(where: { (0x41...0x5A).contains($0) })
        let isHex = isTaggedHex(bytes.dropFirst(typed ? type : 0))
        guard isHex ? !hexIsAnId && !typed && entropy(bytes) >= 3 : upper && lower && digit && entropy(bytes) >= 4 else { return false }
        return !namesPublicValue(name)
    }

    /// Whether `bytes` are hex of 128 bits or more, alone or with a short tag before
    /// or after (`0x…`, Mailchimp's `…-us21`, Mailgun's `key-…`).
    private static func isTaggedHex(_ bytes: ArraySlice<UInt8>) -> Bool {
        var digits = bytes
        if let separator = digits.prefix(9).firstIndex(where: tagSeparators.contains), digits[..<separator].allSatisfy(ByteSet.word.contains) {
            digits = digits[(separator + 1)...]
        } else if digits.starts(with: "0x".utf8) {
            digits = digits.dropFirst(2)
        }
        if let separator = digits.suffix(9).lastIndex(where: tagSeparators.contains), digits[(separator + 1)...].allSatisfy(ByteSet.word.contains) {
            digits = digits[..<separator]
        }
        return digits.count >= 32 && digits.allSatisfy(hexDigits.contains)
    }

    private static let tagSeparators = ByteSet("-_.")

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

    /// Whether `value` is a ticket by its prefix, whatever it is called (CAS's
    /// service, proxy, proxy-granting and ticket-granting tickets `ST-…`, `PT-…`,
    /// `PGT-…`, `TGT-…`, their `PGTIOU-…` and login tickets `LT-…`): the prefix, then
    /// a run of 16 characters or more with upper- and lower-case letters and digits
    /// (`ST-1234-fix-login-page` is a branch, not a ticket).
    static func isTicket(_ value: some StringProtocol) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count >= 19, bytes.count <= 512, let first = bytes.first, ticketInitials.contains(first),
            let prefix = ticketPrefixes.first(where: { bytes.starts(with: $0) })
        else { return false }
        let run = bytes[prefix.count...]
        guard run.count >= 16, run.allSatisfy(ticketBytes.contains) else { return false }
        let hasUpper = run.contains { (0x41...0x5A).contains($0) }
        let hasLower = run.contains { (0x61...0x7A).contains($0) }
        return hasUpper && hasLower && run.contains { (0x30...0x39).contains($0) } && entropy(Array(run)) >= 3.5
    }

    private static let ticketPrefixes = ["PGTIOU-", "PGT-", "TGT-", "ST-", "PT-", "LT-"].map { Array($0.utf8) }
    private static let ticketInitials = ByteSet("PTSL")
    private static let ticketBytes = ByteSet("A-Za-z0-9._-")

    /// Whether `value` under `name` is a one-time code sent back to be checked: a `code`
    /// of 4 to 10 digits beside the recipient it was sent to or the verification it
    /// answers (Twilio Verify's `To=…&Code=…`, `{"email": …, "code": …}`), whose names are `siblings`.
    static func isVerificationCode(name: some StringProtocol, value: some StringProtocol, siblings: [String]) -> Bool {
        guard fold(name) == "code", (4...10).contains(value.utf8.count), value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        return siblings.contains { CredentialName.words($0).contains(where: recipientWords.contains) }
    }

    /// Words of a name that says whom a code went to, or what it verifies.
    private static let recipientWords: Set<String> = [
        "to", "phone", "email", "mobile", "msisdn", "recipient", "verification", "destination",
    ]

    /// Whether `name` is a hash or a signature's and `value` of key length (hex of 128
    /// bits or more, or a random token): beside a timestamp, a nonce or an expiry
    /// (`signingSiblings`), such a value signs the request (Telegram's login `hash`
    /// beside `auth_date`), where alone it would be a digest of content.
    static func isRequestSignature(name: some StringProtocol, value: some StringProtocol) -> Bool {
        guard let last = CredentialName.words(name).last, signatureWords.contains(last) else { return false }
        let bytes = Array(value.utf8)
        return bytes.count >= 32 && bytes.allSatisfy(hexDigits.contains) && entropy(bytes) >= 3 || looksRandom(value)
    }

    private static let signatureWords: Set<String> = ["hash", "digest", "checksum", "mac", "hmac", "sig", "sign", "signature"]
    /// Names (folded) that make a request signed: what its signature covers to stop a replay.
    static let signingSiblings: Set<String> = [
        "authdate", "timestamp", "ts", "nonce", "noncestr", "expires", "expiry", "exp", "expiresat", "validuntil",
    ]

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
        "cache", "vary", "accept", "date", "time", "timestamp", "bucket", "object", "file", "filename", "accessor", "dedup", "dedupe",
    ]
}
