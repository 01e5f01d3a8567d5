import Foundation

/// The scan's own detectors, which share no rule with the redactor but the
/// vendors' token formats, so that a cassette the redactor got wrong does not
/// scan clean because the scan got it wrong the same way:
/// - `shape`: a vendor token format (`CredentialShape.vendorFormats`);
/// - `entropy`: a token whose randomness is beyond what its character set
///   gives ordinary text (base64/base62 and hex judged apart);
/// - `credential-word`: a value right after a word people call credentials by
///   (`…pass…=`, `…token…: `, `…secret…"`), read as plain text;
/// - `decoded`: any of these inside a layer it peels (base64, percent-encoding,
///   JSON in a string), to a bounded depth.
struct IndependentDetectors {
    private let catalogue = CredentialCatalogue(names: [], shapes: CredentialShape.vendorFormats)

    /// The detector that finds a secret in `text`, or `nil` when none does.
    /// - Parameter name: the JSON member that holds `text`, when there is one.
    func detector(for text: String, name: String?, depth: Int = 0) -> String? {
        guard !Placeholder.isWhole(text), text.utf8.count >= 4 else { return nil }
        if let kind = catalogue.shapeKinds(in: text).first { return "shape \(kind)" }
        if let name, Self.hasCredentialWord(name), !Self.isFlagOrEmpty(text), !Self.hasPublicWord(name) { return "credential-word" }
        if Self.hasCredentialAssignment(text) { return "credential-word" }
        if Self.hasRandomToken(text), !(name.map(Self.hasPublicWord) ?? false) { return "entropy" }
        guard depth < 3 else { return nil }
        for layer in Self.layers(of: text) {
            if let inner = detector(for: layer, name: nil, depth: depth + 1) { return depth == 0 ? "decoded \(inner)" : inner }
        }
        return nil
    }

    /// Substrings of credential words, matched in a name folded to lower-case letters and digits.
    private static let credentialWords = [
        "pass", "pwd", "secret", "token", "apikey", "accesskey", "privatekey", "credential", "auth", "session", "cookie", "signature",
        "jwt", "bearer", "csrf", "xsrf", "clientkey", "accountkey", "sharedkey", "masterkey", "kubeconfig", "dockercfg", "otp",
        "recoverycode", "backupcode", "pincode", "mfacode", "pw", "psk", "mnemonic", "seedphrase", "recoveryphrase", "cvc", "cvv", "clave", "hmac", "passwort",
        "kennwort", "wachtwoord",
        "senha", "contrasena", "contraseña", "motdepasse", "parola", "haslo", "hasło", "heslo", "salasana", "losenord", "lösenord",
        "passord", "sifre", "şifre", "пароль", "парола", "密码", "密碼", "口令", "パスワード", "비밀번호", "mậtkhẩu", "matkhau",
        "κωδικός", "पासवर्ड", "รหัสผ่าน", "engångskod", "engangskode", "ओटीपी",
    ]
    /// Words in a name that say its value is bookkeeping, not a credential.
    private static let publicWords = [
        "type", "expire", "expiry", "ttl", "next", "page", "cursor", "marker", "continuation", "count", "url", "uri", "endpoint",
        "method", "scope", "status", "policy", "length", "name", "hint", "prefix", "id", "hash", "digest", "etag", "author", "used",
        "required", "enabled", "time", "date", "max", "min", "limit", "version", "format", "algorithm", "mode", "provider", "domain",
    ]

    private static func folded(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
    private static func hasCredentialWord(_ name: String) -> Bool {
        let name = folded(name)
        return credentialWords.contains { name.contains($0) }
    }
    private static func hasPublicWord(_ name: String) -> Bool {
        let name = folded(name)
        return publicWords.contains { name.contains($0) }
    }
    private static func isFlagOrEmpty(_ text: String) -> Bool {
        ["", "true", "false", "null", "none"].contains(text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// `…word… = value`, `…word…: value`, `"…word…": "value"` in text, the value not a placeholder.
    private static func hasCredentialAssignment(_ text: String) -> Bool {
        guard text.contains("=") || text.contains(":") else { return false }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "=" || scalars[index] == ":" else {
                index += 1
                continue
            }
            var nameEnd = index
            while nameEnd > 0, " \t\"'".unicodeScalars.contains(scalars[nameEnd - 1]) { nameEnd -= 1 }
            var nameStart = nameEnd
            while nameStart > 0, isNameScalar(scalars[nameStart - 1]) { nameStart -= 1 }
            var valueStart = index + 1
            while valueStart < scalars.count, " \t\"'".unicodeScalars.contains(scalars[valueStart]) { valueStart += 1 }
            var valueEnd = valueStart
            while valueEnd < scalars.count, !" \t\r\n\"',;&}<".unicodeScalars.contains(scalars[valueEnd]) { valueEnd += 1 }
            let name = String(String.UnicodeScalarView(scalars[nameStart..<nameEnd]))
            let value = String(String.UnicodeScalarView(scalars[valueStart..<valueEnd]))
            if nameEnd > nameStart, valueEnd - valueStart >= 4, !value.hasPrefix("//"), !value.hasPrefix("REDACTED-"), hasCredentialWord(name),
                !hasPublicWord(name), !isFlagOrEmpty(value)
            {
                return true
            }
            index += 1
        }
        return false
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-.[]".unicodeScalars.contains(scalar)
    }

    /// A run of 20 or more token characters whose entropy is near the most its
    /// length and character set allow: base62/base64 with letters of both cases
    /// and digits; hex only when 40 characters or more are nearly uniform
    /// (`looksRandom` thresholds differ by character set, since hex carries 4 bits a character at most).
    private static func hasRandomToken(_ text: String) -> Bool {
        var run: [UInt8] = []
        func judge() -> Bool {
            defer { run.removeAll(keepingCapacity: true) }
            // `name=value`: the value is what may be random (an `=` that ends the run is base64 padding).
            if let equals = run.indices.last(where: { run[$0] == UInt8(ascii: "=") && $0 + 1 < run.count && run[$0 + 1] != UInt8(ascii: "=") }) {
                run.removeSubrange(...equals)
            }
            // A placeholder in the run (`session=REDACTED-cookie-1`) is what a redaction left, not a secret.
            guard run.count >= 20, run.withUnsafeBufferPointer({ ByteSearch.find(Placeholder.markerBytes, in: $0) }) == nil,
                EmbeddedBase64(String(decoding: run, as: UTF8.self)).map({ !$0.text.contains(Placeholder.marker) }) ?? true
            else { return false }
            let hex = run.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
            let entropy = CredentialCatalogue.entropy(run)
            if hex { return false }
            let upper = run.contains { (0x41...0x5A).contains($0) }
            let lower = run.contains { (0x61...0x7A).contains($0) }
            let digit = run.contains { (0x30...0x39).contains($0) }
            guard upper, lower, digit else { return false }
            return entropy >= min(4.2, 0.87 * log2(Double(run.count)))
        }
        for byte in text.utf8 {
            if ByteSet.token.contains(byte) {
                run.append(byte)
            } else if judge() {
                return true
            }
        }
        return judge()
    }

    /// What `text` decodes to: base64 text, percent-decoded text, strings inside JSON.
    private static func layers(of text: String) -> [String] {
        var layers: [String] = []
        if let decoded = EmbeddedBase64(text) { layers.append(decoded.text) }
        if text.contains("%"), let decoded = text.removingPercentEncoding, decoded != text { layers.append(decoded) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("["), let value = try? JSONParser.parse(trimmed) {
            var strings: [String] = []
            collect(value, name: nil, into: &strings)
            layers += strings
        }
        return layers
    }

    /// `"name": "value"` pairs of a JSON value as `name=value` text, and bare strings, for the detectors to read.
    private static func collect(_ value: JSONValue, name: String?, into strings: inout [String]) {
        switch value {
        case .string(let text): strings.append(name.map { "\($0)=\(text)" } ?? text)
        case .array(let elements): for element in elements { collect(element, name: name, into: &strings) }
        case .object(let object): for member in object.members { collect(member.value, name: member.key, into: &strings) }
        default: break
        }
    }
}

extension ByteSet {
    /// What a token is made of: base64 in both alphabets, and `.~%`.
    static let token = ByteSet("A-Za-z0-9+/=_.~%-")
}
