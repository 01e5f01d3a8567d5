extension MessageRedactor {
    /// Whether `value` under `name` is the one-time code a verifying request sends (`OneTimeCode`).
    func isVerifiedCode(_ value: String, name: String) -> Bool {
        verifiesCodes && OneTimeCode.isCode(value) && OneTimeCode.isCodeField(name)
    }

    /// Whether `value` under `name` is a password a request that sets one sends under a plain word (`current`, `next`).
    func isChangedPassword(_ value: String, name: String) -> Bool {
        setsPassword && PasswordChange.isPassword(value, name: name)
    }

    /// Whether a JSON number under `name` is a secret: 4 digits or more under a name
    /// that names a credential (`"otp": 123456`, `"pin": 4711`), unless the name counts
    /// something (`"tokens": 4096`, `"sessions": 1200`).
    func isNumericSecret(_ lexeme: String, name: String) -> Bool {
        guard catalogue.readsByDesign, lexeme.utf8.count >= 4, lexeme.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            catalogue.namesCredential(name, at: .document)
        else { return false }
        return !CredentialName.words(name).contains { Self.countedWords.contains($0) }
    }

    /// Credential words that, under a number, count things rather than hold a secret.
    private static let countedWords: Set<String> = ["token", "tokens", "session", "sessions", "cookie", "cookies", "credentials", "auth"]

    /// Whether `text` may hold a one-time code in its prose (a run of four digits).
    static func mayHoldCode(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(OneTimeCode.mayHoldCode)
    }

    /// Free text with the secrets it holds by convention rather than under a name replaced:
    /// one-time codes in a message's prose (`Your code is 307019`), values in a configuration's
    /// block of secrets (`ConfigBlocks`), and in source code, string literals written in
    /// escapes and the literal arguments of base64 codecs (`SourceLiterals`).
    func redact(conventionsIn text: String, table: inout PlaceholderTable) -> String {
        var text = text
        // A look at the bytes says which readers have anything to read: escapes need a backslash, a
        // codec's call a parenthesis, a block of secrets more than one line (most values have none of them).
        let (escapes, codecs, blocks) = text.withUTF8 { bytes in
            func holds(_ byte: UInt8, _ marks: [[UInt8]]) -> Bool {
                ByteSearch.find([byte], in: bytes) != nil && marks.contains { ByteSearch.find($0, in: bytes) != nil }
            }
            return (
                holds(UInt8(ascii: "\\"), Self.escapeMarks), holds(UInt8(ascii: "("), Self.codecMarks), holds(UInt8(ascii: "\n"), Self.secretBlockMarks)
            )
        }
        if escapes || codecs { text = redact(literalsIn: text, escapes: escapes, codecs: codecs, table: &table) }
        if blocks {
            let values = text.withUTF8 { ConfigBlocks.secretValues(in: $0, isSecretBlock: MarkedSecrets.namesSecretMap) }.filter { name, _ in
                !CredentialName.talksAbout(name) && !CredentialCatalogue.namesPublicValue(name)
            }
            text = Self.applying(
                values.compactMap { name, range in
                    let value = Self.string(text, range)
                    // `${{ secrets.NPM_TOKEN }}` refers to a secret.
                    return CredentialCatalogue.isSecretValue(value) && !TextAssignments.isReference(value)
                        ? (range, table.placeholder(for: value, kind: name)) : nil
                }, to: text)
        }
        let codes = text.withUTF8 { bytes in OneTimeCode.mayHoldCode(bytes) ? OneTimeCode.codes(inProse: bytes) : [] }
        return Self.applying(codes.map { ($0, table.placeholder(for: Self.string(text, $0), kind: "one-time-code")) }, to: text)
    }

    /// Source text with what its escaped literals and its base64 codecs' literals spell read for secrets.
    private func redact(literalsIn text: String, escapes: Bool, codecs: Bool, table: inout PlaceholderTable) -> String {
        var result = text
        if escapes {
            let literals = result.withUTF8 { SourceLiterals.escapedLiterals(in: $0) }
            var edits: [(Range<Int>, String)] = []
            for (range, spelled) in literals {
                let redacted = catalogue.redactShapes(in: redactEmbedded(spelled, context: false, depth: 0, table: &table), table: &table)
                if redacted != spelled {
                    edits.append((range, Self.escaped(redacted)))
                } else if CredentialCatalogue.looksGenerated(spelled, name: "") {
                    edits.append((range, table.placeholder(for: spelled, kind: "high-entropy")))
                }
            }
            result = Self.applying(edits, to: result)
        }
        guard codecs else { return result }
        let literals = result.withUTF8 { SourceLiterals.codecLiterals(in: $0) }
        var edits: [(Range<Int>, String)] = []
        for (range, decodes) in literals {
            let literal = Self.string(result, range)
            let decoded = decodes ? EmbeddedBase64(literal) : nil
            let plain = decoded?.text ?? literal
            if SourceLiterals.isBasicCredential(plain) {
                edits.append((range, table.placeholder(for: plain, kind: "basic-credentials")))
            } else if let decoded {
                let redacted = redactEmbedded(decoded.text, context: false, depth: 1, table: &table)
                if redacted != decoded.text { edits.append((range, decoded.encoding(redacted))) }
            }
        }
        return Self.applying(edits, to: result)
    }

    /// What the name of a block of secrets holds (`tokens`, `Secrets`, `credentials`, `api_keys`), as a quick look before reading lines.
    private static let secretBlockMarks = ["okens", "ecrets", "asswords", "redentials", "pi_keys", "piKeys"].map { Array($0.utf8) }
    /// What a base64 codec's name holds: text without one has no codec call to read.
    private static let codecMarks = ["64(", "base64", "Base64", "atob(", "btoa("].map { Array($0.utf8) }
    /// How `\x` and `\u` escapes start.
    private static let escapeMarks = ["\\x", "\\u"].map { Array($0.utf8) }

    /// `text` written back into a string literal: backslashes, quotes and line breaks escaped.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "\"", "'": result += "\\" + String(character)
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    private static func string(_ text: String, _ range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    /// `text` with each byte range (in order, not overlapping) replaced by its new text.
    static func applying(_ edits: [(Range<Int>, String)], to text: String) -> String {
        guard !edits.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for (range, new) in edits.reversed() { bytes.replaceSubrange(range, with: Array(new.utf8)) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
