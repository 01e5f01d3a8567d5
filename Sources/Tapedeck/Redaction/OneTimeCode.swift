/// One-time codes: the 4 to 8 digits a verification step sends out and takes
/// back (a TOTP, an SMS or e-mail code, a factor's passcode). A code has no look
/// of its own, it is a number like any other, so it is known by where it is:
/// under a generic name (`code`, `value`, `answer`) in a request whose path
/// verifies one (`/mfa/totp/verify`, `/factors/…/verify`, `/VerificationCheck`),
/// or in a message's text next to a word for a code (`Your code is 307019`,
/// `307019 is your verification code`, `验证码：307019`). Names that say code
/// themselves (`otp`, `verification_code`, `doğrulama_kodu`) are
/// `CredentialName`'s, whatever the request.
enum OneTimeCode {
    /// Whether a request's path verifies a code, by its words.
    static func pathVerifiesCode(_ url: String) -> Bool {
        let words = CredentialName.pathWords(of: url)
        return words.contains(where: verifyingWords.contains) || zip(words, words.dropFirst()).contains { $0 == "two" && $1 == "factor" }
    }

    /// Whether `name` is one a verifying request sends its code under (`code`, `passCode`, `value`, `answer`).
    static func isCodeField(_ name: some StringProtocol) -> Bool {
        CredentialName.words(name).contains(where: fieldWords.contains)
    }

    /// Whether `value` is a code: 4 to 8 digits, in two groups at most (`123 456`, `123-456`).
    static func isCode(_ value: some StringProtocol) -> Bool {
        var digits = 0
        var separators = 0
        var last: UInt8 = 0
        for byte in value.utf8 {
            if isDigit(byte) {
                digits += 1
            } else if (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-")) && isDigit(last) {
                separators += 1
            } else {
                return false
            }
            last = byte
        }
        return (4...8).contains(digits) && separators <= 1 && isDigit(last)
    }

    /// Where the codes in a message's text are: a run of 4 to 8 digits standing
    /// alone, with a word for a code at most a few words before it in its sentence,
    /// or, when the run opens its sentence (one word before it at most), a few words after it.
    static func codes(inProse bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            if (4...8).contains(end - index), standsAlone(bytes, index..<end),
                namesCode(wordsBefore(index, in: bytes)) || opensSentence(index, in: bytes) && namesCode(wordsAfter(end, in: bytes))
            {
                found.append(index..<end)
            }
            index = end
        }
        return found
    }

    /// Whether text may hold a code in prose: a run of four digits, found before any word is read.
    static func mayHoldCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var run = 0
        for byte in bytes {
            run = isDigit(byte) ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// Whether the digits are a number of their own: not part of a word, an amount, a
    /// date, a time, a decimal, or one group of a phone or card number (`+1 555 123 4567`)
    /// (`G-307019` is Google's code, though).
    private static func standsAlone(_ bytes: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Bool {
        if run.lowerBound >= 2, groupSeparators.contains(bytes[run.lowerBound - 1]), isDigit(bytes[run.lowerBound - 2]) { return false }
        if run.upperBound + 1 < bytes.count, groupSeparators.contains(bytes[run.upperBound]), isDigit(bytes[run.upperBound + 1]) { return false }
        if run.lowerBound > 0 {
            let before = bytes[run.lowerBound - 1]
            let lettered =
                before == UInt8(ascii: "-") && run.lowerBound >= 2 && ByteSet.letters.contains(bytes[run.lowerBound - 2])
                && (run.lowerBound == 2 || !ByteSet.word.contains(bytes[run.lowerBound - 3]))
            guard before >= 0x80 || openers.contains(before) || lettered else { return false }
        }
        guard run.upperBound < bytes.count else { return true }
        let after = bytes[run.upperBound]
        if after >= 0x80 || closers.contains(after) { return true }
        // A full stop or a comma ends the number only when no digit follows (`3.14`, `1,000`).
        let next = run.upperBound + 1 < bytes.count ? bytes[run.upperBound + 1] : UInt8(ascii: " ")
        return enders.contains(after) && !isDigit(next)
    }

    /// Whether at most one word (`Enter`, `Use`) or a short prefix (`<#>`, `G-`) stands between
    /// the start of `position`'s line or sentence and it.
    private static func opensSentence(_ position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = position
        while start > 0, position - start < 16, !endsSentence(bytes, at: start - 1) { start -= 1 }
        guard start == 0 || endsSentence(bytes, at: start - 1) else { return false }
        return words(in: UnsafeBufferPointer(rebasing: bytes[start..<position])).count <= 1
    }

    /// How far around a number its code word is looked for: a few words, within its sentence.
    private static let window = 64
    private static let wordsAround = 8

    /// The words before `position` in its sentence, nearest first, lower-cased.
    private static func wordsBefore(_ position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var start = position
        while start > 0, position - start < window, !endsSentence(bytes, at: start - 1) { start -= 1 }
        return Array(words(in: UnsafeBufferPointer(rebasing: bytes[start..<position])).suffix(wordsAround).reversed())
    }

    /// The words after `position` in its sentence, nearest first, lower-cased.
    private static func wordsAfter(_ position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var end = position
        while end < bytes.count, end - position < window, !endsSentence(bytes, at: end) { end += 1 }
        return Array(words(in: UnsafeBufferPointer(rebasing: bytes[position..<end])).prefix(wordsAround))
    }

    /// Whether the byte at `index` ends a sentence, or a field: a key's `=` or quote, a brace, a form's `&`
    /// (`"code": 40001` in a log and `code=419229` in a form are fields, not prose).
    private static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if fieldEnds.contains(byte) { return true }
        guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") else { return false }
        return index + 1 >= bytes.count || bytes[index + 1] == UInt8(ascii: " ")
    }

    /// Runs of letters (anything beyond ASCII counts as a letter), lower-cased.
    private static func words(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var words: [String] = []
        var start: Int?
        for index in 0...bytes.count {
            let isLetter = index < bytes.count && (ByteSet.letters.contains(bytes[index]) || bytes[index] >= 0x80)
            if isLetter, start == nil { start = index }
            if !isLetter, let first = start {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<index]), as: UTF8.self).lowercased())
                start = nil
            }
        }
        return words
    }

    /// Whether one of `words` (nearest first) is a word for a code, and the word
    /// before it does not make it another kind of code (`error code`, `zip code`).
    private static func namesCode(_ words: [String]) -> Bool {
        for (index, word) in words.enumerated() {
            // A noun that counts things, nearer than the word for a code, is what the number counts (`code at line 1234`).
            if countingNouns.contains(word) { return false }
            let isCode =
                codeTerms.contains(word)
                || word.hasSuffix("code") && !word.hasPrefix("code") && !otherCompounds.contains(String(word.dropLast(4)))
                || word.utf8.contains(where: { $0 >= 0x80 }) && foreignTerms.contains(where: { word.contains($0) })
            guard isCode else { continue }
            // Nearest first: the word before this one in the text is the next in the list, when reading backwards.
            let neighbours = [index > 0 ? words[index - 1] : nil, index + 1 < words.count ? words[index + 1] : nil]
            if !neighbours.contains(where: { $0.map(otherCodes.contains) == true }) { return true }
        }
        return false
    }

    private static let openers = ByteSet(" \t\n\r([\"'>:*#")
    private static let fieldEnds = ByteSet("\n\r=\"{}&")
    private static let closers = ByteSet(" \t\n\r)]\"'<*!;")
    private static let enders = ByteSet(".,:")
    private static let groupSeparators = ByteSet(" -")

    /// Path words of a step that verifies a code.
    private static let verifyingWords: Set<String> = [
        "verify", "verification", "verifications", "verificationcheck", "mfa", "otp", "2fa", "totp", "hotp", "factor", "factors",
        "challenge", "challenges", "twofactor", "confirm", "confirmation", "passcode", "dogrula", "doğrula", "verificar", "verifier",
        "vérifier", "verifizieren", "bestaetigen", "bestätigen", "verifica", "verifieer", "weryfikuj",
    ]
    /// Name words a verifying request carries its code under.
    private static let fieldWords: Set<String> = [
        "code", "codes", "otp", "totp", "token", "pin", "passcode", "value", "answer", "input", "response", "kod", "kodu", "codigo", "código",
        "codice",
    ]
    /// Words for a code in a message, in the languages messages are written in.
    private static let codeTerms: Set<String> = [
        "code", "codes", "otp", "passcode", "pin", "tan", "token", "kod", "kodu", "kodunuz", "kodun", "codigo", "codice", "clave", "senha",
        "sifre", "sifreniz", "koodi", "kode",
    ]
    private static let foreignTerms = [
        "código", "şifre", "код", "kód", "验证码", "驗證碼", "校验码", "动态码", "認証番号", "確認番号", "暗証番号", "コード", "인증", "코드",
        "رمز", "ओटीपी", "कोड",
    ]
    /// Nouns a number counts or numbers, in a sentence that speaks of code or a code.
    private static let countingNouns: Set<String> = [
        "line", "lines", "column", "row", "page", "step", "version", "port", "year", "years", "room", "order", "issue", "build", "job",
        "run", "item", "items", "minutes", "seconds", "hours", "days", "attempts", "errors", "bytes", "users", "customers", "commit",
    ]
    /// Words that make a code one nobody signs in with (`error code`, `zip code`,
    /// `promo code`), and those that do run together with `code` (`barcode`, `postcode`, `decode`).
    private static let otherCodes: Set<String> = [
        "error", "status", "exit", "return", "response", "http", "zip", "postal", "post", "area", "country", "dial", "region", "product",
        "item", "article", "sku", "promo", "promotion", "discount", "coupon", "tracking", "reference", "source", "bar", "qr", "iata",
        "swift", "sort", "routing", "branch", "currency", "language", "reason", "result", "event", "fault", "exception", "tax", "tariff",
        "colour", "color", "course", "class",
    ]
    private static let otherCompounds: Set<String> = [
        "bar", "post", "zip", "qr", "error", "status", "exit", "uni", "op", "short", "source", "promo", "geo", "en", "de", "trans", "hash",
        "key", "char", "area", "country", "pseudo", "byte", "micro",
    ]
}
