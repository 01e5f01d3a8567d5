import Foundation
import Tapedeck
import Testing

@testable import TapedeckContracts

/// How the paginating client chains pages, for each paging style in the contracts.
struct PaginatingClientTests {
    static func step(_ provider: String, url: String, body: JSONValue, itemsSoFar: Int? = nil) throws -> PaginatingClient.Step {
        let contract = Recordings.contract(provider)
        let operation = try #require(contract.operation(forURL: url, method: "GET")?.operation)
        let paging = try #require(operation.paging)
        let items = body[paging.items]?.arrayValue ?? []
        let page = PaginatingClient.Page(url: try #require(URL(string: url)), status: 200, body: body, items: items)
        return PaginatingClient.nextPage(after: page, paging: paging, itemsSoFar: itemsSoFar ?? items.count)
    }

    static func query(_ step: PaginatingClient.Step) -> [String: String] {
        guard case .next(let url) = step, let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems
        else { return [:] }
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    @Test func anOffsetWalkAdvancesByThePageItsGot() throws {
        let jobs: [JSONValue] = [["id": "a"], ["id": "b"]]
        let step = try Self.step(
            "otc-ddm", url: "http://h/otc-ddm/v3/p/jobs?offset=4&limit=2&start_time=1&end_time=2",
            body: ["jobs": .array(jobs), "total": 9], itemsSoFar: 6)
        #expect(Self.query(step)["offset"] == "6")
        #expect(Self.query(step)["start_time"] == "1")
    }

    @Test func anOffsetWalkEndsAtTheTotalOrAShortPage() throws {
        let two: JSONValue = ["jobs": [["id": "a"], ["id": "b"]], "total": 6]
        #expect(try Self.step("otc-ddm", url: "http://h/v3/p/jobs?offset=4&limit=2", body: two, itemsSoFar: 6) == .end("all 6 items fetched"))
        let one: JSONValue = ["jobs": [["id": "a"]], "total": 60]
        #expect(try Self.step("otc-ddm", url: "http://h/v3/p/jobs?offset=4&limit=2", body: one) == .end("a short page"))
    }

    @Test func aWalkEndsRatherThanStepPastIntMax() throws {
        let two: JSONValue = ["jobs": [["id": "a"], ["id": "b"]], "total": 9]
        let offset = try Self.step("otc-ddm", url: "http://h/v3/p/jobs?offset=9223372036854775807&limit=2", body: two, itemsSoFar: 2)
        #expect(offset == .end("the next offset is past Int.max"))
        let tasks: JSONValue = ["Tasks": ["Task": [["TaskId": "a"]]]]
        let page = try Self.step(
            "alibaba-petadata", url: "http://h/?Action=DescribeTasks&PageNumbers=9223372036854775807&MaxRecordsPerPage=1", body: tasks)
        #expect(page == .end("the next page number is past Int.max"))
    }

    @Test func aMarkerWalkSendsTheLastMarkerBack() throws {
        let body: JSONValue = ["page": ["count": 5, "marker": "1805431584415871305"], "tasks": [["task_id": "a"], ["task_id": "b"]]]
        let step = try Self.step("huawei-iotda", url: "http://h/v5/iot/p/iotda-instances/i/tasks?limit=2", body: body)
        #expect(Self.query(step)["marker"] == "1805431584415871305")
    }

    @Test func aTokenWalkEndsOnAnEmptyToken() throws {
        let url = "http://h/backup/v1/resources/i/tasks?pageSize=1"
        let more: JSONValue = ["tasks": [["id": "1"]], "nextPageToken": "b3BhcXVl"]
        #expect(Self.query(try Self.step("yandex-backup", url: url, body: more))["pageToken"] == "b3BhcXVl")
        let last: JSONValue = ["tasks": [["id": "1"]], "nextPageToken": ""]
        #expect(try Self.step("yandex-backup", url: url, body: last) == .end("no next page token"))
    }

    @Test func aPageNumberWalkAsksForTheNextNumber() throws {
        let tasks: JSONValue = .array(Array(repeating: ["TaskId": "1"], count: 30))
        let body: JSONValue = ["Tasks": ["Task": tasks], "TotalRecords": 100, "PageNumbers": 1]
        let step = try Self.step(
            "alibaba-petadata", url: "http://h/?Action=DescribeTasks&InstanceId=i&PageNumbers=1&MaxRecordsPerPage=30", body: body)
        #expect(Self.query(step)["PageNumbers"] == "2")
    }
}
