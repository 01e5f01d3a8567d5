import Foundation
import TapedeckTestSupport
import Testing

@testable import Tapedeck

/// Malformed and hostile input to the cassette reader, the HAR importer and
/// exporter, the store and the scanner: a located, bounded `InputError`, never
/// a crash, and never a file that Tapedeck cannot read back.
struct HostileInputTests {
    /// One interaction in the cassette layout, with its time and duration as written.
    static func cassette(recordedAt: String = "\"2026-11-22T10:54:00.123Z\"", durationMs: String = "1.5", status: String = "200") -> Data {
        Data(
            #"""
            {"version": 1, "interactions": [{"recordedAt": \#(recordedAt), "durationMs": \#(durationMs),
              "request": {"method": "GET", "url": "http://127.0.0.1/x", "headers": []},
              "response": {"status": \#(status), "headers": []}}]}
            """#.utf8)
    }

    @Test(arguments: [
        ("\"99999-01-01T00:00:00.000Z\"", "1", "$.interactions[0].recordedAt"),
        ("\"1969-12-31T23:59:59.000Z\"", "1", "$.interactions[0].recordedAt"),
        ("\"2026-11-22T10:54:00.123Z\"", "1e13", "$.interactions[0].durationMs"),
        ("\"2026-11-22T10:54:00.123Z\"", "1e400", "$.interactions[0].durationMs"),
        ("\"2026-11-22T10:54:00.123Z\"", "-1", "$.interactions[0].durationMs"),
    ])
    func outOfRangeTimesAreRejectedByTheReader(recordedAt: String, durationMs: String, path: String) {
        #expect {
            try Cassette(jsonData: Self.cassette(recordedAt: recordedAt, durationMs: durationMs), file: "c.json")
        } throws: { error in
            "\(error)".hasPrefix("c.json: \(path): error: expected ")
        }
    }

    static func har(status: String = "200", time: String = "12.5", started: String = "2026-11-20T10:00:00.000Z") -> Data {
        Data(
            #"""
            {"log": {"entries": [{"startedDateTime": "\#(started)", "time": \#(time),
              "request": {"method": "GET", "url": "https://ddm.example.com/v3/p/jobs", "headers": []},
              "response": {"status": \#(status), "headers": [], "content": {"size": 0, "mimeType": "application/json"}}}]}}
            """#.utf8)
    }

    /// A value no cassette can hold is never a refusal of the file: the entry is left out (a status),
    /// or read with a neutral value and a warning (a time), each warning naming the entry.
    @Test(arguments: [
        (har(status: "0"), 0, "left out: its response status is 0"),
        (har(status: "-1"), 0, "left out: its response status is -1"),
        (har(status: "99999"), 0, "left out: its response status is 99999"),
        (har(status: "9223372036854775807"), 0, "left out: its response status is 9223372036854775807"),
        (har(time: "-2"), 1, "its time -2 is no duration"),
        (har(time: "1e400"), 1, "its time 1e400 is no duration"),
        (har(started: "99999-01-01T00:00:00Z"), 1, "its startedDateTime is not an ISO 8601 time"),
    ])
    func harValuesACassetteCannotHoldAreLeftOutOrRepairedOnImport(har: Data, kept: Int, warning: String) throws {
        let imported = try HARImporter().importing(har, file: "bug.har")
        #expect(imported.cassette.interactions.count == kept)
        #expect(
            imported.warnings.first?.hasPrefix("bug.har: $.log.entries[0] (GET https://ddm.example.com/v3/p/jobs): \(warning)") == true, "\(imported.warnings)")
    }

    static func interaction(duration: TimeInterval = 0.002, status: Int = 200, recordedAt: Date = Date(timeIntervalSince1970: 1_790_000_000)) -> Interaction {
        Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1/x"), response: RecordedResponse(status: status),
            recordedAt: recordedAt, duration: duration)
    }

    @Test(arguments: [Double.infinity, -Double.infinity, .nan, -1, 1e13])
    func exportNeverWritesWhatIsNotJSON(duration: Double) throws {
        let har = HARExporter.har(from: Cassette(interactions: [Self.interaction(duration: duration)]))
        let back = try HARImporter().cassette(fromHAR: har, file: "export.har")
        #expect(back.interactions[0].duration == 0)
    }

    @Test(arguments: [
        (interaction(duration: .infinity), "$.interactions[1].durationMs"),
        (interaction(status: 0), "$.interactions[1].response.status"),
        (interaction(recordedAt: Date(timeIntervalSince1970: 3e12)), "$.interactions[1].recordedAt"),
    ])
    func theStoreWritesNothingItsReaderWouldReject(bad: Interaction, path: String) throws {
        let folder = try scratchFolder("hostile-store")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("c.json")
        let error = try #require(throws: InputError.self) {
            try CassetteStore.write(Cassette(interactions: [Self.interaction(), bad]), to: url)
        }
        #expect("\(error)".hasPrefix("\(url.path): \(path): error: expected "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let streamed = try #require(throws: InputError.self) {
            try CassetteStore.write(to: url) { emit in
                try emit(Self.interaction())
                try emit(bad)
            }
        }
        #expect(streamed == error)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func errorsNameAMegabyteOfInputByItsStart() {
        let huge = String(repeating: "9", count: 1 << 20)
        #expect {
            try Cassette(jsonData: Self.cassette(durationMs: "-" + huge), file: "c.json")
        } throws: { error in
            let text = "\(error)"
            return text.count < 600 && text.contains("more characters")
        }
        #expect(InputError(file: "f", expected: "x", found: huge).description.count < 400)
    }

    @Test(arguments: [
        ([0x61, 0x0A, 0x62, 0x63, 0xFF, 0x0A] as [UInt8], 2, 3),
        ([0xC3, 0xA9, 0xC3] as [UInt8], 1, 2),
        ([0x0A, 0x0A, 0xED, 0xA0, 0x80] as [UInt8], 3, 1),
    ])
    func invalidUTF8IsLocated(bytes: [UInt8], line: Int, column: Int) {
        #expect {
            try InputError.text(Data(bytes), file: "s.yaml", expecting: "UTF-8")
        } throws: { error in
            (error as? InputError)?.location == .line(line, column: column)
        }
    }

    @Test(arguments: ["null", "[]", "42", "\"text\""])
    func scanningADocumentThatIsNoRecordingIsAnError(text: String) throws {
        let folder = try scratchFolder("hostile-scan")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("odd.json")
        try Data(text.utf8).write(to: file)
        #expect(throws: InputError.self) { try SecretScanner().scan(file: file.path) }
    }

    @Test func aPathUnderAFileCannotBeWritten() throws {
        let folder = try scratchFolder("hostile-writable")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain")
        try Data().write(to: file)
        #expect(throws: InputError.self) { try AtomicFile.checkWritable(file.appendingPathComponent("deeper/c.json")) }
        #expect(throws: InputError.self) { try AtomicFile.checkWritable(folder) }
        try AtomicFile.checkWritable(folder.appendingPathComponent("new/folders/c.json"))
    }

    @Test func staleTemporaryFilesAreRemovedAndNamed() throws {
        let folder = try scratchFolder("hostile-stale")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("c.json")
        let stale = folder.appendingPathComponent(".c.json.0B0E5C4E-0000-4000-8000-000000000000.tmp")
        let other = folder.appendingPathComponent(".d.json.0B0E5C4E-0000-4000-8000-000000000000.tmp")
        try Data("{\"version\": 1, \"interac".utf8).write(to: stale)
        try Data().write(to: other)
        #expect(AtomicFile.removeStale(beside: cassette) == [stale.path])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == [other.lastPathComponent])
    }
}
