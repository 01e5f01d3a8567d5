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

    @Test func harFilesAreRecognisedByContent() throws {
        let error = try #require(throws: InputError.self) {
            try RecordingLoader.load(Data(#"{"log":{"version":"1.2","entries":[]}}"#.utf8), file: "walk.har")
        }
        #expect(error.location == .path(JSONPath.root.appending("log")))
        #expect(error.found.contains("HAR"))
    }
}
