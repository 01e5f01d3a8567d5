/// Oracle's logon `user/password@connect_identifier`, as SQL*Plus, Data Pump, JDBC's
/// thin driver (`jdbc:oracle:thin:user/password@…`) and configuration files write
/// it: the password between the `/` and the `@`. A path with an `@` in it
/// (`actions/checkout@v4`, `library/nginx@sha256:…`) is no logon: the identifier
/// after the `@` has to read as one (`//host…`, `host:port…`, `host.domain/service`,
/// a `(DESCRIPTION=…)`, a net service name in capitals `PRODDB`), or a command that
/// takes a logon has to come first on the line (which then needs no `@`: `sqlplus scott/tiger`).
enum OracleLogons {
    /// Commands whose argument is a logon, whatever its identifier (`sqlplus u/pw@PROD`).
    private static let commands: Set<String> = ["sqlplus", "sql", "expdp", "impdp", "exp", "imp", "sqlldr", "rman", "dgmgrl", "tkprof", "wrap"]

    private static let userBytes = ByteSet("A-Za-z0-9_$#.-")
    private static let hostBytes = ByteSet("A-Za-z0-9_.-")
    private static let serviceNameBytes = ByteSet("A-Z0-9_")
    /// What may stand right before a logon: the text's start, a space, a quote, `=`, `:` (after `jdbc:oracle:thin`), `(`, `,`, `>`.
    private static let openers = ByteSet(" \t\n\r'\"=:(,>")

    /// The password's range when the user name at `user` is followed by `/password@identifier`.
    static func password(in bytes: UnsafeBufferPointer<UInt8>, user: Range<Int>) -> Range<Int>? {
        guard user.upperBound < bytes.count, bytes[user.upperBound] == UInt8(ascii: "/"), !user.isEmpty,
            user.lowerBound == 0 || openers.contains(bytes[user.lowerBound - 1]), bytes[user].allSatisfy(userBytes.contains)
        else { return nil }
        let start = user.upperBound + 1
        var at = start
        while at < bytes.count, at - start <= 128, bytes[at] > 0x20, bytes[at] != UInt8(ascii: "@"), bytes[at] != UInt8(ascii: "/"),
            bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "'")
        {
            at += 1
        }
        guard at > start else { return nil }
        if at < bytes.count, bytes[at] == UInt8(ascii: "@"), readsAsIdentifier(bytes, from: at + 1) { return start..<at }
        guard at == bytes.count || bytes[at] <= 0x20 || bytes[at] == UInt8(ascii: "@"), followsCommand(bytes, at: user.lowerBound) else { return nil }
        return start..<at
    }

    /// Whether a connect identifier starts at `start`: EZConnect's `//host…`, `host:port`
    /// (and `host:port:sid`), `host.domain/service`, or a descriptor `(DESCRIPTION=…)`.
    private static func readsAsIdentifier(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard start < bytes.count else { return false }
        if bytes[start] == UInt8(ascii: "(") { return true }
        if bytes[start] == UInt8(ascii: "/") { return start + 1 < bytes.count && bytes[start + 1] == UInt8(ascii: "/") }
        var end = start
        var dotted = false
        while end < bytes.count, hostBytes.contains(bytes[end]) {
            dotted = dotted || bytes[end] == UInt8(ascii: ".")
            end += 1
        }
        guard end > start else { return false }
        // A net service name (`PRODDB`, `ORCL_HA`), as tnsnames.ora writes them.
        if end - start >= 3, bytes[start..<end].allSatisfy(serviceNameBytes.contains),
            end == bytes.count || !hostBytes.contains(bytes[end]) && bytes[end] != UInt8(ascii: "/")
        {
            return true
        }
        guard end < bytes.count else { return false }
        if bytes[end] == UInt8(ascii: "/") { return dotted }
        guard bytes[end] == UInt8(ascii: ":") else { return false }
        var port = end + 1
        while port < bytes.count, (0x30...0x39).contains(bytes[port]) { port += 1 }
        // The port is digits up to the identifier's end (`sha256:0a1b…` is a digest, not a port).
        return port > end + 1 && (port == bytes.count || !ByteSet.word.contains(bytes[port]))
    }

    /// Whether a command that takes a logon comes before `position` on its line.
    private static func followsCommand(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        var start = position
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n"), position - start < 256 { start -= 1 }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" }).contains {
            commands.contains(String($0.split(separator: "/").last ?? $0).lowercased())
        }
    }
}
