import Foundation
import Testing

@testable import Tapedeck

struct JSONValueTests {
    @Test(arguments: [
        #"{"page":{"count":1,"marker":1805431584415871305},"tasks":[]}"#,
        #"{"z":1,"a":2,"m":{"y":-0.5e+10,"b":1.50}}"#,
        #"[true,false,null,"",0,-0,1E400]"#,
        #"{"name":"Zürich – 東京 🚀","escaped":"line\nbreak \"quoted\" back\\slash \u0001"}"#,
    ])
    func compactRoundTripIsByteExact(text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(value.compactText == text)
    }

    @Test func largeIntegersKeepTheirLexeme() throws {
        let value = try JSONParser.parse(#"{"marker":1805431584415871305,"big":123456789012345678901234567890}"#)
        #expect(value["marker"] == .number("1805431584415871305"))
        #expect(value["marker"]?.int64Value == 1_805_431_584_415_871_305)
        #expect(value["big"]?.numberLexeme == "123456789012345678901234567890")
    }

    @Test func keyOrderIsKept() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":2,"m":3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func escapesAndSurrogatesDecode() throws {
        let value = try JSONParser.parse(#""\u00e9\ud83d\ude80\/""#)
        #expect(value == .string("é🚀/"))
    }

    @Test func prettyOutputParsesBackToTheSameValue() throws {
        let value = try JSONParser.parse(#"{"a":[1,2,{"b":[]}],"c":{},"d":["x","y"]}"#)
        let pretty = JSONWriter(style: .pretty()).string(from: value)
        #expect(pretty.contains("\n  \"a\": [\n"))
        #expect(pretty.contains(#""d": ["x", "y"]"#))
        #expect(try JSONParser.parse(pretty) == value)
    }

    @Test func equivalenceIgnoresKeyOrderButNotValues() throws {
        let a = try JSONParser.parse(#"{"x":1,"y":[1.0,"s"]}"#)
        let b = try JSONParser.parse(#"{"y":[1.00,"s"],"x":1}"#)
        let c = try JSONParser.parse(#"{"y":[1.00,"s"],"x":2}"#)
        #expect(a.isEquivalent(to: b))
        #expect(!a.isEquivalent(to: c))
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var text: String
        var line: Int
        var column: Int
        var path: String
        var expected: String
        var testDescription: String { text }
    }

    @Test(arguments: [
        BadInput(text: "{\"a\":\n  [1, 2,]}", line: 2, column: 9, path: "$.a[2]", expected: "expected a value"),
        BadInput(text: #"{"a":{"b":tru}}"#, line: 1, column: 14, path: "$.a.b", expected: "expected 'true'"),
        BadInput(text: #"{"a":01}"#, line: 1, column: 7, path: "$.a", expected: "expected no leading zero in a number"),
        BadInput(text: #"{"a":"x"#, line: 1, column: 8, path: "$.a", expected: "expected '\"' to close the string"),
        BadInput(text: #"{"a":1} x"#, line: 1, column: 9, path: "$", expected: "expected the end of the document"),
        BadInput(text: #"{a:1}"#, line: 1, column: 2, path: "$", expected: "expected a member name in double quotes"),
    ])
    func syntaxErrorsNameLineColumnAndPath(input: BadInput) {
        #expect {
            try JSONParser.parse(input.text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == input.line && error.column == input.column && error.path.description == input.path
                && error.expected == input.expected
        }
    }

    @Test func pathsDescribeUnusualKeys() {
        let path = JSONPath.root.appending("tasks").appending(index: 3).appending("odd key")
        #expect(path.description == "$.tasks[3]['odd key']")
        #expect(path.wildcarded == "$.tasks[*]['odd key']")
    }
}
