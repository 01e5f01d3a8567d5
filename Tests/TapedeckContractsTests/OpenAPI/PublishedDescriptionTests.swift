import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// Descriptions in the shape GitHub and Stripe publish (OpenAPI 3.0, `$ref`s to
/// shared parameters and responses, `nullable`, recursive expandable objects),
/// kept as published with Tapedeck's paging block in an overlay, check
/// recordings built from their documented examples: a clean walk is clean, and
/// a planted schema bug and a planted duplicate across pages are each caught.
struct PublishedDescriptionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/OpenAPI")

    static func github() throws -> Contract {
        // The overlay beside it, github-issues.overlay.yaml, is found by name.
        try Contract(contentsOf: folder.appendingPathComponent("github-issues.json"))
    }

    static func stripe() throws -> Contract {
        try Contract(
            contentsOf: folder.appendingPathComponent("stripe-charges.yaml"),
            overlays: [Overlay(contentsOf: folder.appendingPathComponent("stripe-charges.tapedeck.yaml"))])
    }

    static func page(_ url: String, _ body: JSONValue, link: String? = nil) -> Interaction {
        let headers: HeaderFields = link.map { ["Content-Type": "application/json", "Link": $0] } ?? ["Content-Type": "application/json"]
        return Interaction(
            request: RecordedRequest(method: "GET", url: url, headers: ["Accept": "application/vnd.github+json"]),
            response: RecordedResponse(status: 200, headers: headers, body: RecordedBody(content: .json(body))),
            recordedAt: Recordings.recordedAt, duration: 0.01)
    }

    /// An issue as GitHub's documentation shows one.
    static func issue(_ id: Int, state: String = "open") -> JSONValue {
        [
            "id": .integer(id), "node_id": "MDU6SXNzdWUx", "url": .string("https://api.github.com/repos/octocat/Hello-World/issues/\(id)"),
            "html_url": .string("https://github.com/octocat/Hello-World/issues/\(id)"), "number": .integer(id), "state": .string(state),
            "title": "Found a bug", "body": "I'm having a problem with this.",
            "user": ["login": "octocat", "id": 1, "node_id": "MDQ6VXNlcjE=", "type": "User", "site_admin": false],
            "labels": [["id": 208045946, "name": "bug", "color": "f29513", "default": true]], "assignees": [], "milestone": nil,
            "locked": true, "comments": 0, "closed_at": nil, "created_at": "2011-04-22T13:33:48Z", "updated_at": "2011-04-22T13:33:48Z",
            "author_association": "COLLABORATOR",
        ]
    }

    static func githubWalk(second: [JSONValue]) -> [Interaction] {
        let base = "https://api.github.com/repos/octocat/Hello-World/issues?per_page=2"
        return [
            page(base, [issue(1347), issue(1346)], link: "<\(base)&page=2>; rel=\"next\", <\(base)&page=2>; rel=\"last\""),
            page(base + "&page=2", .array(second), link: "<\(base)&page=1>; rel=\"prev\", <\(base)&page=1>; rel=\"first\""),
        ]
    }

    @Test func aGitHubWalkIsClean() throws {
        let report = ContractChecker(contract: try Self.github()).check(Self.githubWalk(second: [Self.issue(1345)]))
        #expect(report.provider == "github")
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.walks.count == 1)
    }

    @Test func aGitHubSchemaBugAndDuplicateAreCaught() throws {
        let report = ContractChecker(contract: try Self.github()).check(Self.githubWalk(second: [Self.issue(1346), Self.issue(1344, state: "reopened")]))
        let found = Set(report.violations.map { "\($0.rule.rawValue) \($0.path)" })
        #expect(found == ["no-duplicates $[0].id", "enum-value $[1].state"], "\(report.violations)")
    }

    /// A charge as Stripe's documentation shows one, with a refund that refers back to its charge.
    static func charge(_ id: String, created: Int, amount: JSONValue = 1099) -> JSONValue {
        [
            "id": .string(id), "object": "charge", "amount": amount, "amount_captured": 1099, "amount_refunded": 0, "captured": true,
            "created": .integer(created), "currency": "usd", "customer": nil, "description": nil, "livemode": false, "paid": true,
            "receipt_email": nil, "refunded": false, "status": "succeeded",
            "refunds": [
                "object": "list", "has_more": false, "url": .string("/v1/charges/\(id)/refunds"),
                "data": [["id": "re_1", "object": "refund", "amount": 100, "charge": .string(id), "created": .integer(created), "currency": "usd"]],
            ],
        ]
    }

    static func stripeWalk(second: [JSONValue]) -> [Interaction] {
        let base = "https://api.stripe.com/v1/charges?limit=2"
        return [
            page(
                base,
                [
                    "object": "list", "url": "/v1/charges", "has_more": true,
                    "data": [charge("ch_3", created: 1_700_000_300), charge("ch_2", created: 1_700_000_200)],
                ]),
            page(base + "&starting_after=ch_2", ["object": "list", "url": "/v1/charges", "has_more": false, "data": .array(second)]),
        ]
    }

    @Test func aStripeWalkIsClean() throws {
        let report = ContractChecker(contract: try Self.stripe()).check(Self.stripeWalk(second: [Self.charge("ch_1", created: 1_700_000_100)]))
        #expect(report.provider == "stripe")
        #expect(report.violations.isEmpty, "\(report.violations)")
    }

    @Test func aStripeSchemaBugAndDuplicateAreCaught() throws {
        var refund = Self.charge("ch_1", created: 1_700_000_100).objectValue!
        // The expanded charge of a refund is itself checked (the schemas are recursive).
        refund["refunds"] = [
            "object": "list", "has_more": false, "url": "/v1/charges/ch_1/refunds",
            "data": [
                ["id": "re_2", "object": "refund", "amount": 1, "created": 1, "currency": "usd", "charge": Self.charge("ch_1", created: 1, amount: "1099")]
            ],
        ]
        let report = ContractChecker(contract: try Self.stripe()).check(
            Self.stripeWalk(second: [Self.charge("ch_2", created: 1_700_000_200), .object(refund)]))
        let found = Set(report.violations.map { "\($0.rule.rawValue) \($0.path)" })
        #expect(found.contains("no-duplicates $.data[0].id"), "\(report.violations)")
        #expect(found.contains("field-type $.data[1].refunds.data[0].charge.amount"), "\(report.violations)")
    }

    @Test func routingUsesTheServersHostAndBasePath() throws {
        let catalogue = ContractCatalogue(contracts: [try Self.github(), try Self.stripe()])
        let exchanges = [
            Self.page("https://api.stripe.com/v1/charges?limit=2", ["object": "list", "url": "/v1/charges", "has_more": false, "data": []]),
            Self.page("https://api.github.com/repos/octocat/Hello-World/issues", []),
            // The same documented paths on other hosts are neither provider's.
            Self.page("https://shop.acme.com/v1/charges", []),
            Self.page("https://git.acme.com/repos/octocat/Hello-World/issues", []),
        ]
        let routing = ExchangeRouter(catalogue: catalogue).route(exchanges)
        #expect(routing.routes.map { "\($0.contract.provider) \($0.exchanges)" } == ["stripe [0]", "github [1]"])
        #expect(routing.uncovered == [2, 3])
    }

    @Test func anOverlayTargetThatMatchesNothingIsLocated() throws {
        let overlay = try Overlay(
            text:
                "overlay: 1.0.0\ninfo: { title: t, version: \"1\" }\nactions:\n  - target: $.paths['/v1/refunds'].get\n    update: { x-tapedeck-paging: {} }\n",
            file: "wrong.overlay.yaml")
        let error = try #require(throws: InputError.self) {
            try Contract(contentsOf: Self.folder.appendingPathComponent("stripe-charges.yaml"), overlays: [overlay])
        }
        #expect(error.file == "wrong.overlay.yaml")
        #expect(error.location == .path(JSONPath(components: [.key("actions"), .index(0), .key("target")])))
        #expect(error.found.contains("matches nothing"))
    }

    @Test func aDraftsGuessesBecomeAnOverlayForThePublishedDescription() throws {
        let recording = Self.stripeWalk(second: [Self.charge("ch_1", created: 1_700_000_100)])
        let draft = ContractDrafter(provider: "stripe").draft(Cassette(interactions: recording), recording: "charges.json")
        let overlay = try draft.overlay(for: Self.folder.appendingPathComponent("stripe-charges.yaml"))
        #expect(overlay.text.contains("$.paths['/v1/charges'].get"))
        #expect(overlay.text.contains("has-more"))
        let contract = try Contract(
            contentsOf: Self.folder.appendingPathComponent("stripe-charges.yaml"), overlays: [Overlay(text: overlay.text, file: "draft.overlay.json")])
        #expect(ContractChecker(contract: contract).check(recording).violations.isEmpty)
    }
}
