/// The parameters of an XML-RPC call that carry a credential, by position: XML-RPC
/// names no parameter, so only the method says which one is the password. The blog
/// APIs WordPress serves (`wp.*`, `metaWeblog.*`, `blogger.*`, `mt.*`) take a user
/// name and a password at fixed places, Odoo's object service a password third;
/// a method named for a sign-in (`confluence2.login`, `common.authenticate`)
/// takes credentials only, so every string it is given is one.
enum XMLRPCCalls {
    /// Methods (a name, or a prefix ending in `.`) and the parameter, from 0, that holds
    /// the password; the first that matches wins.
    private static let passwordPositions: [(method: String, position: Int)] = [
        ("wp.getUsersBlogs", 1),  // (username, password)
        ("wp.", 2), ("metaWeblog.", 2), ("blogger.", 2), ("mt.", 2),  // (blog, post or app key, username, password, …)
        ("execute_kw", 2), ("execute", 2), ("exec_workflow", 2),  // Odoo: (database, uid, password, …)
    ]

    /// `text` with the password parameters of the `<methodCall>` it holds replaced by `replacement(value)`.
    static func replacingPasswords(in text: String, _ replacement: (String) -> String) -> String {
        var text = text
        let edits: [(Range<Int>, String)] = text.withUTF8 { bytes in
            guard ByteSearch.find(Array("<methodCall".utf8), in: bytes) != nil, let method = element("methodName", in: bytes, from: 0) else { return [] }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[method]), as: UTF8.self).trimmingSpaces
            let values = parameters(in: bytes, from: method.upperBound)
            let chosen: [Range<Int>?]
            if CredentialName.methodIssuesCredentials(name) {
                chosen = values
            } else if let entry = passwordPositions.first(where: { $0.method.hasSuffix(".") ? name.hasPrefix($0.method) : name == $0.method }) {
                chosen = entry.position < values.count ? [values[entry.position]] : []
            } else {
                chosen = []
            }
            return chosen.compactMap { $0 }.filter { !$0.isEmpty }.map {
                ($0, replacement(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)))
            }
        }
        guard !edits.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for (range, new) in edits.reversed() { bytes.replaceSubrange(range, with: Array(new.utf8)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Each `<param>`'s text when it holds a string (`<value>text</value>` or
    /// `<value><string>text</string></value>`), `nil` for any other value.
    private static func parameters(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [Range<Int>?] {
        var found: [Range<Int>?] = []
        var position = start
        while let param = ByteSearch.find(paramTag, in: bytes, from: position) {
            position = param + paramTag.count
            guard let value = ByteSearch.find(valueTag, in: bytes, from: position) else { break }
            var open = value + valueTag.count
            while open < bytes.count, bytes[open] <= 0x20 { open += 1 }
            if let string = element("string", in: bytes, from: open), string.lowerBound == open + stringTag.count {
                found.append(string)
            } else if open < bytes.count, bytes[open] != UInt8(ascii: "<"), let close = ByteSearch.find(valueClose, in: bytes, from: open) {
                found.append(open..<close)
            } else {
                found.append(nil)
            }
        }
        return found
    }

    /// The text of the first `<name>…</name>` at or after `start`.
    private static func element(_ name: String, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        let open = Array("<\(name)>".utf8)
        guard let at = ByteSearch.find(open, in: bytes, from: start), let close = ByteSearch.find(Array("</\(name)>".utf8), in: bytes, from: at + open.count)
        else { return nil }
        return (at + open.count)..<close
    }

    private static let paramTag = Array("<param>".utf8)
    private static let valueTag = Array("<value>".utf8)
    private static let stringTag = Array("<string>".utf8)
    private static let valueClose = Array("</value>".utf8)
}
