/// Secrets that provisioning and configuration files carry by convention
/// rather than under a `name = value`: a directive whose argument is a secret
/// (kickstart's `rootpw --plaintext PW`, Redis's `requirepass PW`), a directive
/// that sets a credential-named variable (`ENV DB_PASSWORD PW`, `SetEnv`,
/// `fastcgi_param`), a command named for a credential at the start of a
/// statement (Tasmota's `Backlog SSID1 x; Password1 PW`), a debconf answer of
/// type `password` (preseed's `d-i passwd/root-password password PW`), the
/// `user:password` lines `chpasswd` reads (cloud-init's `chpasswd: list: |`,
/// `echo 'u:PW' | chpasswd`), a `.netrc` entry's `password` and a Redis ACL rule's
/// `>PW` (`user alice on >PW ~* +@all`, `ACL SETUSER alice >PW`). Each reader gives
/// the ranges of the secrets' bytes; the conventions are data, in the tables below.
enum ProvisioningSecrets {
    /// Directives whose first argument that is not a flag is a secret (lower case).
    private static let secretDirectives: Set<String> = [
        "rootpw", "sshpw",  // kickstart; `rootpw` is OpenLDAP's slapd.conf too
        "requirepass", "masterauth",  // Redis
        "bindpw",  // nslcd, pam_ldap
        "auth_pass",  // keepalived
        "authldapbindpassword",  // Apache
    ]
    /// Directives that set a variable or a header, named next, to the rest of the statement (lower case).
    private static let variableDirectives: Set<String> = [
        "env", "setenv", "fastcgi_param", "uwsgi_param", "scgi_param", "proxy_set_header", "grpc_set_header", "add_header",
    ]
    /// Words that start a list of statements on one line (Tasmota's `Backlog`).
    private static let statementLists: Set<String> = ["backlog", "backlog0"]
    /// `.netrc` tokens whose value may come right before `password`.
    private static let netrcTokens: Set<String> = ["login", "account", "machine"]

    /// The secrets a convention puts around the word at `word` in `bytes`.
    static func values(in bytes: UnsafeBufferPointer<UInt8>, word: Range<Int>) -> [Range<Int>] {
        if word.count == 8, text(bytes, word) == "chpasswd" { return chpasswdSecrets(in: bytes, command: word) }
        // Every word of every text comes here: most are cut off by what follows them, by where they
        // stand (only `password` and `SETUSER` count inside a line) or by their length.
        guard word.count <= 64, word.upperBound < bytes.count, isSpace(bytes[word.upperBound]) else { return [] }
        let statementStart = startsStatement(bytes, at: word.lowerBound)
        guard statementStart || word.count == 8 || word.count == 7 else { return [] }
        let original = text(bytes, word)
        let name = original.lowercased()
        if name == "user" && statementStart || name == "setuser" {
            let passwords = aclPasswords(in: bytes, after: word.upperBound)
            if !passwords.isEmpty { return passwords }
        }
        if statementStart, secretDirectives.contains(name) {
            var next = nextToken(in: bytes, after: word.upperBound)
            // `sshpw --username=install PW --plaintext`: flags before the secret are passed over.
            while let token = next, bytes[token.lowerBound] == UInt8(ascii: "-") { next = nextToken(in: bytes, after: token.upperBound) }
            return next.map { [$0] } ?? []
        }
        if statementStart, variableDirectives.contains(name), let variable = nextToken(in: bytes, after: word.upperBound),
            !bytes[variable].contains(UInt8(ascii: "=")), CredentialName.namesCredential(text(bytes, variable)),
            let value = restOfStatement(in: bytes, after: variable.upperBound)
        {
            return [value]
        }
        if name == "password", let value = nextToken(in: bytes, after: word.upperBound) {
            // debconf: `<owner> <question> password <answer>`, the answer to the end of the line.
            let before = tokens(before: word.lowerBound, in: bytes, onItsLine: true)
            if before.count == 2, let slash = before[1].last(where: { bytes[$0] == UInt8(ascii: "/") }),
                CredentialName.namesCredential(text(bytes, (slash + 1)..<before[1].upperBound))
            {
                return restOfStatement(in: bytes, after: word.upperBound).map { [$0] } ?? []
            }
            // `.netrc`: `machine h login u password PW`, on one line or several, in an entry a `machine` or `default` starts.
            let previous = tokens(before: word.lowerBound, in: bytes, onItsLine: false)
            if previous.count >= 2, netrcTokens.contains(text(bytes, previous[previous.count - 2]).lowercased()),
                startsNetrcEntry(bytes, before: word.lowerBound)
            {
                return [value]
            }
        }
        // `Password1 PW`, `WebPassword PW`: a command named for a credential with one argument, not a word or a number.
        if statementStart, CredentialName.namesCredential(original), let value = nextToken(in: bytes, after: word.upperBound),
            restOfStatement(in: bytes, after: value.upperBound < bytes.count && isQuote(bytes[value.upperBound]) ? value.upperBound + 1 : value.upperBound)
                == nil,
            !isPlainWord(bytes[value])
        {
            return [value]
        }
        return []
    }

    /// The passwords of the `user:password` lines `chpasswd` reads: the lines under
    /// a `chpasswd:` key indented deeper than it (cloud-init), or the word piped
    /// into the command (`echo 'u:PW' | sudo chpasswd`) or given as its here-string.
    private static func chpasswdSecrets(in bytes: UnsafeBufferPointer<UInt8>, command: Range<Int>) -> [Range<Int>] {
        if command.upperBound < bytes.count, bytes[command.upperBound] == UInt8(ascii: ":") {
            let indent = command.lowerBound - lineStart(in: bytes, before: command.lowerBound)
            var found: [Range<Int>] = []
            var line = lineEnd(in: bytes, from: command.upperBound) + 1
            while line < bytes.count {
                let end = lineEnd(in: bytes, from: line)
                var start = line
                while start < end, isSpace(bytes[start]) { start += 1 }
                if start < end, start - line <= indent { break }
                if start + 1 < end, bytes[start] == UInt8(ascii: "-"), bytes[start + 1] == UInt8(ascii: " ") { start += 2 }
                if let pair = userPassword(in: bytes, start..<end) { found.append(pair) }
                line = end + 1
            }
            return found
        }
        let before = tokens(before: command.lowerBound, in: bytes, onItsLine: true)
        if let pipe = before.lastIndex(where: { text(bytes, $0) == "|" }), pipe > 0 {
            return userPassword(in: bytes, before[pipe - 1]).map { [$0] } ?? []
        }
        if let string = nextToken(in: bytes, after: command.upperBound), text(bytes, string) == "<<<",
            let word = nextToken(in: bytes, after: string.upperBound)
        {
            return userPassword(in: bytes, word).map { [$0] } ?? []
        }
        return []
    }

    /// The passwords a Redis ACL rule adds on its line: `>PW`, and `#<sha256>` as its hash.
    private static func aclPasswords(in bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var next = nextToken(in: bytes, after: position)
        while let token = next {
            let first = bytes[token.lowerBound]
            if token.count > 1, first == UInt8(ascii: ">") || first == UInt8(ascii: "#") && token.count == 65 {
                found.append((token.lowerBound + 1)..<token.upperBound)
            }
            next = nextToken(in: bytes, after: token.upperBound)
        }
        return found
    }

    /// The password of a `user:password` run (one word, quotes allowed around it), not of a YAML `key: value`.
    private static func userPassword(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var range = range
        while let last = range.last, isSpace(bytes[last]) || bytes[last] == UInt8(ascii: "\r") { range = range.dropLast() }
        if let first = range.first, isQuote(bytes[first]) { range = unquoted(range, in: bytes) }
        guard !range.isEmpty, !bytes[range].contains(where: isSpace), let colon = range.first(where: { bytes[$0] == UInt8(ascii: ":") }),
            colon > range.lowerBound, colon + 1 < range.upperBound
        else { return nil }
        return (colon + 1)..<range.upperBound
    }

    private static func unquoted(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        guard range.count >= 2, bytes[range.upperBound - 1] == bytes[range.lowerBound] else { return range }
        return (range.lowerBound + 1)..<(range.upperBound - 1)
    }

    /// Whether `position` starts a statement: a line, the text, what follows a `;`, or a statement list's first statement.
    private static func startsStatement(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        var end = position
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        if end == 0 || bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: ";") { return true }
        var start = end
        while start > 0, bytes[start - 1] > 0x20 { start -= 1 }
        // Only a word as long as a statement list's (`Backlog`, `Backlog0`) is read.
        guard end > start, (7...8).contains(end - start), statementLists.contains(text(bytes, start..<end).lowercased()) else { return false }
        return startsStatement(bytes, at: start)
    }

    /// Whether a value is a word or a number rather than a secret: letters only, of one case
    /// or capitalised (`reset`, `Expired.`, `ON`), or digits (a count).
    private static func isPlainWord(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var end = value.endIndex
        while end > value.startIndex, closingPunctuation.contains(value[end - 1]) { end -= 1 }
        let word = value[value.startIndex..<end]
        if !word.isEmpty, word.allSatisfy({ (0x30...0x39).contains($0) }) { return true }
        guard !word.isEmpty, word.allSatisfy(letters.contains) else { return false }
        let uppers = word.dropFirst().count { (0x41...0x5A).contains($0) }
        return uppers == 0 || uppers == word.count - 1
    }

    private static let letters = ByteSet("A-Za-z")
    private static let closingPunctuation = ByteSet(".,!?")

    /// Whether a `.netrc` entry's `machine` or `default` comes before `position` (within 256 bytes).
    private static func startsNetrcEntry(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> Bool {
        let start = max(0, position - 256)
        let window = UnsafeBufferPointer(rebasing: bytes[start..<position])
        return ["machine ", "default "].contains { ByteSearch.find(Array($0.utf8), in: window) != nil }
    }

    /// The next token after `position` on its line: a quoted string without its quotes, or a
    /// run of printable bytes up to a space or `;`.
    private static func nextToken(in bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> Range<Int>? {
        var start = position
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count, !isStatementEnd(bytes[start]) else { return nil }
        if isQuote(bytes[start]) {
            var end = start + 1
            while end < bytes.count, bytes[end] != bytes[start], bytes[end] != UInt8(ascii: "\n") { end += 1 }
            return end < bytes.count && bytes[end] == bytes[start] && end > start + 1 ? (start + 1)..<end : nil
        }
        var end = start
        while end < bytes.count, bytes[end] > 0x20, bytes[end] != 0x7F, !isStatementEnd(bytes[end]) { end += 1 }
        return end > start ? start..<end : nil
    }

    /// The rest of a statement after `position`, trimmed and without its quotes, or `nil` when nothing is left.
    private static func restOfStatement(in bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> Range<Int>? {
        var start = position
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        var end = start
        while end < bytes.count, !isStatementEnd(bytes[end]) { end += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard end > start else { return nil }
        let range = start..<end
        return isQuote(bytes[start]) ? unquoted(range, in: bytes) : range
    }

    /// Up to three tokens (runs without spaces) before `position`, in order: on its line, or across lines.
    private static func tokens(before position: Int, in bytes: UnsafeBufferPointer<UInt8>, onItsLine: Bool) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = position
        while found.count < 3, index > 0 {
            while index > 0, isSpace(bytes[index - 1]) || !onItsLine && (bytes[index - 1] == UInt8(ascii: "\n") || bytes[index - 1] == UInt8(ascii: "\r")) {
                index -= 1
            }
            guard index > 0, bytes[index - 1] != UInt8(ascii: "\n") else { break }
            let end = index
            while index > 0, !isSpace(bytes[index - 1]), bytes[index - 1] != UInt8(ascii: "\n") { index -= 1 }
            found.insert(index..<end, at: 0)
        }
        return found
    }

    private static func lineStart(in bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> Int {
        var start = position
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return start
    }

    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return end
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") }

    private static func isStatementEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: ";")
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
