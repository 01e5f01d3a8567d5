/// Text read tolerantly for `name <separator> value` pairs, whatever the text
/// is: a log line (`aws_secret_access_key = …`, `… with password '…'`), `.env`/INI (`DB_PASSWORD=…`),
/// YAML (`password: …`), a connection string (`Password=…;AccountKey=…;`),
/// JSON that no strict parser takes (NDJSON, SSE `data:` lines, an XSSI prefix,
/// `NaN`, a lone surrogate: `"token": "…"` still reads as a pair), and URLs with
/// user info (`postgres://user:password@host`), `.pgpass` lines, command lines (`--password …`,
/// `curl -u user:password`). One pass, linear in the text;
/// every byte that is not a replaced value stays.
enum TextAssignments {
    /// `text` with each value for which `replacement(name, value)` gives one replaced by it.
    static func replacingValues(in text: String, _ replacement: (String, String) -> String?) -> String {
        // Times, dates and numbers (`2026-12-07T10:00:00.5Z`, `12:30`, `1/2`) name nothing.
        if text.utf8.allSatisfy({ (0x30...0x39).contains($0) || Self.timePunctuation.contains($0) }) { return text }
        var text = text
        let edits: [(Range<Int>, String)] = text.withUTF8 { bytes in
            var edits: [(Range<Int>, String)] = []
            var position = 0
            while position < bytes.count {
                if position == 0 || bytes[position - 1] == UInt8(ascii: "\n"), let range = pgpassPassword(in: bytes, lineAt: position) {
                    if let new = replacement("password", string(bytes, range)) { edits.append((range, new)) }
                    position = range.upperBound
                    continue
                }
                if let (range, next) = userInfoPassword(in: bytes, at: position) {
                    if let new = replacement("password", string(bytes, range)) { edits.append((range, new)) }
                    position = next
                    continue
                }
                if let range = CommandLineSecrets.declaredSecret(in: bytes, at: position) {
                    if let new = replacement("secret", string(bytes, range)) { edits.append((range, new)) }
                    position = range.upperBound
                    continue
                }
                if let pair = SourceLiterals.calledPair(in: bytes, at: position), let new = replacement(string(bytes, pair.name), string(bytes, pair.value)) {
                    edits.append((pair.value, new))
                    position = pair.value.upperBound
                    continue
                }
                guard isNameByte(bytes[position]), position == 0 || !isNameByte(bytes[position - 1]) else {
                    position += 1
                    continue
                }
                var end = position
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                let conventional = conventionalSecrets(in: bytes, word: position..<end)
                if let last = conventional.last {
                    for range in conventional where !isReference(string(bytes, range)) {
                        if let new = replacement("password", string(bytes, range)) { edits.append((range, new)) }
                    }
                    position = max(last.upperBound, end)
                    continue
                }
                if let option = optionValue(in: bytes, name: position..<end), let new = replacement(option.name, string(bytes, option.value)) {
                    edits.append((option.value, new))
                    position = option.value.upperBound
                    continue
                }
                guard var (value, quoted) = value(in: bytes, afterName: end) ?? SourceLiterals.fallbackValue(in: bytes, afterName: end).map({ ($0, .quoted) })
                else {
                    position = end
                    continue
                }
                // `apiKey = process.env.API_KEY || "…"`: the literal the lookup falls back to is the value.
                if quoted == .bare, let fallback = SourceLiterals.fallbackValue(in: bytes, afterName: value.upperBound) {
                    (value, quoted) = (fallback, .quoted)
                }
                let name = string(bytes, position..<end)
                let found = string(bytes, value)
                if !found.isEmpty, !quoted.isOpening, !isReference(found), let new = replacement(name, found) {
                    edits.append((value, new))
                    position = max(value.upperBound, end)
                } else {
                    position = end
                }
            }
            return edits
        }
        guard !edits.isEmpty else { return text }
        var bytes = Array(text.utf8)
        // A convention may name a secret before the word that marks it (`echo 'u:PW' | chpasswd`): edits are applied in order, once.
        var applied = Int.max
        for (range, new) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) where range.upperBound <= applied {
            bytes.replaceSubrange(range, with: Array(new.utf8))
            applied = range.lowerBound
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The secrets a convention marks around the word at `word`: a command's password
    /// flag or a mail protocol's sign-in (`CommandLineSecrets`), a SQL statement's password
    /// (`SQLSecrets`), a provisioning or configuration file's (`ProvisioningSecrets`), an Oracle logon's (`OracleLogons`).
    private static func conventionalSecrets(in bytes: UnsafeBufferPointer<UInt8>, word: Range<Int>) -> [Range<Int>] {
        if let range = CommandLineSecrets.flagValue(in: bytes, name: word) ?? CommandLineSecrets.protocolSecret(in: bytes, name: word)
            ?? CommandLineSecrets.positionalValue(in: bytes, name: word) ?? CommandLineTokens.token(in: bytes, name: word)
        {
            return [range]
        }
        let statement = SQLSecrets.literals(in: bytes, keyword: word)
        if !statement.isEmpty { return statement }
        let provisioned = ProvisioningSecrets.values(in: bytes, word: word)
        if !provisioned.isEmpty { return provisioned }
        return OracleLogons.password(in: bytes, user: word).map { [$0] } ?? []
    }

    /// Whether `value` refers to a secret rather than being one: a variable (`$p`,
    /// `${DB_PASSWORD}`, a GraphQL variable, an environment variable) or a bind parameter
    /// (`$1`, `?`). A crypt hash (`$6$salt$…`) starts with `$` too, and is a secret.
    static func isReference(_ value: some StringProtocol) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "?") { return bytes.dropFirst().allSatisfy { (0x30...0x39).contains($0) } }
        guard first == UInt8(ascii: "$"), bytes.count > 1 else { return false }
        if bytes[1] == UInt8(ascii: "{") { return true }
        return bytes.dropFirst().allSatisfy { ByteSet.word.contains($0) || $0 == UInt8(ascii: "_") }
    }

    private static let timePunctuation: Set<UInt8> = Set("-:.+/TZ ,".utf8)

    private enum ValueStart {
        case quoted, bare, opening
        var isOpening: Bool { self == .opening }
    }

    /// The value after a name that ends at `end`: past a closing quote and
    /// spaces, a separator (`=`, `:`, `=>`, `:=`; not `==` or `://`), spaces, then a
    /// quoted string or a bare run (to the end of the line after `:`, to a space or `;`/`&`/`,` after `=`).
    private static func value(in bytes: UnsafeBufferPointer<UInt8>, afterName end: Int) -> (Range<Int>, ValueStart)? {
        var index = end
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") { index += 1 }
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        guard index < bytes.count else { return nil }
        let separator = bytes[index]
        // Prose: `… with password 'hunter2'`, a quoted value right after the name and a space.
        if index > end, bytes[end] == UInt8(ascii: " "), separator == UInt8(ascii: "'") || separator == UInt8(ascii: "\"") {
            var close = index + 1
            while close < bytes.count, bytes[close] != separator, bytes[close] != UInt8(ascii: "\n") { close += 1 }
            return close < bytes.count && bytes[close] == separator && close > index + 1 ? ((index + 1)..<close, .quoted) : nil
        }
        guard separator == UInt8(ascii: "=") || separator == UInt8(ascii: ":") else { return nil }
        index += 1
        if index < bytes.count {
            let next = bytes[index]
            if next == UInt8(ascii: "=") && separator == UInt8(ascii: "=") { return nil }
            if next == UInt8(ascii: "/") && separator == UInt8(ascii: ":") { return nil }
            if next == UInt8(ascii: ">") || (next == UInt8(ascii: "=") && separator == UInt8(ascii: ":")) { index += 1 }
        }
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        // ODBC's `PWD={p;w0rd}`: braces on one line, without a JSON document's quotes or colons, quote a value.
        if first == UInt8(ascii: "{"), separator == UInt8(ascii: "="), let close = bracedEnd(in: bytes, from: index) { return ((index + 1)..<close, .quoted) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return (index..<index, .opening) }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            var close = index + 1
            while close < bytes.count, bytes[close] != first, bytes[close] != UInt8(ascii: "\n") {
                close += bytes[close] == UInt8(ascii: "\\") ? 2 : 1
            }
            return ((index + 1)..<min(close, bytes.count), .quoted)
        }
        var close = index
        while close < bytes.count, !ends(bytes[close], afterColon: separator == UInt8(ascii: ":")) { close += 1 }
        while close > index, bytes[close - 1] == UInt8(ascii: " ") || bytes[close - 1] == UInt8(ascii: "\r") { close -= 1 }
        return (index..<close, .bare)
    }

    /// Where the braces opened at `open` close on their line, when nothing between them reads as JSON.
    private static func bracedEnd(in bytes: UnsafeBufferPointer<UInt8>, from open: Int) -> Int? {
        var close = open + 1
        while close < bytes.count, bytes[close] != UInt8(ascii: "}") {
            if [UInt8(ascii: "\n"), UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "{")].contains(bytes[close]) { return nil }
            close += 1
        }
        return close < bytes.count && close > open + 1 ? close : nil
    }

    private static func ends(_ byte: UInt8, afterColon: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: ","), UInt8(ascii: "\""),
            UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
            true
        case UInt8(ascii: " "), UInt8(ascii: "\t"): !afterColon
        default: false
        }
    }

    /// The value of a command-line option written in text, and the name that
    /// decides whether it is a secret: `--password VALUE` (quoted or not) by its
    /// name, and curl's `-u`/`--user`/`--proxy-user user:password` as a password.
    private static func optionValue(in bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>) -> (name: String, value: Range<Int>)? {
        guard name.count >= 2, bytes[name.lowerBound] == UInt8(ascii: "-"), name.upperBound < bytes.count,
            bytes[name.upperBound] == UInt8(ascii: " ")
        else { return nil }
        var start = name.upperBound
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        guard start < bytes.count, bytes[start] != UInt8(ascii: "-") else { return nil }
        var end = start
        if bytes[start] == UInt8(ascii: "'") || bytes[start] == UInt8(ascii: "\"") {
            let quote = bytes[start]
            start += 1
            end = start
            while end < bytes.count, bytes[end] != quote, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        } else {
            while end < bytes.count, bytes[end] > 0x20 { end += 1 }
        }
        guard end > start else { return nil }
        let option = string(bytes, name)
        if ["-u", "-U", "--user", "--proxy-user"].contains(option) {
            guard let colon = (start..<end).first(where: { bytes[$0] == UInt8(ascii: ":") }), colon + 1 < end else { return nil }
            return ("password", (colon + 1)..<end)
        }
        // `--password PW`, and Java's and OpenSSL's single-dash `-storepass PW`, `-srcstorepass PW`.
        return bytes[name.lowerBound + 1] == UInt8(ascii: "-") || name.count > 3 ? (option, start..<end) : nil
    }

    /// The password of a `.pgpass` line starting at `start`:
    /// `hostname:port:database:username:password`, the port digits or `*`.
    private static func pgpassPassword(in bytes: UnsafeBufferPointer<UInt8>, lineAt start: Int) -> Range<Int>? {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
        var colons: [Int] = []
        var index = start
        while index < end, colons.count <= 4 {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: ":") { colons.append(index) }
            if bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "/") { return nil }
            index += 1
        }
        guard colons.count == 4, colons[0] > start, colons[3] + 1 < end else { return nil }
        let port = bytes[(colons[0] + 1)..<colons[1]]
        guard !port.isEmpty, port.allSatisfy({ (0x30...0x39).contains($0) }) || Array(port) == [UInt8(ascii: "*")] else { return nil }
        return (colons[3] + 1)..<end
    }

    /// The password of `scheme://user:password@host` starting at `position` (a `:` followed by `//`), and where to go on.
    private static func userInfoPassword(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (Range<Int>, Int)? {
        guard bytes[position] == UInt8(ascii: ":"), position + 2 < bytes.count, bytes[position + 1] == UInt8(ascii: "/"),
            bytes[position + 2] == UInt8(ascii: "/")
        else { return nil }
        let start = position + 3
        var end = start
        var colon: Int?
        var at: Int?
        while end < bytes.count, end - start < 2048 {
            let byte = bytes[end]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte <= 0x20 || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            {
                break
            }
            if byte == UInt8(ascii: "@") { at = end }
            if byte == UInt8(ascii: ":"), colon == nil { colon = end }
            end += 1
        }
        guard let at, let colon, colon < at, colon + 1 < at else { return nil }
        return ((colon + 1)..<at, at)
    }

    /// Bytes that make up a name: letters, digits, `_ - . [ ] $ @` and anything beyond ASCII.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "]"), 0x80...:
            true
        default: false
        }
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
