import Foundation
import Testing

@testable import TapedeckContracts

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reports other programs read: JUnit XML is XML whatever a value holds (control
/// characters included), and GitHub workflow commands stay one line each and give
/// their text back through the runner's unescaping.
struct ReportReadsBackTests {
    /// Text with every C0 control, markup, `%`, `::`, commas, colons, CR LF pairs, and non-BMP characters.
    static let hostileTexts: [String] = {
        var texts = (0..<0x20).map { "value \(String(UnicodeScalar(UInt8($0))))end" }
        texts += ["a\r\nb", "<x a=\"1\">&amp;</x>", "100% ::error::x", "k: v, w", "\u{FFFE}\u{FFFF}", "😀 é", "]]>", "'\"", "\r", "\n\n", "%0A%25"]
        return texts
    }()

    /// The attribute values and text the XML parser reads back, in document order.
    final class Collector: NSObject, XMLParserDelegate {
        var values: [String] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:])
        {
            if let message = attributes["message"] { values.append(message) }
            if let name = attributes["name"], elementName == "testcase" { values.append(name) }
            text = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if elementName == "failure" || elementName == "system-out" { values.append(text) }
        }
    }

    /// `text` as the JUnit report promises to give it back: each character XML forbids written as `\u{…}`.
    static func visible(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            let forbidden = (scalar.value < 0x20 && !["\t", "\n", "\r"].contains(scalar)) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
            return forbidden ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }.joined()
    }

    @Test(arguments: hostileTexts)
    func junitIsXMLWhateverAValueHolds(text: String) throws {
        let suites = JUnitSuites(
            name: text,
            suites: [
                .init(
                    name: text,
                    cases: [
                        .init(classname: text, name: text, failure: .init(message: text, type: text, text: text)),
                        .init(classname: "c", name: text, systemOut: text),
                    ])
            ])
        let xml = suites.render()
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
        // XML normalises a lone CR (and CR LF) to LF in text; attributes keep them as references.
        let expected = Self.visible(text)
        #expect(collector.values.first == expected, "name attribute")
        #expect(collector.values.dropFirst().first == expected, "message attribute")
        #expect(
            collector.values.dropFirst(2).allSatisfy {
                $0.replacingOccurrences(of: "\r\n", with: "\n")
                    == expected.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") || $0 == expected
            })
    }

    /// The runner's reading of a workflow command: `::level props::message`, one line, `%XX` unescaped.
    static func read(_ line: Substring) -> (level: String, properties: [String: String], message: String)? {
        guard line.hasPrefix("::"), let end = line.dropFirst(2).range(of: "::") else { return nil }
        let head = line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound]
        let level = String(head.prefix { $0 != " " })
        var properties: [String: String] = [:]
        for pair in head.drop(while: { $0 != " " }).dropFirst().split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            properties[String(parts[0])] = unescape(String(parts.count > 1 ? parts[1] : ""), property: true)
        }
        return (level, properties, unescape(String(line[end.upperBound...]), property: false))
    }

    static func unescape(_ text: String, property: Bool) -> String {
        var text = text.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
        if property { text = text.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",") }
        return text.replacingOccurrences(of: "%25", with: "%")
    }

    @Test(arguments: hostileTexts)
    func githubAnnotationsReadBack(text: String) throws {
        let rendered = GitHubAnnotations([.init(level: .error, title: text, message: text, file: text), .init(level: .warning, title: "t", message: "m")])
            .render()
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2, "\(rendered.debugDescription)")
        let line = try #require(lines.first)
        let first = try #require(Self.read(line))
        #expect(first.level == "error")
        #expect(first.message == text)
        #expect(first.properties["title"] == text)
        #expect(first.properties["file"] == text)
        #expect(!rendered.unicodeScalars.contains("\r"))
    }
}
