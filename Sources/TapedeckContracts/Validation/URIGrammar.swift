/// RFC 3986's grammar for the `uri` and `uri-reference` formats: a scheme, an
/// authority (user information, a host or an IP literal, a port), a path, a
/// query and a fragment, each of the characters it allows or percent-encoded.
enum URIGrammar {
    private static let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    private static let subDelims = Set("!$&'()*+,;=")

    /// An absolute URI (a scheme first).
    static func isURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), isScheme(text[..<colon]) else { return false }
        return isRelativePart(text[text.index(after: colon)...], schemeless: false)
    }

    /// A URI or a relative reference.
    static func isURIReference(_ text: String) -> Bool {
        isURI(text) || isRelativePart(Substring(text), schemeless: true)
    }

    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// The part after the scheme (or a whole relative reference): `//authority path`, or a path; then `?query`, `#fragment`.
    private static func isRelativePart(_ text: Substring, schemeless: Bool) -> Bool {
        var rest = text
        var fragment: Substring = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard isEncoded(fragment, extra: ":@/?"), isEncoded(query, extra: ":@/?") else { return false }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let authority = afterSlashes.prefix { $0 != "/" }
            return isAuthority(authority) && isEncoded(afterSlashes.dropFirst(authority.count), extra: ":@/")
        }
        // A relative path's first segment may hold no colon (it would read as a scheme).
        if schemeless, let firstSegment = rest.split(separator: "/", omittingEmptySubsequences: false).first, firstSegment.contains(":") { return false }
        return isEncoded(rest, extra: ":@/")
    }

    private static func isAuthority(_ text: Substring) -> Bool {
        var host = text
        if let at = text.lastIndex(of: "@") {
            guard isEncoded(text[..<at], extra: ":") else { return false }
            host = text[text.index(after: at)...]
        }
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let literal = host[host.index(after: host.startIndex)..<close]
            let port = host[host.index(after: close)...]
            guard SchemaFormat.ipv6(literal) || literal.lowercased().hasPrefix("v") else { return false }
            return port.isEmpty || (port.first == ":" && port.dropFirst().allSatisfy { $0.isASCII && $0.isNumber })
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[host.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = host[..<colon]
        }
        return isEncoded(host, extra: "")
    }

    /// Whether every character is unreserved, a sub-delimiter, one of `extra`, or a `%HH` escape.
    private static func isEncoded(_ text: Substring, extra: String) -> Bool {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "%" {
                let hex = text[text.index(after: index)...].prefix(2)
                guard hex.count == 2, hex.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return false }
                index = text.index(index, offsetBy: 3)
                continue
            }
            guard unreserved.contains(character) || subDelims.contains(character) || extra.contains(character) else { return false }
            index = text.index(after: index)
        }
        return true
    }
}
