import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// Descriptions that cannot be used are refused with the file and the place in
/// it (a JSON path), quickly: never a crash, a hang or minutes of work.
struct DescriptionBadInputTests {
    /// A JSON description whose one response schema is `schema` (JSON text).
    static func description(schema: String, components: String = "{}") -> String {
        """
        {"openapi": "3.1.0", "info": {"title": "Bad", "version": "1"}, "x-tapedeck-provider": "bad",
         "paths": {"/items": {"get": {"responses": {"200": {"description": "Items",
           "content": {"application/json": {"schema": \(schema)}}}}}}},
         "components": {"schemas": \(components)}}
        """
    }

    static let responseSchema = ["paths", "/items", "get", "responses", "200", "content", "application/json", "schema"]

    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var path: [String]
        var expected: String
        var testDescription: String { name }
    }

    static let nested = String(repeating: "{\"type\": \"object\", \"properties\": {\"a\": ", count: 100) + "{}" + String(repeating: "}}", count: 100)

    static let cases: [Bad] = [
        Bad(
            name: "dangling $ref", text: description(schema: ##"{"$ref": "#/components/schemas/Missing"}"##),
            path: responseSchema + ["$ref"], expected: "a reference to a schema the document holds"),
        Bad(
            name: "dangling $ref in a component",
            text: description(schema: ##"{"$ref": "#/components/schemas/A"}"##, components: ##"{"A": {"items": {"$ref": "#/components/schemas/B"}}}"##),
            path: ["components", "schemas", "A", "items", "$ref"], expected: "a reference to a schema the document holds"),
        Bad(
            name: "invalid regex", text: description(schema: #"{"type": "string", "pattern": "([a-z"}"#),
            path: responseSchema + ["pattern"], expected: "a regular expression"),
        Bad(
            name: "invalid regex in patternProperties", text: description(schema: #"{"patternProperties": {"(": {}}}"#),
            path: responseSchema + ["patternProperties", "("], expected: "a regular expression"),
        Bad(
            name: "100-level-deep schema", text: description(schema: nested),
            path: responseSchema + Array(repeating: ["properties", "a"], count: 65).joined(), expected: "schemas nested at most 64 levels deep"),
        Bad(
            name: "unsupported version", text: description(schema: "{}").replacingOccurrences(of: "\"3.1.0\"", with: "\"2.0\""),
            path: ["openapi"], expected: "an OpenAPI version 3.0.x or 3.1.x"),
        Bad(
            name: "Swagger 2.0", text: description(schema: "{}").replacingOccurrences(of: "\"openapi\": \"3.1.0\"", with: "\"swagger\": \"2.0\""),
            path: ["swagger"], expected: "an OpenAPI 3.0 or 3.1 document"),
        Bad(
            name: "a schema that is not one", text: description(schema: "[1]"),
            path: responseSchema, expected: "a schema (an object or a boolean)"),
    ]

    @Test(arguments: cases)
    func locatedByFileAndPath(_ bad: Bad) throws {
        let error = try #require(throws: InputError.self) { try Contract(yaml: bad.text, file: "bad.json") }
        #expect(error.file == "bad.json")
        #expect(error.location == .path(JSONPath(components: bad.path.map { .key($0) })), "\(error)")
        #expect(error.expected == bad.expected, "\(error)")
    }

    @Test func aFiftyMegabyteDocumentIsRefusedBeforeItIsRead() throws {
        let padding = String(repeating: " ", count: 50 << 20)
        let error = try #require(throws: InputError.self) { try Contract(yaml: Self.description(schema: "{}") + padding, file: "huge.json") }
        #expect(error.location == .path(.root))
        #expect(error.expected.contains("MiB"), "\(error)")
    }
}
