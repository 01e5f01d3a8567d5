import Foundation
import Tapedeck
import Testing

@testable import TapedeckContracts

/// `contract draft` writes only contracts that load: generated recordings of each
/// kind that once gave a draft `check` refused (page numbers without a page size,
/// values that disagree in type, deep nesting, long keys, a key named `<<`, and
/// thousands of paths) draft a contract that reads back, and that checks its own
/// recording without a type violation.
struct DraftReadsBackTests {
    static func exchange(_ url: String, _ body: String, status: Int = 200) -> Interaction {
        Interaction(
            request: RecordedRequest(method: "GET", url: url),
            response: RecordedResponse(
                status: status, headers: ["Content-Type": "application/json"], body: RecordedBody(data: Data(body.utf8), contentType: "application/json")),
            recordedAt: Date(timeIntervalSince1970: 1_800_000_000), duration: 0)
    }

    /// Drafts `interactions`, loads the draft, and checks the recording with it.
    @discardableResult
    static func draftReadsBack(_ interactions: [Interaction], sourceLocation: SourceLocation = #_sourceLocation) throws -> (ContractDraft, Contract) {
        let cassette = Cassette(interactions: interactions)
        let draft = ContractDrafter(provider: "generated").draft(cassette, recording: "generated.json")
        let contract = try draft.readBack(file: "generated.yaml")
        let violations = ContractChecker(contract: contract).check(cassette).violations
        #expect(!violations.contains { $0.rule.rawValue.contains("type") }, "\(violations.prefix(3))", sourceLocation: sourceLocation)
        return (draft, contract)
    }

    static func items(_ page: Int, count: Int) -> String {
        "[" + (0..<count).map { "{\"id\":\"item-\(page)-\($0)\",\"n\":\($0)}" }.joined(separator: ",") + "]"
    }

    @Test(arguments: [("page", 2), ("pageNumber", 4), ("p", 7)])
    func pageNumbersWithoutAPageSize(param: String, pages: Int) throws {
        let interactions = (1...pages).map { page in
            Self.exchange(
                "https://api.example/v1/things?\(param)=\(page)",
                "{\"items\":\(Self.items(page, count: page == pages ? 1 : 3)),\"total\":\(3 * (pages - 1) + 1)}")
        }
        let (draft, _) = try Self.draftReadsBack(interactions)
        #expect(draft.guesses.contains { $0.text.contains("x-tapedeck-paging left out") } || draft.yaml.contains("limit-param"), "\(draft.guesses)")
    }

    /// Pairs of JSON values of different types, for one field on consecutive pages.
    static let disagreeing: [(String, String)] = {
        let values = ["1", "\"one\"", "1.5", "true", "null", "{\"a\":1}", "[1,2]", "\"2024-05-01T00:00:00Z\""]
        return values.flatMap { first in values.filter { $0 != first }.map { (first, $0) } }
    }()

    @Test(arguments: disagreeing)
    func aFieldOfOneTypeOnOnePageAndAnotherOnTheNext(first: String, second: String) throws {
        try Self.draftReadsBack([
            Self.exchange("https://api.example/v1/things/1", "{\"value\":\(first),\"list\":[\(first)]}"),
            Self.exchange("https://api.example/v1/things/2", "{\"value\":\(second),\"list\":[\(second)]}"),
        ])
    }

    @Test(arguments: [["1", "abc"], ["true", "x"], ["12", "12.5", "yes"], ["2024-05-01T00:00:00Z", "7"]])
    func aParameterWhoseValuesDisagreeInType(values: [String]) throws {
        let interactions = values.enumerated().map { index, value in
            Self.exchange("https://api.example/v1/search?q=\(value)&n=\(index)", "{\"hits\":[]}")
        }
        let (draft, _) = try Self.draftReadsBack(interactions)
        #expect(draft.yaml.contains("anyOf"), "\(draft.yaml)")
    }

    @Test(arguments: [50, 100, 200, 300, 507])
    func deepNesting(depth: Int) throws {
        let body = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        let arrays = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        try Self.draftReadsBack([
            Self.exchange("https://api.example/v1/deep", body), Self.exchange("https://api.example/v1/arrays", arrays),
        ])
    }

    @Test(arguments: [1_000, 1_025, 2_000, 10_000])
    func longKeys(length: Int) throws {
        let key = String((0..<length).map { _ in "k" })
        let quotedKey = String(repeating: "é\"", count: length / 2)
        let escaped = quotedKey.replacingOccurrences(of: "\"", with: "\\\"")
        let (draft, contract) = try Self.draftReadsBack([
            Self.exchange("https://api.example/v1/keys", "{\"\(key)\":1,\"\(escaped)\":{\"\(key)\":\"v\"}}"),
            Self.exchange("https://api.example/v1/\(String(repeating: "s", count: length))", "{}"),
        ])
        #expect(draft.yaml.contains("? "), "a long key is written explicitly")
        #expect(contract.operations.count == 2)
    }

    @Test(arguments: ["<<", "<<<", "? x", "- y", "&anchor", "*alias", "!tag", "#c", "key: value", "", " ", "null", "~", "true", "0x1F", "\u{7}"])
    func awkwardKeys(key: String) throws {
        let escaped = key.unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
        try Self.draftReadsBack([
            Self.exchange("https://api.example/v1/things", "{\"\(escaped)\":1,\"items\":[{\"\(escaped)\":{\"a\":1}}]}"),
            Self.exchange("https://api.example/v1/things", "{\"\(escaped)\":2,\"items\":[{\"\(escaped)\":{\"a\":2}}]}"),
        ])
    }

    @Test(arguments: [1_000, 10_000])
    func thousandsOfPaths(count: Int) throws {
        let interactions = (0..<count).map { index in
            Self.exchange("https://api.example/files/report-\(index)-final", "{\"name\":\"report-\(index)\",\"size\":\(index)}")
        }
        let (_, contract) = try Self.draftReadsBack(interactions)
        #expect(contract.operations.count < 10)
    }

    @Test func fewNamedPathsStayLiterals() throws {
        let names = ["users", "orders", "invoices", "refunds"]
        let (draft, contract) = try Self.draftReadsBack(names.map { Self.exchange("https://api.example/v1/\($0)", "{\"data\":[]}") })
        #expect(contract.operations.count == names.count)
        for name in names { #expect(draft.yaml.contains("\"/v1/\(name)\":")) }
    }
}
