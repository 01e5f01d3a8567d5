import Foundation
import TapedeckTestSupport
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// HAR files in the shapes the tools that write them give (browsers, proxies,
/// API clients, test recorders), each with its quirks: every one imports, leaves
/// out only what is not an exchange, and exports back to itself.
struct HARCorpusTests {
    /// A fixture and what its import must give: whole exchanges and entries left out.
    struct Member: Sendable, CustomStringConvertible {
        var file: String
        var whole: Int
        var skipped: Int
        var description: String { file }
    }

    static let corpus: [Member] = [
        Member(file: "chrome-devtools.har", whole: 7, skipped: 2),
        Member(file: "firefox.har", whole: 3, skipped: 1),
        Member(file: "safari.har", whole: 3, skipped: 0),
        Member(file: "webpagetest.har", whole: 3, skipped: 1),
        Member(file: "charles.har", whole: 2, skipped: 0),
        Member(file: "mitmproxy.har", whole: 3, skipped: 1),
        Member(file: "insomnia.har", whole: 3, skipped: 1),
        Member(file: "insomnia-requests-only.har", whole: 0, skipped: 2),
        Member(file: "fiddler.har", whole: 2, skipped: 1),
        Member(file: "polly.har", whole: 3, skipped: 0),
        Member(file: "playwright.har", whole: 3, skipped: 1),
        Member(file: "replay.har", whole: 2, skipped: 0),
    ]

    /// Secrets planted in the fixtures, which the standard redaction must take out everywhere.
    static let planted = ["firefox-session-cookie-value", "charles-captured-token-4f9a", "mitm-cookie-5d1e", "insomnia-key-0c7b2a", "pw-cart-7f3a"]

    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("HAR")

    static func data(_ file: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(file)) }

    /// A redactor with no names of its own (cookies and `Authorization` are still redacted).
    static let keepsAll = Redactor(headers: [], queryParameters: [], jsonKeys: [])

    /// Whether `exported` is `original` apart from redacted values: the same members in any order,
    /// numbers by value, and every string the same unless the export holds a placeholder there.
    static func same(_ exported: JSONValue, _ original: JSONValue) -> Bool {
        switch (exported, original) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { member in b[member.key].map { same(member.value, $0) } ?? false }
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (.string(let a), .string(let b)):
            return a == b || a.contains("REDACTED-")
        default:
            return exported.isEquivalent(to: original)
        }
    }

    static func document(_ file: String) throws -> JSONValue {
        var bytes = try data(file)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return try JSONParser.parse(Data(bytes))
    }

    /// The entries a HAR's import keeps (a final answer to an HTTP request), as the import reads their
    /// headers: a header whose value is an array is one header per element, a number its text, and
    /// a header keeps its name and value only (Polly.JS's `_fromType` goes).
    static func expectedEntries(_ root: JSONValue) -> [JSONValue] {
        (root["log"]?["entries"]?.arrayValue ?? []).filter { entry in
            guard let status = entry["response"]?["status"]?.int64Value, (200...999).contains(status),
                let url = entry["request"]?["url"]?.stringValue, url.hasPrefix("http"), entry["request"]?["method"] != "CONNECT"
            else { return false }
            return true
        }.map { entry in
            guard var object = entry.objectValue else { return entry }
            for part in ["request", "response"] {
                guard var message = object[part]?.objectValue, let headers = message["headers"]?.arrayValue else { continue }
                message["headers"] = .array(
                    headers.flatMap { header -> [JSONValue] in
                        guard let object = header.objectValue else { return [header] }
                        var field = JSONObject(object.filter { $0.key == "name" || $0.key == "value" }.map { JSONObject.Member(key: $0.key, value: $0.value) })
                        let values: [JSONValue] = field["value"]?.arrayValue ?? [field["value"] ?? ""]
                        return values.map { value in
                            field["value"] = .string(value.stringValue ?? value.numberLexeme ?? "")
                            return .object(field)
                        }
                    })
                object[part] = .object(message)
            }
            return .object(object)
        }
    }

    @Test(arguments: corpus)
    func importKeepsEveryWholeExchangeAndNamesWhatItLeavesOut(member: Member) throws {
        let imported = try HARImporter().importing(try Self.data(member.file), file: member.file)
        #expect(imported.cassette.interactions.count == member.whole)
        #expect(imported.skipped == member.skipped)
        let named = imported.warnings.filter { $0.contains("left out:") }
        #expect(named.count == member.skipped)
        #expect(named.allSatisfy { $0.hasPrefix("\(member.file): $.log.entries[") })
        if member.skipped > 0 { #expect(imported.warnings.last?.contains("\(member.skipped)") == true) }
    }

    /// Import, write the cassette, read it back, export: the HAR that comes out is the one that went in
    /// (its whole exchanges), every member kept: statusText, httpVersion, timings, cookies, pages, `_fields`.
    @Test(arguments: corpus)
    func exportOfAnImportedHARGivesItBack(member: Member) throws {
        let original = try Self.document(member.file)
        let imported = try HARImporter(redactor: Self.keepsAll).importing(try Self.data(member.file), file: member.file)
        let scratch = try scratchFolder("tapedeck-har-round-trip")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("imported.json")
        try CassetteStore.write(imported.cassette, to: file)
        let reread = try CassetteStore.load(file)
        #expect(reread.jsonData() == imported.cassette.jsonData())
        let exported = try JSONParser.parse(HARExporter.har(from: reread))

        var log = try #require(original["log"]?.objectValue)
        log["entries"] = nil
        var exportedLog = try #require(exported["log"]?.objectValue)
        let entries = exportedLog["entries"]?.arrayValue ?? []
        exportedLog["entries"] = nil
        #expect(Self.same(.object(exportedLog), .object(log)))
        let expected = Self.expectedEntries(original)
        try #require(entries.count == expected.count)
        for (index, (entry, want)) in zip(entries, expected).enumerated() {
            #expect(Self.same(entry, want), "entry \(index) of \(member.file):\n\(entry.compactText)\n\(want.compactText)")
        }
    }

    @Test(arguments: corpus)
    func standardRedactionLeavesNoPlantedSecretInTheCassetteOrItsExport(member: Member) throws {
        let cassette = try HARImporter().cassette(fromHAR: try Self.data(member.file), file: member.file)
        let texts = [String(decoding: cassette.jsonData(), as: UTF8.self), String(decoding: HARExporter.har(from: cassette), as: UTF8.self)]
        for secret in Self.planted {
            #expect(texts.allSatisfy { !$0.contains(secret) }, "\(secret) in \(member.file)")
        }
    }

    @Test func cookiesArraysFollowTheRedactedHeaders() throws {
        let cassette = try HARImporter().cassette(fromHAR: try Self.data("playwright.har"), file: "playwright.har")
        let exported = try JSONParser.parse(HARExporter.har(from: cassette))
        let request = try #require(exported["log"]?["entries"]?[0]?["request"])
        let header = try #require(request["headers"]?.arrayValue?.first { $0["name"] == "Cookie" }?["value"]?.stringValue)
        #expect(header.hasPrefix("cart=REDACTED"))
        #expect(request["cookies"]?[0]?["value"]?.stringValue == String(header.dropFirst("cart=".count)))
    }

    @Test func http2PseudoHeadersAreKeptApartAndExportedFirst() throws {
        let cassette = try HARImporter(redactor: Self.keepsAll).cassette(fromHAR: try Self.data("chrome-devtools.har"), file: "chrome.har")
        let request = cassette.interactions[0].request
        #expect(!request.headers.contains { $0.name.hasPrefix(":") })
        #expect(request.har["headers"]?.arrayValue?.map { $0["name"]?.stringValue ?? "" } == [":authority", ":method", ":path", ":scheme"])
        let exported = try JSONParser.parse(HARExporter.har(from: cassette))
        #expect(exported["log"]?["entries"]?[0]?["request"]?["headers"]?[0]?["name"] == ":authority")
    }

    @Test func arrayValuedHeadersBecomeRepeatedHeaders() throws {
        let cassette = try HARImporter(redactor: Self.keepsAll).cassette(fromHAR: try Self.data("polly.har"), file: "polly.har")
        #expect(cassette.interactions[0].request.headers.values(for: "x-request-id") == ["r-1", "r-2"])
        #expect(cassette.interactions[0].response.headers.values(for: "set-cookie").count == 2)
        #expect(cassette.interactions[0].response.headers["x-ratelimit-remaining"] == "42")
    }

    @Test func aRequestOnlyHARIsAnEmptyCassetteThatSaysSo() throws {
        let imported = try HARImporter().importing(try Self.data("insomnia-requests-only.har"), file: "requests.har")
        #expect(imported.cassette.interactions.isEmpty)
        #expect(imported.warnings.last?.contains("requests only") == true)
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let data = try Self.data("fiddler.har")
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let cassette = try HARImporter().cassette(fromHAR: data, file: "fiddler.har")
        #expect(cassette.interactions.first?.response.body.json?["status"] == "up")
    }

    /// Times as the tools write them, each to the millisecond it names.
    @Test(arguments: [
        ("2026-11-20T10:00:00.123Z", 1_795_168_800_123.0),
        ("2026-11-20T10:00:00Z", 1_795_168_800_000.0),
        ("2026-11-20T11:00:00.123+01:00", 1_795_168_800_123.0),
        ("2026-11-20T02:00:00.1234567-08:00", 1_795_168_800_123.4567),
        ("2026-11-20T10:00:00.123456+00:00", 1_795_168_800_123.456),
        ("2026-11-20T21:00:00.125+1100", 1_795_168_800_125.0),
        ("2026-11-20T10:00:00", 1_795_168_800_000.0),
    ])
    func harTimesRead(text: String, milliseconds: Double) throws {
        let date = try #require(HARDate.date(from: text))
        #expect(abs(date.timeIntervalSince1970 * 1000 - milliseconds) < 0.01)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01T00:00:00Z", "2026-11-20T10:00:00.Z", "2026-11-20T10:00:00+1"])
    func notATimeIsNoTime(text: String) {
        #expect(HARDate.date(from: text) == nil)
    }
}

/// Cassettes keep HAR details in format version 2; one without them is written as version 1, as before.
struct CassetteHARDetailsTests {
    static let plain = Interaction(
        request: RecordedRequest(method: "GET", url: "http://127.0.0.1/a"), response: RecordedResponse(status: 200),
        recordedAt: Date(timeIntervalSince1970: 1_795_168_800), duration: 0.01)

    @Test func aCassetteWithoutHARDetailsIsVersion1AndOneWithThemVersion2() throws {
        #expect(Cassette(interactions: [Self.plain]).jsonValue["version"] == 1)
        var detailed = Self.plain
        detailed.response.har["statusText"] = "OK"
        let cassette = Cassette(interactions: [Self.plain, detailed])
        #expect(cassette.jsonValue["version"] == 2)
        #expect(try Cassette(jsonData: cassette.jsonData(), file: "c.json") == cassette)
    }

    @Test func streamingWriteGivesTheSameBytesAsAWholeWrite() throws {
        var detailed = Self.plain
        detailed.har["pageref"] = "page_1"
        detailed.request.har["httpVersion"] = "HTTP/2"
        let scratch = try scratchFolder("tapedeck-har-stream")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for interactions in [[Self.plain], [Self.plain, detailed]] {
            let whole = scratch.appendingPathComponent("whole.json")
            let streamed = scratch.appendingPathComponent("streamed.json")
            try CassetteStore.write(Cassette(interactions: interactions), to: whole)
            try CassetteStore.write(to: streamed) { emit in try interactions.forEach(emit) }
            #expect(try Data(contentsOf: whole) == Data(contentsOf: streamed))
        }
    }

    @Test func aVersionThisBuildDoesNotKnowIsRefused() {
        #expect {
            try Cassette(jsonData: Data(#"{"version": 3, "interactions": []}"#.utf8), file: "c.json")
        } throws: { error in
            "\(error)".contains("$.version: error: expected format version 1 or 2, found the number 3")
        }
    }

    @Test func aHARIsACassetteWhereverOneIsRead() throws {
        let scratch = try scratchFolder("tapedeck-har-load")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let har = scratch.appendingPathComponent("fixture.har")
        try HARCorpusTests.data("replay.har").write(to: har)
        let cassette = try CassetteStore.load(har)
        #expect(cassette.interactions.map(\.response.status) == [200, 304])
        // Written to a .har, a cassette is HAR again, and reads back the same.
        let copy = scratch.appendingPathComponent("copy.har")
        try CassetteStore.write(cassette, to: copy)
        #expect(try JSONParser.parse(Data(contentsOf: copy))["log"]?["creator"]?["name"] == "Replay")
        #expect(try CassetteStore.load(copy) == cassette)
    }
}

/// A HAR replays in-process, through `CassetteConfiguration(file: …har)`, as a cassette does.
struct HARSessionTests {
    @Test func aHARFixtureReplaysThroughURLSession() async throws {
        let scratch = try scratchFolder("tapedeck-har-session")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let har = scratch.appendingPathComponent("polly.har")
        try HARCorpusTests.data("polly.har").write(to: har)
        let player = try CassetteSession(CassetteConfiguration(file: har, mode: .never))
        let session = player.urlSession()
        let url = try #require(URL(string: "https://api.example.com/users?page=1"))
        let (first, response) = try await session.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: first, as: UTF8.self) == #"[{"id":1,"name":"Grace"},{"id":2}]"#)
        let (second, _) = try await session.data(from: url)
        #expect(second == Data("[]".utf8))
        let summary = try player.finish()
        #expect(summary.replayed == 2)
    }
}

/// Recorded headers HTTP/1.1 cannot carry as they are, made sendable.
struct SendableHeadersTests {
    @Test func joinedSetCookieLinesAreSplitWithoutAWarning() {
        let sendable = SendableHeaders(["Set-Cookie": "a=1; Path=/\nb=2; Path=/"])
        #expect(sendable.fields.values(for: "Set-Cookie") == ["a=1; Path=/", "b=2; Path=/"])
        #expect(sendable.repairs.isEmpty)
    }

    @Test(arguments: [
        (HeaderFields([.init(name: "X Powered By", value: "x")]), HeaderFields(), "dropped"),
        (HeaderFields([.init(name: ":status", value: "200")]), HeaderFields(), "dropped"),
        (HeaderFields([.init(name: " X-Pad ", value: "1")]), HeaderFields([.init(name: "X-Pad", value: "1")]), "spaces"),
        (
            HeaderFields([.init(name: "Link", value: "<a>\n<b>")]), HeaderFields([.init(name: "Link", value: "<a>"), .init(name: "Link", value: "<b>")]),
            "line breaks"
        ),
        (HeaderFields([.init(name: "X-Bell", value: "a\u{7}b")]), HeaderFields([.init(name: "X-Bell", value: "ab")]), "control"),
    ])
    func unsendableHeadersAreRepairedOrDroppedAndSaySo(recorded: HeaderFields, sent: HeaderFields, repair: String) {
        let sendable = SendableHeaders(recorded)
        #expect(sendable.fields == sent)
        #expect(sendable.repairs.count == 1)
        #expect(sendable.repairs.first?.contains(repair) == true)
    }
}
