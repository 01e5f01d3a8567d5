import Foundation

/// An XML document read in place for what redaction needs: the text of each
/// element that holds only text, and the value of each attribute, by its local
/// name (`<sts:SessionToken>` is `SessionToken`). Values are replaced without
/// touching a byte of the rest.
enum XMLFields {
    /// `text` with each element text or attribute value for which
    /// `replacement(name, value)` gives one (the value with entities decoded) replaced by it.
    static func replacingValues(in text: String, _ replacement: (String, String) -> String?) -> String {
        let characters = Array(text.unicodeScalars)
        var edits: [(Range<Int>, String)] = []
        var position = 0
        // A plist's `<key>Password</key>`, KeePass's `<Key>`, CloudFormation's
        // `<OutputKey>`, a table's `<td>DB_PASSWORD</td>` name the value of the element after it.
        var plistKey: String?
        // `<AdministratorPassword><Value>…</Value></AdministratorPassword>`: an element that
        // holds elements names the value child the next text is in.
        var holder: String?
        while let open = characters[position...].firstIndex(of: "<") {
            position = open + 1
            guard position < characters.count, !["/", "?", "!"].contains(characters[position]) else { continue }
            let nameEnd =
                characters[position...].firstIndex { $0 == ">" || $0 == "/" || $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
                ?? characters.count
            let name = localName(characters[position..<nameEnd])
            let label = label(before: open, in: characters)
            guard let close = characters[nameEnd...].firstIndex(of: ">") else { break }
            let attributes = self.attributes(characters[nameEnd..<close])
            // `<input name="csrf_token" value="…">`, `<meta name="csrf-token" content="…">`, `<entry key="db.password">`.
            let pairName = attributes.first { pairNames.contains($0.name.lowercased()) }?.value
            for attribute in attributes {
                if let new = replacement(attribute.name, attribute.value)
                    ?? (pairValues.contains(attribute.name.lowercased()) ? pairName.flatMap { replacement($0, attribute.value) } : nil)
                {
                    edits.append((attribute.range, new))
                }
            }
            position = close + 1
            guard characters[close - 1] != "/", let (range, value) = content(of: characters, from: position) else {
                if characters[close - 1] != "/" { holder = name }
                continue
            }
            let key = plistKey
            let parent = valueElements.contains(name.lowercased()) ? holder : nil
            plistKey = keyElements.contains(name.lowercased()) ? value : nil
            holder = nil
            if let new = replacement(name, value) ?? pairName.flatMap({ replacement($0, value) }) ?? key.flatMap({ replacement($0, value) })
                ?? parent.flatMap({ replacement($0, value) }) ?? label.flatMap({ replacement($0, value) })
            {
                edits.append((range, new))
            }
        }
        guard !edits.isEmpty else { return text }
        var result = String.UnicodeScalarView()
        var copied = 0
        for (range, new) in edits.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) where range.lowerBound >= copied {
            result.append(contentsOf: characters[copied..<range.lowerBound])
            result.append(contentsOf: new.unicodeScalars)
            copied = range.upperBound
        }
        result.append(contentsOf: characters[copied...])
        return String(result)
    }

    /// The text an element holds when it holds nothing else (CDATA included), and where it is.
    private static func content(of characters: [Unicode.Scalar], from start: Int) -> (Range<Int>, String)? {
        let cdata = Array("<![CDATA[".unicodeScalars)
        if characters[start...].starts(with: cdata) {
            let from = start + cdata.count
            var end = from
            while end + 2 < characters.count, !(characters[end] == "]" && characters[end + 1] == "]" && characters[end + 2] == ">") { end += 1 }
            return (from..<end, String(String.UnicodeScalarView(characters[from..<end])))
        }
        guard let end = characters[start...].firstIndex(of: "<"), end + 1 < characters.count, characters[end + 1] == "/", end > start
        else { return nil }
        let raw = String(String.UnicodeScalarView(characters[start..<end]))
        guard !raw.allSatisfy(\.isWhitespace) else { return nil }
        return (start..<end, decodeEntities(raw))
    }

    /// The text right before a tag when it ends in a colon (`Temporary password:`): a label
    /// that names the element after it (`<p>Temporary password: <code>…</code></p>`).
    private static func label(before open: Int, in characters: [Unicode.Scalar]) -> String? {
        var colon = open - 1
        while colon >= 0, characters[colon].properties.isWhitespace { colon -= 1 }
        guard colon > 0, characters[colon] == ":" else { return nil }
        var start = colon
        while start > 0, characters[start - 1] != ">", colon - start < 64 { start -= 1 }
        while start < colon, characters[start].properties.isWhitespace { start += 1 }
        var end = colon
        while end > start, characters[end - 1].properties.isWhitespace { end -= 1 }
        return end > start ? String(String.UnicodeScalarView(characters[start..<end])) : nil
    }

    private static let keyElements: Set<String> = ["key", "outputkey", "parameterkey", "name", "td", "th", "dt"]
    private static let valueElements: Set<String> = ["value", "string", "data", "plaintext"]
    private static let pairNames: Set<String> = ["name", "key", "property", "http-equiv", "id"]
    private static let pairValues: Set<String> = ["value", "content"]

    /// A tag's attributes: local name, where the value is, and the value with entities decoded.
    private static func attributes(_ tag: ArraySlice<Unicode.Scalar>) -> [(name: String, range: Range<Int>, value: String)] {
        var found: [(name: String, range: Range<Int>, value: String)] = []
        var position = tag.startIndex
        while let equals = tag[position...].firstIndex(of: "=") {
            var nameEnd = equals
            while nameEnd > position, tag[nameEnd - 1] == " " { nameEnd -= 1 }
            var nameStart = nameEnd
            while nameStart > position, !" \n\t\r".unicodeScalars.contains(tag[nameStart - 1]) { nameStart -= 1 }
            var quote = equals + 1
            while quote < tag.endIndex, tag[quote] == " " { quote += 1 }
            guard quote < tag.endIndex, tag[quote] == "\"" || tag[quote] == "'",
                let end = tag[(quote + 1)...].firstIndex(of: tag[quote])
            else { break }
            let value = decodeEntities(String(String.UnicodeScalarView(tag[(quote + 1)..<end])))
            found.append((localName(tag[nameStart..<nameEnd]), (quote + 1)..<end, value))
            position = end + 1
        }
        return found
    }

    private static func localName(_ name: ArraySlice<Unicode.Scalar>) -> String {
        let local = name.lastIndex(of: ":").map { name[($0 + 1)...] } ?? name
        return String(String.UnicodeScalarView(local))
    }

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
