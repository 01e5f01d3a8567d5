/// Secrets a SQL statement carries by its grammar rather than under a name:
/// the literal after `IDENTIFIED BY` (MySQL, MariaDB, Oracle, ClickHouse), after
/// `PASSWORD` (PostgreSQL, Redshift, Snowflake, SQL Server, InfluxQL, Neo4j),
/// in `SET PASSWORD FOR u = …` and `PASSWORD('…')`, and the value an
/// `INSERT INTO t (…, password) VALUES (…)` puts in a credential column. When
/// the statement binds a parameter there instead (`PASSWORD $1`, `IDENTIFIED BY ?`,
/// `password = :pw`), the secret is that parameter's value in the list sent beside
/// the statement, so `boundParameters` says which one. The grammar is data, in `statements`.
enum SQLSecrets {
    /// Where a statement's secret is bound: the nth positional parameter (from 0) or a named one.
    enum Parameter: Hashable {
        case position(Int)
        case name(String)
    }

    /// Keyword sequences that end in a secret: `'` is a quoted literal or a bind
    /// parameter, `#` also a bare word (Oracle's unquoted passwords), `*` one to
    /// four tokens of anything (a plugin, `'bob'@'localhost'`). The first that matches wins.
    private static let statements: [[String]] = [
        "identified by values '",  // Oracle: the password's hash
        "identified by # replace #",  // Oracle: the new password, then the old one
        "identified by #",
        "identified with * by '",  // MySQL, ClickHouse: an authentication plugin
        "identified with * as '",  // MySQL: the plugin's hash
        "set password for * = '",  // MySQL, MariaDB, InfluxQL
        "password = password ( '",  // MySQL's SET PASSWORD = PASSWORD('…')
        "password ( '",  // MySQL's PASSWORD() function
        "password from ' to '",  // Neo4j: the old password, then the new one
        "password = '",  // Snowflake, SQL Server, Cassandra
        "password '",  // PostgreSQL, Redshift, InfluxQL, a foreign server's OPTIONS
    ].map { $0.split(separator: " ").map(String.init) }

    /// Statements able to hold a bare (unquoted) password: `GRANT …`, and `CREATE` or
    /// `ALTER` of a user, a role, a login or a database link (`CREATE PUBLIC DATABASE LINK`).
    private static let verbs: Set<String> = ["create", "alter", "grant"]
    private static let principals: Set<String> = ["user", "role", "login", "database", "public", "shared"]

    /// The ranges of the secrets in `bytes` of the statement whose word at `keyword` starts a convention.
    static func literals(in bytes: UnsafeBufferPointer<UInt8>, keyword: Range<Int>) -> [Range<Int>] {
        // A keyword stands alone: `"password" id="…"` in an HTML attribute is no statement.
        guard [3, 6, 8, 10].contains(keyword.count), keyword.lowerBound == 0 || !quotes.contains(bytes[keyword.lowerBound - 1]),
            keyword.upperBound < bytes.count, bytes[keyword.upperBound] <= 0x20 || symbols.contains(bytes[keyword.upperBound]),
            let head = tokens(in: bytes, from: keyword.lowerBound, limit: 1).first,
            let first = ["identified", "set", "password", "insert"].first(where: { matches(head, $0, in: bytes) })
        else { return [] }
        let tokens = self.tokens(in: bytes, from: keyword.lowerBound, limit: first == "insert" ? 512 : 12)
        if first == "insert" { return insertedSecrets(tokens, in: bytes).compactMap { $0.literal } }
        guard let slots = statementSlots(tokens, at: 0, in: bytes) else { return [] }
        // A bare word is a password only in a statement (`CREATE USER u IDENTIFIED BY tiger`), not in prose.
        if slots.contains(where: { $0.kind == .word }), !startsStatement(bytes, before: keyword.lowerBound) { return [] }
        return slots.filter { $0.kind != .word || parameter($0, in: bytes, ordinals: [:]) == nil }.map(\.range)
    }

    /// The bind parameters through which `statement` passes a secret: the one a
    /// convention above binds, the one compared with or assigned to a credential
    /// column (`password = ?`), the one an `INSERT` puts in a credential column.
    static func boundParameters(in statement: String) -> Set<Parameter> {
        var statement = statement
        return statement.withUTF8 { bytes in
            let tokens = self.tokens(in: bytes, from: 0, limit: 4096)
            var ordinals: [Int: Int] = [:]
            for token in tokens where token.kind == .word && isPositional(token, in: bytes) {
                ordinals[token.range.lowerBound] = ordinals.count
            }
            var found: Set<Parameter> = []
            for index in tokens.indices where tokens[index].kind == .word {
                var slots = statementSlots(tokens, at: index, in: bytes) ?? []
                if matches(tokens[index], "insert", in: bytes) { slots += insertedSecrets(Array(tokens[index...]), in: bytes).map(\.token) }
                // `password = ?`, `api_token = :token`: a credential column beside a parameter.
                if index + 2 < tokens.count, tokens[index + 1].isSymbol(UInt8(ascii: "=")),
                    CredentialName.namesCredential(text(tokens[index].range, in: bytes))
                {
                    slots.append(tokens[index + 2])
                }
                for slot in slots { if let parameter = parameter(slot, in: bytes, ordinals: ordinals) { found.insert(parameter) } }
            }
            return found
        }
    }

    private struct Token {
        enum Kind { case word, quoted, symbol }
        var kind: Kind
        /// The word, the symbol, or a quoted literal's text inside its quotes.
        var range: Range<Int>
        /// The symbol, for a symbol.
        var symbol: UInt8 = 0
        func isSymbol(_ byte: UInt8) -> Bool { kind == .symbol && symbol == byte }
    }

    /// The slots the first statement convention that matches at `start` fills, or `nil`.
    private static func statementSlots(_ tokens: [Token], at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> [Token]? {
        for pattern in statements {
            var slots: [Token] = []
            var index = start
            var matched = true
            for (step, expected) in pattern.enumerated() {
                if expected == "*" {
                    // Skip one to four tokens, up to the pattern's next word.
                    let next = pattern[step + 1]
                    guard let found = tokens[min(index + 1, tokens.count)...].prefix(4).firstIndex(where: { matches($0, next, in: bytes) }) else {
                        matched = false
                        break
                    }
                    index = found
                    continue
                }
                guard index < tokens.count else {
                    matched = false
                    break
                }
                let token = tokens[index]
                switch expected {
                case "'", "#":
                    guard token.kind == .quoted || token.kind == .word && (expected == "#" || parameter(token, in: bytes, ordinals: [:]) != nil)
                    else {
                        matched = false
                        break
                    }
                    slots.append(token)
                default:
                    matched = matches(token, expected, in: bytes)
                }
                guard matched else { break }
                index += 1
            }
            if matched { return slots }
        }
        return nil
    }

    /// What an `INSERT INTO t (columns) VALUES (…), (…)` puts in its credential columns.
    private static func insertedSecrets(_ tokens: [Token], in bytes: UnsafeBufferPointer<UInt8>) -> [(token: Token, literal: Range<Int>?)] {
        guard tokens.count > 4, matches(tokens[1], "into", in: bytes), let open = tokens.prefix(5).firstIndex(where: { $0.isSymbol(UInt8(ascii: "(")) })
        else { return [] }
        var columns: [Bool] = []
        var index = open + 1
        while index < tokens.count, !tokens[index].isSymbol(UInt8(ascii: ")")) {
            if tokens[index].kind != .symbol { columns.append(CredentialName.namesCredential(text(tokens[index].range, in: bytes))) }
            index += 1
        }
        guard columns.contains(true), index + 2 < tokens.count, matches(tokens[index + 1], "values", in: bytes) else { return [] }
        var found: [(token: Token, literal: Range<Int>?)] = []
        var column = 0
        // Commas count columns only in a row's own parentheses, not in a function's (`crypt('pw', gen_salt('bf'))`).
        var depth = 0
        for token in tokens[(index + 2)...] {
            if token.isSymbol(UInt8(ascii: "(")) {
                if depth == 0 { column = 0 }
                depth += 1
            } else if token.isSymbol(UInt8(ascii: ")")) {
                depth -= 1
            } else if token.isSymbol(UInt8(ascii: ",")) {
                if depth == 1 { column += 1 }
            } else if token.kind != .symbol, depth >= 1, column < columns.count, columns[column] {
                found.append((token, token.kind == .quoted ? token.range : nil))
            }
        }
        return found
    }

    /// The bind parameter `token` is (`$1`, `?`, `?2`, `%s`, `:name`, `@name`, `$name`), if it is one.
    private static func parameter(_ token: Token, in bytes: UnsafeBufferPointer<UInt8>, ordinals: [Int: Int]) -> Parameter? {
        guard token.kind == .word, let first = token.range.first.map({ bytes[$0] }) else { return nil }
        let rest = text((token.range.lowerBound + 1)..<token.range.upperBound, in: bytes)
        switch first {
        case UInt8(ascii: "?"), UInt8(ascii: "%"):
            if let number = Int(rest), first == UInt8(ascii: "?") { return .position(number - 1) }
            guard rest.isEmpty || rest == "s" else { return nil }
            return .position(ordinals[token.range.lowerBound] ?? 0)
        case UInt8(ascii: "$"), UInt8(ascii: ":"), UInt8(ascii: "@"):
            guard !rest.isEmpty, rest.utf8.allSatisfy({ ByteSet.word.contains($0) || $0 == UInt8(ascii: "_") }) else { return nil }
            if let number = Int(rest), first == UInt8(ascii: "$") { return .position(number - 1) }
            return .name(rest)
        default: return nil
        }
    }

    /// Whether `token` is a parameter numbered by where it stands (`?`, `%s`).
    private static func isPositional(_ token: Token, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let word = text(token.range, in: bytes)
        return word == "?" || word == "%s"
    }

    /// Whether a statement that can set a password (`verbs`) comes before `position` in its statement:
    /// `CREATE USER scott IDENTIFIED BY tiger`, not "Create a user identified by email".
    private static func startsStatement(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> Bool {
        var start = position
        while start > 0, position - start < 512, bytes[start - 1] != UInt8(ascii: ";"), bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        let words = tokens(in: bytes, from: start, limit: 64).filter { $0.range.upperBound <= position }.map { text($0.range, in: bytes).lowercased() }
        return zip(words, words.dropFirst()).contains { verb, object in verb == "grant" || verbs.contains(verb) && principals.contains(object) }
    }

    private static func matches(_ token: Token, _ word: String, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.kind != .quoted, token.range.count == word.utf8.count else { return false }
        return zip(token.range, word.utf8).allSatisfy { lower(bytes[$0.0]) == $0.1 }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    private static func text(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static let symbols = ByteSet("=(),")
    private static let quotes = ByteSet("'\"`")

    /// The statement's tokens from `start` to its end (`;`), at most `limit`: words,
    /// quoted literals (`''` inside one is a quote) and the symbols `= ( ) ,`.
    private static func tokens(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> [Token] {
        var tokens: [Token] = []
        var index = start
        while index < bytes.count, tokens.count < limit {
            let byte = bytes[index]
            if byte == UInt8(ascii: ";") { break }
            if byte <= 0x20 {
                index += 1
            } else if symbols.contains(byte) {
                tokens.append(Token(kind: .symbol, range: index..<(index + 1), symbol: byte))
                index += 1
            } else if quotes.contains(byte) {
                var end = index + 1
                while end < bytes.count, bytes[end] != byte || end + 1 < bytes.count && bytes[end + 1] == byte {
                    if bytes[end] == UInt8(ascii: "\n") { return tokens }
                    end += bytes[end] == byte ? 2 : 1
                }
                guard end < bytes.count, end > index + 1 else { return tokens }
                tokens.append(Token(kind: .quoted, range: (index + 1)..<end))
                index = end + 1
            } else {
                var end = index
                while end < bytes.count, bytes[end] > 0x20, !symbols.contains(bytes[end]), !quotes.contains(bytes[end]), bytes[end] != UInt8(ascii: ";") {
                    end += 1
                }
                tokens.append(Token(kind: .word, range: index..<end))
                index = end
            }
        }
        return tokens
    }
}
