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
        while let open = characters[position...].firstIndex(of: "<") {
            position = open + 1
            guard position < characters.count, !["/", "?", "!"].contains(characters[position]) else { continue }
            let nameEnd = characters[position...].firstIndex { $0 == ">" || $0 == "/" || $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
                ?? characters.count
            let name = localName(characters[position..<nameEnd])
            guard let close = characters[nameEnd...].firstIndex(of: ">") else { break }
            edits += attributeEdits(characters[nameEnd..<close], replacement)
            position = close + 1
            guard characters[close - 1] != "/", let (range, value) = content(of: characters, from: position),
                let new = replacement(name, value)
            else { continue }
            edits.append((range, new))
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

    private static func attributeEdits(_ tag: ArraySlice<Unicode.Scalar>, _ replacement: (String, String) -> String?) -> [(Range<Int>, String)] {
        var edits: [(Range<Int>, String)] = []
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
            if let new = replacement(localName(tag[nameStart..<nameEnd]), value) { edits.append(((quote + 1)..<end, new)) }
            position = end + 1
        }
        return edits
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
