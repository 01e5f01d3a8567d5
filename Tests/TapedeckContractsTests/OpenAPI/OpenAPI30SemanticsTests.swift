import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// OpenAPI 3.0 descriptions load as published and are read with 3.0's own
/// schema semantics: `nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum`,
/// `example` (an annotation), and a `$ref` that replaces what is beside it.
struct OpenAPI30SemanticsTests {
    static let contract = """
        openapi: 3.0.3
        info: { title: Pets, version: "1.0.0" }
        servers: [{ url: "https://petstore.swagger.io/v2" }]
        paths:
          /pets:
            get:
              parameters:
                - { name: limit, in: query, schema: { type: integer, minimum: 0, exclusiveMinimum: true, maximum: 100, example: 10 } }
              responses:
                "200":
                  description: Pets.
                  content:
                    application/json:
                      schema:
                        type: array
                        items: { $ref: "#/components/schemas/Pet" }
        components:
          schemas:
            Pet:
              type: object
              required: [id, name]
              example: { id: 1, name: Rex }
              properties:
                id: { type: integer, format: int64 }
                name: { type: string }
                tag: { type: string, nullable: true }
                owner: { type: string }
                weight: { type: number, maximum: 50, exclusiveMaximum: true }
                best_friend: { $ref: "#/components/schemas/Pet", type: string }
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var url = "https://petstore.swagger.io/v2/pets"
        var pet: JSONValue
        /// The path of the one violation expected, or nil for a clean page.
        var violation: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a valid pet", pet: ["id": 1, "name": "Rex", "tag": "dog"], violation: nil),
        Case(name: "nullable accepts null", pet: ["id": 1, "name": "Rex", "tag": nil], violation: nil),
        Case(name: "not nullable refuses null", pet: ["id": 1, "name": "Rex", "owner": nil], violation: "$[0].owner"),
        Case(name: "boolean exclusiveMaximum refuses the bound", pet: ["id": 1, "name": "Rex", "weight": 50], violation: "$[0].weight"),
        Case(name: "boolean exclusiveMaximum admits below", pet: ["id": 1, "name": "Rex", "weight": .number("49.5")], violation: nil),
        Case(name: "a $ref replaces its siblings", pet: ["id": 1, "name": "Rex", "best_friend": ["id": 2, "name": "Fido"]], violation: nil),
        Case(
            name: "a recursive $ref is validated", pet: ["id": 1, "name": "Rex", "best_friend": ["id": "two", "name": "Fido"]], violation: "$[0].best_friend.id"
        ),
        Case(name: "required", pet: ["id": 1], violation: "$[0].name"),
        Case(
            name: "boolean exclusiveMinimum refuses the bound in a parameter", url: "https://petstore.swagger.io/v2/pets?limit=0",
            pet: ["id": 1, "name": "Rex"], violation: "request.query.limit"),
    ]

    @Test(arguments: cases)
    func threeZeroSemantics(_ test: Case) throws {
        let contract = try Contract(yaml: Self.contract, file: "petstore.yaml")
        let report = ContractChecker(contract: contract).check([Recordings.exchange(test.url, body: [test.pet])])
        #expect(report.violations.map(\.path) == (test.violation.map { [$0] } ?? []), "\(report.violations)")
    }

    @Test func theProviderIDComesFromTheServersWhenTheDocumentNamesNone() throws {
        #expect(try Contract(yaml: Self.contract, file: "petstore.yaml").provider == "petstore-swagger")
        let untitled = Self.contract.replacingOccurrences(of: "servers: [{ url: \"https://petstore.swagger.io/v2\" }]\n", with: "")
        #expect(try Contract(yaml: untitled, file: "petstore.yaml").provider == "pets")
    }

    @Test func aJSONDocumentWithAnEscapedEmojiLoads() throws {
        let json = """
            {"openapi": "3.0.3", "info": {"title": "Emoji \\ud83d\\ude00", "version": "1"}, "x-tapedeck-provider": "emoji",
             "paths": {"/faces": {"get": {"responses": {"200": {"description": "Faces \\ud83d\\ude00",
               "content": {"application/json": {"schema": {"type": "object", "properties": {"face": {"enum": ["\\ud83d\\ude00"]}}}}}}}}}}}
            """
        let contract = try Contract(yaml: json, file: "emoji.json")
        let clean = ContractChecker(contract: contract).check([Recordings.exchange("https://emoji.example/faces", body: ["face": "😀"])])
        #expect(clean.violations.isEmpty, "\(clean.violations)")
        let other = ContractChecker(contract: contract).check([Recordings.exchange("https://emoji.example/faces", body: ["face": "🙃"])])
        #expect(other.violations.map(\.rule) == [.enumValue])
    }
}
