/// Configuration text whose blocks say what they hold: every value inside a block
/// named for secrets is one, whatever its own name. HCL (`tokens { agent = "…" }`,
/// Consul's ACL tokens), YAML (`secrets:` and the pairs indented under it), TOML
/// and INI (`[credentials]`, `[acl.tokens]`) are read line by line; which names
/// make a block secret is the caller's (`MarkedSecrets.namesSecretMap`).
enum ConfigBlocks {
    /// The values inside secret blocks, with their names, in order.
    static func secretValues(in bytes: UnsafeBufferPointer<UInt8>, isSecretBlock: (String) -> Bool) -> [(name: String, range: Range<Int>)] {
        var found: [(name: String, range: Range<Int>)] = []
        var section = false
        var braces: [Bool] = []
        var indents: [(indent: Int, secret: Bool)] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            defer { start = end + 1 }
            var first = start
            while first < end, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") { first += 1 }
            var last = end
            while last > first, bytes[last - 1] <= 0x20 { last -= 1 }
            guard first < last, !comments.contains(bytes[first]) else { continue }
            let indent = first - start
            while let top = indents.last, top.indent >= indent { indents.removeLast() }
            let inSecret = section || braces.last == true || indents.last?.secret == true
            switch bytes[first] {
            case UInt8(ascii: "["):
                // `[acl.tokens]`: the section's last name decides.
                let name = text(bytes, (first + 1)..<(last - 1)).split(separator: ".").last.map(String.init) ?? ""
                section = bytes[last - 1] == UInt8(ascii: "]") && isSecretBlock(name)
                braces = []
                indents = []
                continue
            case UInt8(ascii: "}"):
                _ = braces.popLast()
                continue
            default: break
            }
            var nameEnd = first
            while nameEnd < last, nameBytes.contains(bytes[nameEnd]) { nameEnd += 1 }
            guard nameEnd > first else { continue }
            let name = text(bytes, first..<nameEnd)
            if bytes[last - 1] == UInt8(ascii: "{") {
                braces.append(inSecret || isSecretBlock(name))
                continue
            }
            var separator = nameEnd
            while separator < last, bytes[separator] == UInt8(ascii: " ") || bytes[separator] == UInt8(ascii: "\t") { separator += 1 }
            guard separator < last, bytes[separator] == UInt8(ascii: "=") || bytes[separator] == UInt8(ascii: ":") else {
                if separator == last - 1, bytes[separator] == UInt8(ascii: ":") { indents.append((indent, inSecret || isSecretBlock(name))) }
                continue
            }
            var value = separator + 1
            while value < last, bytes[value] == UInt8(ascii: " ") || bytes[value] == UInt8(ascii: "\t") { value += 1 }
            guard value < last else {
                // `tokens:` opens a YAML block.
                indents.append((indent, inSecret || isSecretBlock(name)))
                continue
            }
            guard inSecret else { continue }
            var range = value..<last
            if bytes[value] == UInt8(ascii: "\"") || bytes[value] == UInt8(ascii: "'"), last - value >= 2, bytes[last - 1] == bytes[value] {
                range = (value + 1)..<(last - 1)
            }
            if !range.isEmpty { found.append((name, range)) }
        }
        return found
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        range.isEmpty ? "" : String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static let comments = ByteSet("#;/")
    private static let nameBytes = ByteSet("A-Za-z0-9_.-")
}
