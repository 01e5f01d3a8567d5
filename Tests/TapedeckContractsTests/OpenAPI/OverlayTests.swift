import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// Overlay actions as the Overlay Specification 1.0 defines them, on the
/// Stripe-shaped description: JSONPath targets with filters, wildcards and
/// descendants; updates merged into objects and appended to arrays; removals.
struct OverlayTests {
    static let description = PublishedDescriptionTests.folder.appendingPathComponent("stripe-charges.yaml")

    static func contract(_ actions: String) throws -> Contract {
        let overlay = try Overlay(text: "overlay: 1.0.0\ninfo: { title: t, version: \"1\" }\nactions:\n" + actions, file: "test.overlay.yaml")
        return try Contract(contentsOf: description, overlays: [overlay])
    }

    static func violations(_ contract: Contract, _ url: String) -> [String] {
        let body: JSONValue = ["object": "list", "url": "/v1/charges", "has_more": false, "data": []]
        return ContractChecker(contract: contract).check([Recordings.exchange(url, body: body)]).violations.map { "\($0.rule.rawValue) \($0.path)" }
    }

    @Test func aFilterSelectsTheOperationAndAnUpdateMergesIntoIt() throws {
        let contract = try Self.contract(
            """
              - target: "$.paths['/v1/charges'][?@.operationId == 'GetCharges']"
                update: { x-tapedeck-provider-note: merged, parameters: [{ name: expand, in: query, schema: { type: string } }] }
            """)
        // The parameter list got the new parameter appended, the others kept.
        #expect(Self.violations(contract, "https://api.stripe.com/v1/charges?expand=data&limit=3").isEmpty)
    }

    @Test func aRemovalTakesAParameterOut() throws {
        let contract = try Self.contract(
            """
              - target: "$.paths['/v1/charges'].get.parameters[?@.name == 'customer']"
                remove: true
            """)
        #expect(Self.violations(contract, "https://api.stripe.com/v1/charges?customer=cus_1") == ["param-range request.query.customer"])
        #expect(Self.violations(contract, "https://api.stripe.com/v1/charges?limit=3").isEmpty)
    }

    @Test func wildcardsAndDescendantsReachEveryMatch() throws {
        let contract = try Self.contract(
            """
              - target: "$.paths.*.get.parameters[*].schema"
                update: { maxLength: 4 }
              - target: "$..has_more"
                update: { description: Whether more follow. }
            """)
        #expect(Self.violations(contract, "https://api.stripe.com/v1/charges?starting_after=ch_12345") == ["param-range request.query.starting_after"])
    }

    @Test(arguments: ["paths['/v1/charges']", "$.paths[?@.x ~ 1]", "$..", "$.paths['/v1/charges"])
    func aTargetThatIsNotAJSONPathIsLocated(_ target: String) throws {
        let error = try #require(throws: InputError.self) {
            try Overlay(
                text: "overlay: 1.0.0\ninfo: { title: t, version: \"1\" }\nactions:\n  - target: \"\(target)\"\n    remove: true\n", file: "bad.overlay.yaml")
        }
        #expect(error.location == .lineAndPath(4, column: 13, JSONPath(components: [.key("actions"), .key("0"), .key("target")])), "\(error)")
    }

    @Test func aDocumentThatIsNotAnOverlayIsRefused() throws {
        let error = try #require(throws: InputError.self) { try Overlay(text: "openapi: 3.1.0\n", file: "spec.yaml") }
        #expect(error.expected == "an OpenAPI Overlay document (`overlay: 1.0.0`)")
    }
}
