extension CredentialShape {
    /// The members a shape of a rules document (a provider profile's `redaction`) may have.
    static let ruleMembers = ["kind", "format", "prefixes", "characters", "minimum", "maximum"]

    /// Reads one entry of a rules document's `shapes`:
    /// `{"kind": "acme-key", "prefixes": ["acme_"], "characters": "A-Za-z0-9", "minimum": 32, "maximum": 40}`,
    /// the run after the prefix of `minimum` to `maximum` (no limit when left out) of `characters`,
    /// where `a-z` spans a range. So a provider's token formats live in its profile, not in the core.
    /// - Throws: `InputError` at `path` for a missing or malformed member.
    init(rule entry: JSONObject, at path: JSONPath, reader: JSONDocumentReader) throws(InputError) {
        _ = try reader.object(.object(entry), at: path, members: Self.ruleMembers)
        let kind = try reader.required(entry, "kind", at: path)
        guard kind.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw InputError(
                file: reader.file, location: .path(path.appending("kind")), expected: "a kind of letters, digits and '-'",
                found: "\"\(kind)\"")
        }
        let prefixes = try reader.strings(entry, "prefixes", at: path)
        guard !prefixes.isEmpty, prefixes.allSatisfy({ !$0.isEmpty }) else {
            throw reader.mismatch(at: path.appending("prefixes"), expected: "a list of non-empty prefixes", found: entry["prefixes"])
        }
        let characters = try reader.required(entry, "characters", at: path)
        guard let allowed = ByteSet(validating: characters) else {
            throw InputError(
                file: reader.file, location: .path(path.appending("characters")),
                expected: "ASCII characters, with ranges like A-Z in ascending order", found: "\"\(characters)\"")
        }
        func count(_ key: String) throws(InputError) -> Int? {
            guard let value = entry[key] else { return nil }
            guard let number = value.int64Value, number >= 1, number <= Int64(Int32.max) else {
                throw reader.mismatch(at: path.appending(key), expected: "a whole number of characters, 1 or more", found: value)
            }
            return Int(number)
        }
        guard let minimum = try count("minimum") else {
            throw reader.mismatch(at: path.appending("minimum"), expected: "a whole number of characters, 1 or more", found: nil)
        }
        let maximum = try count("maximum") ?? .max
        guard maximum >= minimum else {
            throw InputError(
                file: reader.file, location: .path(path.appending("maximum")), expected: "at least the minimum, \(minimum)",
                found: "\(maximum)")
        }
        self.init(
            kind: kind, format: try reader.string(entry, "format", at: path), prefixes: prefixes, allowed: allowed, minimum: minimum,
            maximum: maximum)
    }
}

extension ByteSet {
    /// The set `characters` spells, or `nil` when it holds a byte past ASCII or a
    /// descending range (`z-a`), which the plain initialiser cannot span.
    init?(validating characters: String) {
        let bytes = Array(characters.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 128 }) else { return nil }
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                guard bytes[index] <= bytes[index + 2] else { return nil }
                index += 3
            } else {
                index += 1
            }
        }
        self.init(characters)
    }
}
