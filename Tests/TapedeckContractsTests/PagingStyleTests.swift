import Foundation
import Tapedeck
import Testing

@testable import TapedeckContracts

/// The paging styles that name the next page in the answer: an RFC 8288 `Link`
/// header, a has-more flag with the last item's id, a next link in the body and
/// a token in a response header. Each is split into walks, walked by the client
/// and checked by every cross-page rule.
struct PagingStyleTests {
    static let contract: Contract = {
        let yaml = """
            openapi: 3.1.0
            info: { title: paging styles, version: "1" }
            x-tapedeck-provider: styles
            paths:
              /links:
                get:
                  x-tapedeck-paging: { style: link-header, page-param: page, limit-param: per_page, default-limit: 30, items: $, item-id: id, item-order: ascending }
                  parameters:
                    - { name: page, in: query, schema: { type: integer } }
                    - { name: per_page, in: query, schema: { type: integer } }
                  responses: { "200": { description: OK, content: { application/json: { schema: { type: array } } } } }
              /more:
                get:
                  x-tapedeck-paging: { style: has-more, has-more-field: $.has_more, cursor-param: starting_after, limit-param: limit, items: $.data, item-id: id, item-order: descending, order-field: created }
                  parameters:
                    - { name: starting_after, in: query, schema: { type: string } }
                    - { name: limit, in: query, schema: { type: integer } }
                  responses: { "200": { description: OK, content: { application/json: { schema: { type: object } } } } }
              /odata:
                get:
                  x-tapedeck-paging: { style: next-link, next-link-field: "$['@odata.nextLink']", items: $.value, item-id: id, total: "$['@odata.count']" }
                  parameters:
                    - { name: $skiptoken, in: query, schema: { type: string } }
                  responses: { "200": { description: OK, content: { application/json: { schema: { type: object } } } } }
              /nested:
                get:
                  x-tapedeck-paging: { style: next-link, next-link-field: $.links.next, items: $.results, item-id: id }
                  parameters:
                    - { name: cursor, in: query, schema: { type: string } }
                  responses: { "200": { description: OK, content: { application/json: { schema: { type: object } } } } }
              /headers:
                get:
                  x-tapedeck-paging: { style: header-token, token-header: X-Next-Page-Token, token-param: page_token, limit-param: size, items: $.items, item-id: id }
                  parameters:
                    - { name: page_token, in: query, schema: { type: string } }
                    - { name: size, in: query, schema: { type: integer } }
                  responses: { "200": { description: OK, content: { application/json: { schema: { type: object } } } } }
            """
        do {
            return try Contract(yaml: yaml, file: "styles.yaml")
        } catch {
            fatalError("\(error)")
        }
    }()

    static let base = "http://127.0.0.1:8080"

    static func page(_ path: String, body: JSONValue, headers: HeaderFields = [:]) -> Interaction {
        var interaction = Recordings.exchange(base + path, body: body)
        for field in headers { interaction.response.headers.append(name: field.name, value: field.value) }
        return interaction
    }

    static func check(_ interactions: [Interaction]) -> CheckReport {
        ContractChecker(contract: contract).check(interactions)
    }

    static func ids(_ range: ClosedRange<Int>) -> JSONValue { .array(range.map { ["id": .number(String($0))] }) }

    // MARK: link-header

    static func linkPage(_ page: Int, items: ClosedRange<Int>, next: Int?) -> Interaction {
        let link = next.map { "<\(base)/links?per_page=2&page=\($0)>; rel=\"next\", " } ?? ""
        return Self.page(
            "/links?per_page=2&page=\(page)", body: ids(items), headers: ["Link": link + "<\(base)/links?per_page=2&page=3>; rel=\"last\""])
    }

    @Test func aLinkHeaderWalkFollowsRelNextToTheEnd() {
        let report = Self.check([Self.linkPage(1, items: 1...2, next: 2), Self.linkPage(2, items: 3...4, next: 3), Self.linkPage(3, items: 5...5, next: nil)])
        #expect(report.walks.map(\.exchanges) == [[0, 1, 2]])
        #expect(report.walks.first?.isComplete == true)
        #expect(report.violations.isEmpty)
    }

    @Test func aLinkHeaderThatLeadsBackIsACycleAndTheRepeatedPageStaysInTheWalk() throws {
        // Page 2 names page 1 as next; the client asks page 1 again: one walk, not two.
        let report = Self.check([Self.linkPage(1, items: 1...2, next: 2), Self.linkPage(2, items: 3...4, next: 1), Self.linkPage(1, items: 1...2, next: 2)])
        #expect(report.walks.map(\.exchanges) == [[0, 1, 2]])
        let cycle = try #require(report.violations(of: .cursorTerminates).first)
        #expect((cycle.exchange, cycle.path) == (1, "response.headers.Link"))
        #expect(cycle.actual == "\(Self.base)/links?per_page=2&page=1")
        #expect(report.violations(of: .noDuplicates).count == 2)
    }

    @Test func aLinkHeaderWalkReportsDuplicatesOrderAndPageSize() {
        let report = Self.check([Self.linkPage(1, items: 1...2, next: 2), Self.linkPage(2, items: 2...4, next: nil)])
        #expect(report.violations(of: .noDuplicates).map(\.path) == ["$[0].id"])
        #expect(report.violations(of: .pageSize).map(\.actual) == ["3"])
        // 2 after 2 is not ascending-breaking (equal passes); 4 after 3 neither: only a descent fails.
        #expect(report.violations(of: .markerMonotonic).isEmpty)
        let descending = Self.check([Self.linkPage(1, items: 3...4, next: 2), Self.linkPage(2, items: 1...2, next: nil)])
        #expect(descending.violations(of: .markerMonotonic).map(\.path) == ["$[0].id"])
    }

    @Test func aLinkHeaderParsesQuotedBareAndSeveralRelations() {
        let header = LinkHeader("<https://x/a?b=1,2>; rel=\"prev first\", <https://x/c;d>; title=\"a, b\"; rel=next")
        #expect(header.target(rel: "next") == "https://x/c;d")
        #expect(header.target(rel: "first") == "https://x/a?b=1,2")
        #expect(header.target(rel: "last") == nil)
        #expect(LinkHeader("not a link").links.isEmpty)
    }

    // MARK: has-more

    static func chargePage(after: String?, ids: [String], hasMore: Bool, created: [Int]? = nil) -> Interaction {
        let items = zip(ids, created ?? ids.indices.map { 1000 - $0 - ids.count }).map { id, time in
            ["id": .string(id), "created": .number(String(time))] as JSONValue
        }
        return Self.page(
            "/more?limit=2" + (after.map { "&starting_after=\($0)" } ?? ""),
            body: ["has_more": .bool(hasMore), "data": .array(items)])
    }

    @Test func aHasMoreWalkFeedsTheLastIdAndEndsWhenHasMoreIsFalse() {
        let report = Self.check([
            Self.chargePage(after: nil, ids: ["ch_a", "ch_b"], hasMore: true, created: [9, 8]),
            Self.chargePage(after: "ch_b", ids: ["ch_c", "ch_d"], hasMore: true, created: [7, 6]),
            Self.chargePage(after: "ch_d", ids: ["ch_e"], hasMore: false, created: [5]),
        ])
        #expect(report.walks.map(\.exchanges) == [[0, 1, 2]])
        #expect(report.walks.first?.isComplete == true)
        #expect(report.violations.isEmpty)
    }

    @Test func aHasMoreCursorThatRepeatsIsACycle() throws {
        let report = Self.check([
            Self.chargePage(after: nil, ids: ["ch_a", "ch_b"], hasMore: true, created: [9, 8]),
            Self.chargePage(after: "ch_b", ids: ["ch_a", "ch_b"], hasMore: true, created: [9, 8]),
        ])
        let cycle = try #require(report.violations(of: .cursorTerminates).first)
        #expect((cycle.exchange, cycle.path, cycle.actual) == (1, "$.data[*].id", "ch_b"))
        #expect(report.violations(of: .noDuplicates).count == 2)
        // The order restarts: 9 after 8 breaks "newest first".
        #expect(report.violations(of: .markerMonotonic).map(\.path) == ["$.data[0].created"])
        #expect(report.walks.first?.isComplete == false)
    }

    @Test func aHasMorePageWithoutItemsThatClaimsMoreCannotContinue() {
        let report = Self.check([Self.chargePage(after: nil, ids: [], hasMore: true)])
        #expect(report.walks.first?.isComplete == false)
        #expect(report.violations(of: .cursorTerminates).map(\.path) == ["$.has_more"])
        let start = Self.check([Self.chargePage(after: nil, ids: ["ch_a"], hasMore: true), Self.chargePage(after: "ch_x", ids: ["ch_b"], hasMore: false)])
        // A cursor that is not the last id sent is not a continuation, but the same listing continues.
        #expect(start.walks.map(\.exchanges) == [[0, 1]])
    }

    // MARK: next-link

    static func odataPage(_ token: String?, ids: ClosedRange<Int>, next: String?, count: Int = 5) -> Interaction {
        var body = JSONObject([.init(key: "value", value: Self.ids(ids)), .init(key: "@odata.count", value: .number(String(count)))])
        if let next { body.append(key: "@odata.nextLink", value: .string(next)) }
        return Self.page("/odata" + (token.map { "?$skiptoken=\($0)" } ?? ""), body: .object(body))
    }

    @Test func aNextLinkWalkFollowsTheBodyURLAndChecksTheTotal() throws {
        let clean = Self.check([
            Self.odataPage(nil, ids: 1...2, next: "\(Self.base)/odata?$skiptoken=t2"),
            Self.odataPage("t2", ids: 3...5, next: nil),
        ])
        #expect(clean.walks.map(\.exchanges) == [[0, 1]])
        #expect(clean.walks.first?.isComplete == true)
        #expect(clean.violations.isEmpty)
        let short = Self.check([
            Self.odataPage(nil, ids: 1...2, next: "/odata?$skiptoken=t2"), Self.odataPage("t2", ids: 3...3, next: nil, count: 4),
        ])
        #expect(short.violations(of: .totalMatches).map(\.actual) == ["3"])
        let changed = Self.check([
            Self.odataPage(nil, ids: 1...2, next: "/odata?$skiptoken=t2"), Self.odataPage("t2", ids: 3...4, next: nil, count: 4),
        ])
        #expect(changed.violations(of: .totalStable).map(\.actual) == ["4"])
    }

    @Test func aNextLinkBackToTheFirstPageIsACycle() throws {
        let report = Self.check([
            Self.odataPage(nil, ids: 1...2, next: "/odata?$skiptoken=t2"), Self.odataPage("t2", ids: 3...4, next: "\(Self.base)/odata"),
        ])
        let cycle = try #require(report.violations(of: .cursorTerminates).first)
        #expect((cycle.exchange, cycle.path) == (1, "$['@odata.nextLink']"))
    }

    @Test func aNestedNextLinkOnAnEmptyPageCannotContinue() throws {
        let report = Self.check([
            Self.page("/nested", body: ["results": [], "links": ["next": "/nested?cursor=b"]])
        ])
        let violation = try #require(report.violations(of: .cursorTerminates).first)
        #expect(violation.message == "an empty page still names a next page")
        #expect(violation.path == "$.links.next")
    }

    // MARK: header-token

    static func headerPage(_ token: String?, ids: ClosedRange<Int>, next: String?) -> Interaction {
        Self.page(
            "/headers?size=2" + (token.map { "&page_token=\($0)" } ?? ""), body: ["items": Self.ids(ids)],
            headers: next.map { ["X-Next-Page-Token": $0] } ?? [:])
    }

    @Test func aHeaderTokenWalkEndsWhenTheHeaderDoes() {
        let report = Self.check([
            Self.headerPage(nil, ids: 1...2, next: "p2"), Self.headerPage("p2", ids: 3...4, next: "p3"), Self.headerPage("p3", ids: 5...5, next: nil),
        ])
        #expect(report.walks.map(\.exchanges) == [[0, 1, 2]])
        #expect(report.walks.first?.isComplete == true)
        #expect(report.violations.isEmpty)
    }

    @Test func aHeaderTokenThatRepeatsIsACycle() throws {
        let report = Self.check([Self.headerPage(nil, ids: 1...2, next: "p2"), Self.headerPage("p2", ids: 3...4, next: "p2")])
        let cycle = try #require(report.violations(of: .cursorTerminates).first)
        #expect((cycle.exchange, cycle.path, cycle.actual) == (1, "response.headers.X-Next-Page-Token", "p2"))
        #expect(report.walks.first?.isComplete == false)
    }

    // MARK: the client

    static func step(_ path: String, body: JSONValue, headers: HeaderFields = [:]) throws -> PaginatingClient.Step {
        let url = try #require(URL(string: base + path))
        let paging = try #require(contract.operation(forURL: url.absoluteString, method: "GET")?.operation.paging)
        let page = PaginatingClient.Page(
            url: url, status: 200, body: body, items: body[paging.items]?.arrayValue ?? [], headers: headers)
        return PaginatingClient.nextPage(after: page, paging: paging, itemsSoFar: page.items.count)
    }

    @Test func theClientFollowsEachStyle() throws {
        let absolute = "http://127.0.0.1:9/links?per_page=2&page=2"
        #expect(try Self.step("/links?per_page=2", body: Self.ids(1...2), headers: ["Link": "<\(absolute)>; rel=\"next\""]) == .next(URL(string: absolute)!))
        #expect(try Self.step("/links?per_page=2&page=3", body: Self.ids(1...2), headers: [:]) == .end("no next page URL"))
        let more = try Self.step("/more?limit=2", body: ["has_more": true, "data": [["id": "ch_a"], ["id": "ch_b"]]])
        #expect(PaginatingClientTests.query(more) == ["limit": "2", "starting_after": "ch_b"])
        #expect(try Self.step("/more?limit=2", body: ["has_more": false, "data": [["id": "ch_a"]]]) == .end("no more items"))
        let relative = try Self.step("/nested", body: ["results": [["id": 1]], "links": ["next": "/nested?cursor=b"]])
        #expect(relative == .next(URL(string: "\(Self.base)/nested?cursor=b")!))
        let token = try Self.step("/headers?size=2", body: ["items": [["id": 1]]], headers: ["x-next-page-token": "p2"])
        #expect(PaginatingClientTests.query(token) == ["size": "2", "page_token": "p2"])
    }

    @Test func eachStyleNeedsItsKeys() throws {
        for (style, missing) in [("has-more", "has-more-field"), ("next-link", "next-link-field"), ("header-token", "token-header")] {
            let yaml = """
                openapi: 3.1.0
                info: { title: t, version: "1" }
                x-tapedeck-provider: t
                paths:
                  /x:
                    get:
                      x-tapedeck-paging: { style: \(style), items: $.items, item-id: id, cursor-param: c, token-param: c }
                      parameters: [{ name: c, in: query, schema: { type: string } }]
                      responses: { "200": { description: OK } }
                """
            let error = try #require(throws: InputError.self) { try Contract(yaml: yaml, file: "t.yaml") }
            #expect("\(error)".contains("a `\(missing)` entry for paging style \(style)"))
        }
    }
}
