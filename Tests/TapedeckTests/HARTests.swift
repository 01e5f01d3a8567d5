import Foundation
import Testing

@testable import Tapedeck

struct HARTests {
    static let har = #"""
        {"log": {"version": "1.2", "creator": {"name": "mitmproxy", "version": "11"}, "entries": [
          {"startedDateTime": "2026-11-20T10:00:00.000Z", "time": 12.5,
           "request": {"method": "GET", "url": "https://ddm.example.com/v3/p/jobs?start_time=1&end_time=2",
             "httpVersion": "HTTP/1.1", "headers": [{"name": "X-Auth-Token", "value": "MIIbugReportToken"}], "queryString": []},
           "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
             "headers": [{"name": "Content-Type", "value": "application/json"}],
             "content": {"size": 45, "mimeType": "application/json", "text": "{\"jobs\":[],\"offset\":0,\"limit\":10,\"total\":0}"}}},
          {"startedDateTime": "2026-11-20T10:00:01.000Z", "time": 3,
           "request": {"method": "GET", "url": "https://example.com/logo.png", "httpVersion": "HTTP/1.1", "headers": []},
           "response": {"status": 200, "headers": [], "content": {"size": 4, "mimeType": "image/png", "text": "AAEC/w==", "encoding": "base64"}}}
        ]}}
        """#

    @Test func importRedactsAndKeepsBodiesExact() throws {
        let cassette = try HARImporter().cassette(fromHAR: Data(Self.har.utf8), file: "bug.har")
        #expect(cassette.interactions.count == 2)
        #expect(cassette.interactions[0].request.headers["X-Auth-Token"]?.hasPrefix("REDACTED-") == true)
        #expect(!String(decoding: cassette.jsonData(), as: UTF8.self).contains("MIIbugReportToken"))
        #expect(cassette.interactions[0].response.body.json?["limit"] == 10)
        #expect(cassette.interactions[1].response.body.data == Data([0, 1, 2, 255]))
        #expect(cassette.interactions[0].duration == 0.0125)
    }

    @Test func exportThenImportGivesTheSameInteractions() throws {
        let cassette = try HARImporter().cassette(fromHAR: Data(Self.har.utf8), file: "bug.har")
        let again = try HARImporter().cassette(fromHAR: HARExporter.har(from: cassette), file: "export.har")
        #expect(again == cassette)
    }

    @Test(arguments: [
        (#"{"log": {}}"#, "$.log.entries: error: expected a HAR file with log.entries"),
        (#"{"log": {"entries": {}}}"#, "$.log.entries: error: expected a HAR file with log.entries, found an object"),
        ("{\"log\": ", "bug.har:1:9"),
    ])
    func notHARIsALocatedError(text: String, message: String) {
        #expect {
            try HARImporter().cassette(fromHAR: Data(text.utf8), file: "bug.har")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    /// An entry that is not a whole exchange is left out with a warning naming it, never a refusal of the file.
    @Test(arguments: [
        (#"{"request": {"method": "GET", "url": "https://a.example/x"}, "response": {"status": "abc"}}"#, "status is \"abc\""),
        (#"{"request": {"method": "GET", "url": "https://a.example/x"}, "response": {"status": 0, "_error": "net::ERR_FAILED"}}"#, "net::ERR_FAILED"),
        (#"{"request": {"method": "GET", "url": "https://a.example/x"}}"#, "no response"),
        (#"{"request": {"method": "GET"}, "response": {"status": 200}}"#, "no URL"),
        (#"{"request": {"method": "GET", "url": "data:text/plain,hi"}, "response": {"status": 200}}"#, "not an HTTP exchange"),
        (#"{"request": {"method": "GET", "url": "https://a.example/ws"}, "response": {"status": 101}}"#, "interim answer"),
        (#""just text""#, "not an object"),
    ])
    func anEntryThatIsNotAnExchangeIsLeftOutAndNamed(entry: String, reason: String) throws {
        let whole = #"{"startedDateTime": "2026-11-20T10:00:00Z", "request": {"method": "GET", "url": "https://a.example/ok"}, "response": {"status": 200}}"#
        let har = #"{"log": {"entries": ["# + entry + ", " + whole + "]}}"
        let imported = try HARImporter().importing(Data(har.utf8), file: "bug.har")
        #expect(imported.cassette.interactions.map(\.request.url) == ["https://a.example/ok"])
        #expect(imported.skipped == 1)
        #expect(imported.warnings.first?.hasPrefix("bug.har: $.log.entries[0]") == true)
        #expect(imported.warnings.first?.contains(reason) == true, "\(imported.warnings)")
    }
}
