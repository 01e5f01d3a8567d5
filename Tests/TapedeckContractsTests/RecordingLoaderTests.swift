import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// Recordings are read by content: cassettes load, anything else is located bad input.
struct RecordingLoaderTests {
    @Test func cassettesLoadAndCheck() throws {
        let cassette = Cassette(interactions: Recordings.ddmWalk)
        let loaded = try RecordingLoader.load(cassette.jsonData(), file: "walk.json")
        #expect(loaded == cassette)
        let report = ContractChecker(contract: try #require(Recordings.catalogue.detect(loaded.interactions)))
            .check(loaded, recording: "walk.json")
        #expect(report.recording == "walk.json")
        #expect(report.isClean)
    }

    @Test func notJSONIsLocated() throws {
        let error = try #require(throws: InputError.self) {
            try RecordingLoader.load(Data("{\n  \"version\": 1,\n  oops\n}".utf8), file: "broken.json")
        }
        guard case .lineAndPath(let line, _, _) = error.location else {
            Issue.record("expected a line, got \(error.location)")
            return
        }
        #expect(line == 3)
    }

    @Test func harFilesAreRecognisedByContentAndImported() throws {
        let har =
            #"{"log":{"version":"1.2","entries":[{"startedDateTime":"2026-11-20T10:00:00Z","time":1,"request":{"method":"GET","url":"https://h/v3/p/jobs","headers":[]},"response":{"status":200,"headers":[],"content":{"mimeType":"application/json","text":"{\"total\":0}"}}}]}}"#
        let cassette = try RecordingLoader.load(Data(har.utf8), file: "walk.har")
        #expect(cassette.interactions.count == 1)
        #expect(cassette.interactions.first?.response.body.json?["total"] == 0)
        let error = try #require(throws: InputError.self) {
            try RecordingLoader.load(Data(#"{"log":{"version":"1.2"}}"#.utf8), file: "walk.har")
        }
        #expect(error.location == .path(JSONPath.root.appending("log").appending("entries")))
    }
}
