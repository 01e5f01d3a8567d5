/// Tokens that CLIs take or print by position rather than under a credential's
/// name, as a CI log shows them: an argument (`cloudflared service install
/// <token>`, `ngrok config add-authtoken <token>`, `vault login <token>`), a
/// short flag that means a token to one command (`doctl auth init -t <token>`),
/// a token echoed into a command that reads it from its input (`echo <token> |
/// gh auth login --with-token`), and the line a command prints its token on
/// (`heroku auth:token`, `gcloud auth print-access-token`). The conventions are
/// data, in the tables below; `CommandLineSecrets` holds the password flags.
enum CommandLineTokens {
    /// The token a command line holds by one of the conventions, when the word `name` triggers one.
    static func token(in bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>) -> Range<Int>? {
        guard let candidates = triggers[name.count], candidates.contains(where: { bytes[name].elementsEqual($0) }) else { return nil }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self)
        if word == "echo" || word == "printf" { return piped(in: bytes, echo: name) }
        // A command's word may go on past the name (`auth:token`).
        var end = name.upperBound
        while end < bytes.count, bytes[end] > 0x20 { end += 1 }
        let before = words(in: bytes, before: end)
        if let commands = flags[word], commands.contains(where: { contains(before.dropLast(), $0) }) {
            return CommandLineSecrets.nextWord(in: bytes, after: end).flatMap(unlessReference(bytes))
        }
        if let position = arguments.first(where: { before.suffix($0.key.count).elementsEqual($0.key) })?.value {
            var argument = CommandLineSecrets.nextWord(in: bytes, after: end)
            for _ in 1..<position { argument = argument.flatMap { CommandLineSecrets.nextWord(in: bytes, after: $0.upperBound) } }
            return argument.flatMap(unlessReference(bytes))
        }
        guard printers.contains(where: { before.suffix($0.count).elementsEqual($0) }) else { return nil }
        return printedToken(in: bytes, after: end)
    }

    /// The word an `echo` or `printf` at `echo` writes, when its line pipes it into a command that reads a token from its input.
    private static func piped(in bytes: UnsafeBufferPointer<UInt8>, echo: Range<Int>) -> Range<Int>? {
        let end = CommandLineSecrets.lineEnd(in: bytes, from: echo.upperBound)
        let line = UnsafeBufferPointer(rebasing: bytes[echo.upperBound..<end])
        guard ByteSearch.find(Array(" | ".utf8), in: line) != nil || ByteSearch.find(Array("|".utf8), in: line) != nil,
            stdinFlags.contains(where: { ByteSearch.find(Array($0.utf8), in: line) != nil })
        else { return nil }
        // Past the echo's own flags (`echo -n TOKEN`).
        var position = echo.upperBound
        while position + 1 < end, bytes[position] == UInt8(ascii: " "), bytes[position + 1] == UInt8(ascii: "-") {
            position += 1
            while position < end, bytes[position] > 0x20 { position += 1 }
        }
        return CommandLineSecrets.nextWord(in: bytes, after: position).flatMap(unlessReference(bytes))
    }

    /// The token printed on the line after `position`'s, unless the command's output goes to a pipe or a
    /// file: that line's one word, or its last after a log's time stamp.
    private static func printedToken(in bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> Range<Int>? {
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
            if bytes[end] == UInt8(ascii: "|") || bytes[end] == UInt8(ascii: ">") { return nil }
            end += 1
        }
        let start = end + 1
        guard start < bytes.count else { return nil }
        end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
        let parts = UnsafeBufferPointer(rebasing: bytes[start..<end]).split(whereSeparator: { $0 <= 0x20 })
        guard let last = parts.last, parts.count <= 2, last.count >= 16 else { return nil }
        let lower = start + last.startIndex
        return lower..<(lower + last.count)
    }

    /// The words of the line up to `position`, each without its directory (`/usr/bin/cloudflared` is `cloudflared`).
    private static func words(in bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> [String] {
        var start = position
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n"), position - start < 512 { start -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" || $0 == ";" || $0 == "&" || $0 == "|" })
            .map { String($0.split(separator: "/").last ?? $0) }
    }

    /// Whether `words` hold `command`'s words in a row.
    private static func contains(_ words: ArraySlice<String>, _ command: [String]) -> Bool {
        guard words.count >= command.count else { return false }
        return (words.startIndex...(words.endIndex - command.count)).contains { words[$0..<($0 + command.count)].elementsEqual(command) }
    }

    /// The word, unless it refers to a secret rather than holds one (`$TOKEN`, `${{ secrets.X }}`).
    private static func unlessReference(_ bytes: UnsafeBufferPointer<UInt8>) -> (Range<Int>) -> Range<Int>? {
        { range in bytes[range.lowerBound] == UInt8(ascii: "$") || bytes[range.lowerBound] == UInt8(ascii: "<") ? nil : range }
    }

    /// Commands whose argument at a position (1 is the next word) is a token.
    private static let arguments: [[String]: Int] = [
        ["cloudflared", "service", "install"]: 1, ["ngrok", "authtoken"]: 1, ["ngrok", "config", "add-authtoken"]: 1, ["vault", "login"]: 1,
        ["snyk", "auth"]: 1, ["doppler", "configure", "set", "token"]: 1,
    ]
    /// Short flags that take a token for the commands listed with them.
    private static let flags: [String: [[String]]] = ["-t": [["doctl"], ["codecov"], ["expo"]]]
    /// Commands that print a token on the next line.
    private static let printers: [[String]] = [
        ["heroku", "auth:token"], ["fly", "auth", "token"], ["flyctl", "auth", "token"], ["gcloud", "auth", "print-access-token"],
        ["gcloud", "auth", "print-identity-token"], ["gcloud", "auth", "application-default", "print-access-token"], ["gh", "auth", "token"],
        ["az", "account", "get-access-token"], ["aws", "ecr", "get-login-password"], ["vault", "print", "token"], ["doctl", "auth", "token"],
        ["kubectl", "create", "token"], ["op", "read"], ["npm", "token", "create"],
    ]
    /// Flags that make a command read its token or password from its input.
    private static let stdinFlags = ["--with-token", "--password-stdin", "--token-stdin", "--auth-token-stdin"]

    /// The words that trigger a look, by their length: each command's last word (up to a colon: `auth:token`), each flag, and the echoes.
    private static let triggers: [Int: [[UInt8]]] = Dictionary(
        grouping: Set(
            (arguments.keys.compactMap(\.last) + printers.compactMap(\.last)).compactMap { $0.split(separator: ":").first.map(String.init) }
                + flags.keys + ["echo", "printf"]
        ).map { Array($0.utf8) }, by: \.count)
}
