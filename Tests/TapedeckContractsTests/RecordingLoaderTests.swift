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

    /// A recording is parsed once and decoded from that tree: the decoder's errors keep their JSON path.
    @Test func aCassetteDecodedFromTheOneParseLocatesItsErrors() throws {
        let error = try #require(throws: InputError.self) {
            try RecordingLoader.load(Data(#"{"version":1,"interactions":[{"recordedAt":5}]}"#.utf8), file: "walk.json")
        }
        #expect(error.location == .path(JSONPath.root.appending("interactions").appending(index: 0).appending("recordedAt")))
    }

    /// Windows tools write a byte-order mark before a HAR; the one parse reads past it for either format.
    @Test(arguments: ["walk.har", "walk.json"])
    func aRecordingAfterAByteOrderMarkLoads(file: String) throws {
        let har =
            #"{"log":{"version":"1.2","entries":[{"startedDateTime":"2026-11-20T10:00:00Z","time":1,"request":{"method":"GET","url":"https://h/v3/p/jobs","headers":[]},"response":{"status":200,"headers":[],"content":{"mimeType":"application/json","text":"{\"total\":3}"}}}]}}"#
        let cassette = Cassette(interactions: Recordings.ddmWalk)
        let bytes = file.hasSuffix(".har") ? Data(har.utf8) : cassette.jsonData()
        let loaded = try RecordingLoader.load(Data([0xEF, 0xBB, 0xBF]) + bytes, file: file)
        if file.hasSuffix(".har") {
            #expect(loaded.interactions.first?.response.body.json?["total"] == 3)
        } else {
            #expect(loaded == cassette)
        }
    }
}
