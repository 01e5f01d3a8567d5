/// Secrets that text carries by convention rather than under a name: a command
/// line's password flag (`mysql -pPW`, `sshpass -p PW`, `redis-cli -a PW`), a
/// CI runner's declared secret (`::add-mask::PW`, `##vso[…;issecret=true]PW`),
/// and a mail protocol's sign-in (`AUTH PLAIN …`, `a1 LOGIN user PW`, `PASS PW`).
/// Each reader gives the range of the secret's bytes in the text; the
/// conventions are data, in the tables below.
enum CommandLineSecrets {
    /// Commands whose password follows their flag with no space (`mysql -pPW`).
    private static let gluedFlags: [String: String] = [
        "mysql": "-p", "mysqldump": "-p", "mysqladmin": "-p", "mysqlimport": "-p", "mysqlcheck": "-p", "mariadb": "-p",
        "mariadb-dump": "-p",
    ]
    /// Commands whose password is the next word after their flag (`sshpass -p PW`).
    private static let spacedFlags: [String: String] = [
        "sshpass": "-p", "docker login": "-p", "podman login": "-p", "buildah login": "-p", "helm registry login": "-p", "helm repo add": "--password",
        "nerdctl login": "-p", "skopeo login": "-p", "oras login": "-p", "redis-cli": "-a",
        "keydb-cli": "-a", "valkey-cli": "-a", "mongosh": "-p", "mongo": "-p", "mongodump": "-p", "sqlcmd": "-P", "bcp": "-P",
        "rclone": "--pass",
    ]
    /// Markers after which a CI runner masks the rest of the line.
    private static let declaredMarkers = ["::add-mask::", "issecret=true]"].map { Array($0.utf8) }

    /// The secret a CI runner is told to mask, when a marker starts at `position`: the rest of its line.
    static func declaredSecret(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Range<Int>? {
        guard bytes[position] == UInt8(ascii: ":") || bytes[position] == UInt8(ascii: "i") else { return nil }
        for marker in declaredMarkers where bytes.count - position > marker.count && bytes[position..<(position + marker.count)].elementsEqual(marker) {
            let start = position + marker.count
            let end = lineEnd(in: bytes, from: start)
            return end > start ? start..<end : nil
        }
        return nil
    }

    /// The password a command line passes by a flag, when `name` is that flag (`-p`, or `-pPW` glued).
    static func flagValue(in bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>) -> Range<Int>? {
        guard name.count >= 2, bytes[name.lowerBound] == UInt8(ascii: "-"), let command = command(in: bytes, before: name.lowerBound) else {
            return nil
        }
        let flag = String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self)
        if let glued = gluedFlags[command], flag.count > glued.count, flag.hasPrefix(glued) {
            let start = name.lowerBound + glued.utf8.count
            return start..<wordEnd(in: bytes, from: start)
        }
        guard spacedFlags[command] == flag else { return nil }
        return nextWord(in: bytes, after: name.upperBound)
    }

    /// The secret of a mail protocol's sign-in when its verb is `name`:
    /// `AUTH PLAIN <base64>`, IMAP's `LOGIN <user> <password>`, POP3's and FTP's `PASS <password>`.
    static func protocolSecret(in bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>) -> Range<Int>? {
        guard (4...5).contains(name.count), bytes[name.lowerBound] >= UInt8(ascii: "A"), bytes[name.lowerBound] <= UInt8(ascii: "Z") else {
            return nil
        }
        let verb = String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self)
        switch verb {
        // `PASS` starts its line (after a tag at most)
        // and is its line's last word but one: a test runner's `PASS tests/a.js (1 s)` is no password.
        case "PASS":
            guard wordsBefore(name.lowerBound, in: bytes) <= 1, let word = nextWord(in: bytes, after: name.upperBound),
                lineEnd(in: bytes, from: word.upperBound) == word.upperBound
                    || bytes[word.upperBound..<lineEnd(in: bytes, from: word.upperBound)].allSatisfy({ $0 <= 0x20 || $0 == UInt8(ascii: "'") })
            else { return nil }
            return word
        case "LOGIN": return nextWord(in: bytes, after: name.upperBound).flatMap { nextWord(in: bytes, after: $0.upperBound) }
        case "AUTH":
            guard let mechanism = nextWord(in: bytes, after: name.upperBound),
                String(decoding: UnsafeBufferPointer(rebasing: bytes[mechanism]), as: UTF8.self) == "PLAIN"
            else { return nil }
            return nextWord(in: bytes, after: mechanism.upperBound)
        default: return nil
        }
    }

    /// The command a flag at `position` belongs to: the last word before it on its line that the tables know.
    private static func command(in bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> String? {
        var start = position
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n"), position - start < 512 { start -= 1 }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" || $0 == ";" || $0 == "&" || $0 == "|" })
            .map { String($0.split(separator: "/").last ?? $0) }
        // The last command on the line the tables know, by one word (`mysql`) or with its subcommands (`docker login`).
        for start in words.indices.reversed() {
            for length in [3, 2, 1] where start + length <= words.count {
                let command = words[start..<(start + length)].joined(separator: " ")
                if gluedFlags[command] != nil || spacedFlags[command] != nil { return command }
            }
        }
        return nil
    }

    /// How many words stand before `position` on its line: a protocol line starts with its verb, after a tag (`a001`) or `C:` at most.
    private static func wordsBefore(_ position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var words = 0
        var index = position
        while index > 0, bytes[index - 1] != UInt8(ascii: "\n"), bytes[index - 1] != UInt8(ascii: "\""), words <= 1 {
            if bytes[index - 1] > 0x20, index - 1 == 0 || bytes[index - 2] <= 0x20 || bytes[index - 2] == UInt8(ascii: "\"") { words += 1 }
            index -= 1
        }
        return words
    }

    /// The next word after `position`, past spaces, without its quotes.
    private static func nextWord(in bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> Range<Int>? {
        var start = position
        guard start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") else { return nil }
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        guard start < bytes.count, bytes[start] != UInt8(ascii: "-") else { return nil }
        if bytes[start] == UInt8(ascii: "'") || bytes[start] == UInt8(ascii: "\"") {
            let quote = bytes[start]
            var end = start + 1
            while end < bytes.count, bytes[end] != quote, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            return end > start + 1 ? (start + 1)..<end : nil
        }
        let end = wordEnd(in: bytes, from: start)
        return end > start ? start..<end : nil
    }

    private static func wordEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] > 0x20, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "'") { end += 1 }
        return end
    }

    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r"), bytes[end] != UInt8(ascii: "\""),
            bytes[end] != UInt8(ascii: "\\")
        {
            end += 1
        }
        return end
    }
}
