import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// Nineteen JSON Schema keyword violations, each planted alone in an otherwise
/// valid page of a 3.1 description that uses composition, references (one of them
/// recursive) and formats: each is reported, at its place, with no x-tapedeck
/// extension in the description.
struct PlantedViolationTests {
    static let contract = """
        openapi: 3.1.0
        info: { title: Orders, version: "1" }
        servers: [{ url: "https://api.shop.test/v1" }]
        paths:
          /orders:
            get:
              responses:
                "200":
                  description: A page of orders.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/OrderList" }
        components:
          schemas:
            OrderList:
              type: object
              required: [data, has_more]
              additionalProperties: false
              properties:
                data: { type: array, minItems: 1, maxItems: 3, items: { $ref: "#/components/schemas/Order" } }
                has_more: { type: boolean }
            Base:
              type: object
              required: [id]
              properties: { id: { type: string } }
            Order:
              allOf:
                - $ref: "#/components/schemas/Base"
                - type: object
                  properties:
                    status: { enum: [open, paid] }
                    email: { type: string, format: email }
                    customer: { type: string, format: uuid }
                    created: { type: string, format: date }
                    amount: { type: integer, minimum: 0, multipleOf: 5 }
                    code: { type: string, pattern: "^[A-Z]{3}$" }
                    tags: { type: array, uniqueItems: true, items: { type: string } }
                    contact:
                      anyOf:
                        - { type: object, required: [phone], properties: { phone: { type: string, pattern: "^[+][0-9]+$" } } }
                        - { type: object, required: [address], properties: { address: { type: string, minLength: 5 } } }
                    kind: { oneOf: [{ const: a }, { const: b }] }
                    discount: { type: number, exclusiveMaximum: 1 }
                    metadata: { type: object, maxProperties: 2, propertyNames: { pattern: "^[a-z]+$" } }
                    refund:
                      type: object
                      dependentRequired: { amount: [reason] }
                      properties: { amount: { type: integer }, reason: { type: string } }
                    parent: { $ref: "#/components/schemas/Order" }
        """

    static let order: JSONValue = [
        "id": "o1", "status": "open", "email": "ada@example.com", "customer": "123e4567-e89b-12d3-a456-426614174000",
        "created": "2024-05-01", "amount": 10, "code": "ABC", "tags": ["x", "y"], "contact": ["phone": "+4930"],
        "kind": "a", "discount": .number("0.5"), "metadata": ["a": 1], "refund": ["amount": 1, "reason": "duplicate"],
        "parent": ["id": "o0"],
    ]

    /// A planted violation: how the page changes and where the violation must be reported.
    struct Planted: Sendable, CustomTestStringConvertible {
        var keyword: String
        var order: [String: JSONValue?] = [:]
        var page: [String: JSONValue] = [:]
        var path: String
        var testDescription: String { keyword }
    }

    static let planted: [Planted] = [
        Planted(keyword: "required inside allOf", order: ["id": .some(nil)], path: "$.data[0].id"),
        Planted(keyword: "enum", order: ["status": "closed"], path: "$.data[0].status"),
        Planted(keyword: "additionalProperties", page: ["cursor": "c1"], path: "$.cursor"),
        Planted(keyword: "maxItems", page: ["data": [order, order, order, order]], path: "$.data"),
        Planted(keyword: "minItems", page: ["data": []], path: "$.data"),
        Planted(keyword: "format email", order: ["email": "ada.example.com"], path: "$.data[0].email"),
        Planted(keyword: "format uuid", order: ["customer": "123e4567"], path: "$.data[0].customer"),
        Planted(keyword: "format date", order: ["created": "2024-02-30"], path: "$.data[0].created"),
        Planted(keyword: "minimum", order: ["amount": -5], path: "$.data[0].amount"),
        Planted(keyword: "multipleOf", order: ["amount": 7], path: "$.data[0].amount"),
        Planted(keyword: "pattern", order: ["code": "abc"], path: "$.data[0].code"),
        Planted(keyword: "uniqueItems", order: ["tags": ["x", "x"]], path: "$.data[0].tags[1]"),
        Planted(keyword: "rules inside anyOf", order: ["contact": ["phone": "4930"]], path: "$.data[0].contact.phone"),
        Planted(keyword: "oneOf", order: ["kind": "c"], path: "$.data[0].kind"),
        Planted(keyword: "exclusiveMaximum", order: ["discount": 1], path: "$.data[0].discount"),
        Planted(keyword: "maxProperties", order: ["metadata": ["a": 1, "b": 2, "c": 3]], path: "$.data[0].metadata"),
        Planted(keyword: "propertyNames", order: ["metadata": ["A": 1]], path: "$.data[0].metadata.A"),
        Planted(keyword: "dependentRequired", order: ["refund": ["amount": 1]], path: "$.data[0].refund.reason"),
        Planted(keyword: "type in a recursive reference", order: ["parent": ["id": 5]], path: "$.data[0].parent.id"),
    ]

    static func page(_ planted: Planted?) -> JSONValue {
        var order = Self.order.objectValue!
        for (key, value) in planted?.order ?? [:] { order[key] = value }
        var page = JSONObject([.init(key: "data", value: [.object(order)]), .init(key: "has_more", value: false)])
        for (key, value) in planted?.page ?? [:] { page[key] = value }
        return .object(page)
    }

    static func violations(_ planted: Planted?) throws -> [Violation] {
        let contract = try Contract(yaml: Self.contract, file: "orders.yaml")
        return ContractChecker(contract: contract).check([Recordings.exchange("https://api.shop.test/v1/orders", body: page(planted))]).violations
    }

    @Test func theUnplantedPageIsClean() throws {
        let violations = try Self.violations(nil)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func everyPlantedViolationIsReportedAtItsPlace() throws {
        var reported = 0
        for planted in Self.planted {
            let violations = try Self.violations(planted)
            if violations.contains(where: { $0.path == planted.path }) {
                reported += 1
            } else {
                Issue.record("\(planted.keyword) not reported at \(planted.path): \(violations)")
            }
        }
        print("planted JSON Schema violations reported: \(reported) of \(Self.planted.count)")
        #expect(reported == Self.planted.count)
    }

    @Test(arguments: planted)
    func eachViolationSaysWhatWasExpectedAndFound(_ planted: Planted) throws {
        let violation = try #require(try Self.violations(planted).first { $0.path == planted.path })
        #expect(violation.provider == "shop")
        #expect(violation.exchange == 0)
        #expect(violation.expected?.isEmpty == false)
        #expect(violation.actual?.isEmpty == false)
    }
}
