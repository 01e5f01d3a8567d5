/// Secrets that text carries by convention rather than under a name: a command
/// line's password flag (`mysql -pPW`, `sshpass -p PW`, `redis-cli -a PW`) or
/// argument (`rabbitmqctl add_user u PW`, `net user u PW /add`), a CI runner's
/// declared secret (`::add-mask::PW`, `##vso[…;issecret=true]PW`), and a
/// protocol's sign-in (`AUTH PLAIN …`, `a1 LOGIN user PW`, `PASS PW`, Redis's `AUTH PW`).
/// Each reader gives the range of the secret's bytes in the text; the
/// conventions are data, in the tables below.
enum CommandLineSecrets {
    /// Commands whose password follows their flag with no space (`mysql -pPW`).
    private static let gluedFlags: [String: String] = [
        "mysql": "-p", "mysqldump": "-p", "mysqladmin": "-p", "mysqlimport": "-p", "mysqlcheck": "-p", "mariadb": "-p",
        "mariadb-dump": "-p", "7z": "-p", "7za": "-p", "7zz": "-p", "rar": "-p", "unrar": "-p",
    ]
    /// Commands whose password is the next word after their flag (`sshpass -p PW`).
    private static let spacedFlags: [String: String] = [
        "sshpass": "-p", "docker login": "-p", "podman login": "-p", "buildah login": "-p", "helm registry login": "-p", "helm repo add": "--password",
        "nerdctl login": "-p", "skopeo login": "-p", "oras login": "-p", "redis-cli": "-a",
        "keydb-cli": "-a", "valkey-cli": "-a", "mongosh": "-p", "mongo": "-p", "mongodump": "-p", "sqlcmd": "-P", "bcp": "-P",
        "rclone": "--pass", "ldapsearch": "-w", "ldapadd": "-w", "ldapmodify": "-w", "ldapdelete": "-w", "ldapwhoami": "-w",
        "ldappasswd": "-w", "zip": "-P", "unzip": "-P", "ipmitool": "-P", "psexec": "-p", "useradd": "-p", "usermod": "-p",
        "az login": "-p", "cf login": "-p", "oc login": "-p",
    ]
    /// Commands whose password is an argument: the nth after the command, flags (`-x`, `/add`) aside.
    private static let positionalArguments: [String: Int] = [
        "rabbitmqctl add_user": 2, "rabbitmqctl change_password": 2, "rabbitmqctl authenticate_user": 2, "net user": 2,
        "mysqladmin password": 1, "cf auth": 2,
    ]
    private static let positionalInitials = ByteSet("acpu")
    /// The same, by the command's last word, where a line is read from.
    private static let positionalByLastWord: [String: [(command: [String], position: Int)]] = Dictionary(
        grouping: positionalArguments.map { (command: $0.key.split(separator: " ").map(String.init), position: $0.value) }, by: { $0.command.last! })
    /// Authentication mechanisms of SASL (`AUTH PLAIN …`); any other word after `AUTH` is Redis's password.
    private static let mechanisms: Set<String> = [
        "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "XOAUTH2", "OAUTHBEARER", "GSSAPI", "NTLM", "EXTERNAL", "ANONYMOUS", "SCRAM-SHA-1",
        "SCRAM-SHA-256", "TLS", "SSL",
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

    /// The password a command line passes as its nth argument, when `name` ends such a command (`net user u PW`).
    static func positionalValue(in bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>) -> Range<Int>? {
        guard name.count >= 4, positionalInitials.contains(bytes[name.lowerBound]),
            let entries = positionalByLastWord[String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self)]
        else { return nil }
        let before = lineWords(in: bytes, before: name.lowerBound)
        // The command's other words come before it in order, options between them allowed (`mysqladmin -u root password PW`).
        guard
            let entry = entries.first(where: { entry in
                var rest = before[...]
                return entry.command.dropLast().allSatisfy { word in
                    guard let found = rest.firstIndex(of: word) else { return false }
                    rest = rest[(found + 1)...]
                    return true
                }
            })
        else { return nil }
        var word = name
        var counted = 0
        while counted < entry.position {
            guard let next = nextWord(in: bytes, after: word.upperBound, flags: true) else { return nil }
            word = next
            if bytes[next.lowerBound] != UInt8(ascii: "-"), bytes[next.lowerBound] != UInt8(ascii: "/") { counted += 1 }
        }
        return bytes[word.lowerBound] == UInt8(ascii: "*") ? nil : word
    }

    /// The secret of a protocol's sign-in when its verb is `name`: `AUTH PLAIN <base64>`,
    /// IMAP's `LOGIN <user> <password>`, POP3's and FTP's `PASS <password>`, Redis's `AUTH [user] <password>`.
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
            guard let mechanism = nextWord(in: bytes, after: name.upperBound) else { return nil }
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[mechanism]), as: UTF8.self)
            if word == "PLAIN" { return nextWord(in: bytes, after: mechanism.upperBound) }
            // Redis: `AUTH PW` or `AUTH user PW`, the whole line (after a prompt and a tag at most), the password last.
            guard !mechanisms.contains(word), wordsBefore(name.lowerBound, in: bytes) <= 2 else { return nil }
            let last = nextWord(in: bytes, after: mechanism.upperBound) ?? mechanism
            return lineEnd(in: bytes, from: last.upperBound) == last.upperBound ? last : nil
        default: return nil
        }
    }

    /// The command a flag at `position` belongs to: the last word before it on its line that the tables know.
    private static func command(in bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> String? {
        let words = lineWords(in: bytes, before: position)
        // The last command on the line the tables know, by one word (`mysql`) or with its subcommands (`docker login`).
        for start in words.indices.reversed() {
            for length in [3, 2, 1] where start + length <= words.count {
                let command = words[start..<(start + length)].joined(separator: " ")
                if gluedFlags[command] != nil || spacedFlags[command] != nil { return command }
            }
        }
        return nil
    }

    /// The words before `position` on its line, a path's last part for a path (`/usr/bin/mysql` → `mysql`).
    private static func lineWords(in bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> [String] {
        var start = position
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n"), position - start < 512 { start -= 1 }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" || $0 == ";" || $0 == "&" || $0 == "|" })
            .map { String($0.split(separator: "/").last ?? $0) }
    }

    /// How many words stand before `position` on its line, up to 3: a protocol line starts with
    /// its verb, after a tag (`a001`), `C:` or a prompt (`127.0.0.1:6379>`) at most.
    private static func wordsBefore(_ position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var words = 0
        var index = position
        while index > 0, bytes[index - 1] != UInt8(ascii: "\n"), bytes[index - 1] != UInt8(ascii: "\""), words <= 2 {
            if bytes[index - 1] > 0x20, index - 1 == 0 || bytes[index - 2] <= 0x20 || bytes[index - 2] == UInt8(ascii: "\"") { words += 1 }
            index -= 1
        }
        return words
    }

    /// The next word after `position`, past spaces, without its quotes; a flag only when `flags`.
    static func nextWord(in bytes: UnsafeBufferPointer<UInt8>, after position: Int, flags: Bool = false) -> Range<Int>? {
        var start = position
        guard start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") else { return nil }
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        guard start < bytes.count, flags || bytes[start] != UInt8(ascii: "-") else { return nil }
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

    static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r"), bytes[end] != UInt8(ascii: "\""),
            bytes[end] != UInt8(ascii: "\\")
        {
            end += 1
        }
        return end
    }
}
