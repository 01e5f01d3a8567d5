import Foundation
import TapedeckTestSupport
import Testing

@testable import Tapedeck

/// A recording is on disk, redacted, as each exchange completes: a recorder that
/// dies leaves a journal whose whole records are recovered, a second recorder is
/// refused, an exchange the cassette cannot hold is set aside, and stopping is a
/// rename, not a rewrite.
struct CassetteJournalTests {
    static let since = RelativeTime.Binding(name: "since", time: try! RelativeTime("{now-7d}"), value: "2026-01-01T00:00:00Z")

    static func interaction(_ number: Int, status: Int = 200, body: Data = Data("{\"n\":1}".utf8), headers: HeaderFields = [:]) -> Interaction {
        Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/items/\(number)?since=2026-01-01T00:00:00Z", headers: headers),
            response: RecordedResponse(status: status, headers: ["Content-Type": "application/octet-stream"], body: RecordedBody(content: .binary(body))),
            recordedAt: Date(timeIntervalSince1970: 1_763_800_000 + Double(number)), duration: 0.01)
    }

    /// Records `interactions` through the recorder's tokens, as a capture adapter does.
    static func record(_ interactions: [Interaction], into recorder: Recorder) {
        for interaction in interactions {
            recorder.start(interaction.request).finish(
                status: interaction.response.status, headers: interaction.response.headers, body: interaction.response.body.data)
        }
    }

    /// Waits (at most 30 s) until the journal of `cassette` holds `count` records.
    static func waitForRecords(_ count: Int, of cassette: URL) -> Bool {
        let index = CassetteJournal.paths(for: cassette).index
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let lines = (try? String(contentsOf: index, encoding: .utf8))?.split(separator: "\n") ?? []
            if lines.count - 1 >= count { return true }
            usleep(10_000)
        }
        return false
    }

    @Test func aRecordingKeepsItsOrderAndNotesRelativeTimes() throws {
        let file = try scratchFolder("tapedeck-journal").appendingPathComponent("ordered.json")
        let recorder = try Recorder(CassetteConfiguration(file: file, mode: .all, relativeTimes: [Self.since]), keeping: [], claim: false)
        let count = 9
        let bodies = (0..<count).map { Data(repeating: UInt8(ascii: "a") + UInt8($0), count: 16 << 10) }
        Self.record((0..<count).map { Self.interaction($0, body: bodies[$0]) }, into: recorder)
        #expect(recorder.recorded == count)
        let written = try recorder.finish(save: true, waitingAtMost: 30)
        #expect(written.recorded == count && written.saved && written.notes.isEmpty)
        let interactions = try CassetteStore.load(file).interactions
        #expect(interactions.map(\.response.body.data) == bodies)
        #expect(interactions.allSatisfy { $0.request.relativeTimes["since"].map(String.init(describing:)) == "{now-7d}" })
        let paths = CassetteJournal.paths(for: file)
        #expect(!FileManager.default.fileExists(atPath: paths.data.path) && !FileManager.default.fileExists(atPath: paths.index.path))
    }

    @Test func eachExchangeIsOnDiskRedactedBeforeTheRecordingStops() throws {
        let file = try scratchFolder("tapedeck-journal").appendingPathComponent("live.json")
        let recorder = try Recorder(CassetteConfiguration(file: file, mode: .all), keeping: [], claim: true)
        let token = "tok-live-0123456789abcdefghij"
        Self.record((0..<3).map { Self.interaction($0, headers: ["X-Auth-Token": token]) }, into: recorder)
        #expect(Self.waitForRecords(3, of: file))
        let journal = try Data(contentsOf: CassetteJournal.paths(for: file).data)
        #expect(journal.range(of: Data(token.utf8)) == nil)
        #expect(String(decoding: journal, as: UTF8.self).contains("REDACTED-x-auth-token-1"))
        #expect(try recorder.finish(save: true, waitingAtMost: 10).saved)
    }

    @Test func stoppingRenamesTheJournalAndKeepsTheCassettesMode() throws {
        let file = try scratchFolder("tapedeck-journal").appendingPathComponent("renamed.json")
        try CassetteStore.write(Cassette(interactions: [Self.interaction(0)]), to: file)
        chmod(file.path, 0o600)
        let recorder = try Recorder(CassetteConfiguration(file: file, mode: .all), keeping: [], claim: true)
        Self.record([Self.interaction(1)], into: recorder)
        #expect(Self.waitForRecords(1, of: file))
        var journal = stat()
        #expect(stat(CassetteJournal.paths(for: file).data.path, &journal) == 0)
        #expect(try recorder.finish(save: true, waitingAtMost: 10).saved)
        var cassette = stat()
        #expect(stat(file.path, &cassette) == 0)
        #expect(cassette.st_ino == journal.st_ino, "the journal itself became the cassette")
        #expect(cassette.st_mode & 0o777 == 0o600)
        #expect(try CassetteStore.load(file).interactions.map(\.request.url) == [Self.interaction(1).request.url])
    }

    /// A journal whose recorder died mid-write: every whole record comes back, in
    /// order, after what the cassette kept; a torn or corrupted one, and all after it, are cut.
    @Test(arguments: [(damage: "torn", recovered: 2, cut: 1), (damage: "flipped", recovered: 1, cut: 2), (damage: "none", recovered: 3, cut: 0)])
    func aDeadRecordersWholeRecordsAreRecovered(damage: String, recovered: Int, cut: Int) throws {
        let file = try scratchFolder("tapedeck-journal").appendingPathComponent("died.json")
        let kept = Self.interaction(0)
        try CassetteStore.write(Cassette(interactions: [kept]), to: file)
        do {
            // Let go without finishing, as a killed recorder would: the files stay, the lock goes.
            let journal = try CassetteJournal(recording: file, keeping: [kept])
            for number in 1...3 { #expect(journal.append(Self.interaction(number))) }
            let data = CassetteJournal.paths(for: file).data
            let offsets = journal.offsets
            let handle = try FileHandle(forUpdating: data)
            switch damage {
            case "torn": try handle.truncate(atOffset: UInt64(offsets[3] + 40))
            case "flipped":
                try handle.seek(toOffset: UInt64(offsets[2] + 30))
                let byte = try #require(try handle.read(upToCount: 1)).first ?? 0
                try handle.seek(toOffset: UInt64(offsets[2] + 30))
                try handle.write(contentsOf: [byte ^ 0x20])
            default: break
            }
            try handle.close()
        }
        let recovery = try #require(try CassetteJournal.recover(file))
        #expect(recovery == CassetteJournal.Recovery(recovered: recovered, cut: cut))
        let urls = try CassetteStore.load(file).interactions.map(\.request.url)
        #expect(urls == (0...recovered).map { Self.interaction($0).request.url })
        #expect(try CassetteJournal.recover(file) == nil, "nothing is left to recover")
    }

    @Test func aSecondRecorderIsRefusedWhileTheFirstHoldsTheCassette() throws {
        let file = try scratchFolder("tapedeck-journal").appendingPathComponent("held.json")
        let first = try CassetteJournal(recording: file, keeping: [])
        let error = #expect(throws: InputError.self) { try CassetteJournal(recording: file, keeping: []) }
        #expect(error?.description.contains("another recorder is recording into it (process \(getpid()))") == true)
        #expect(throws: InputError.self) { try CassetteJournal.recover(file) }
        first.discard()
        try CassetteJournal(recording: file, keeping: []).discard()
    }

    @Test func anExchangeTheCassetteCannotHoldIsSetAsideAndTheOthersSaved() throws {
        let file = try scratchFolder("tapedeck-journal").appendingPathComponent("aside.json")
        let recorder = try Recorder(CassetteConfiguration(file: file, mode: .all), keeping: [], claim: true)
        Self.record([Self.interaction(0), Self.interaction(1, status: 0), Self.interaction(2, status: 42)], into: recorder)
        let written = try recorder.finish(save: true, waitingAtMost: 10)
        #expect(written.saved && written.recorded == 3)
        #expect(try CassetteStore.load(file).interactions.count == 1)
        #expect(written.notes.count == 1)
        #expect(written.notes.first?.contains("2 exchanges the cassette cannot hold were set aside") == true)
        let aside = try String(contentsOf: URL(fileURLWithPath: file.path + ".rejected"), encoding: .utf8).split(separator: "\n")
        #expect(aside.count == 2)
        #expect(aside.allSatisfy { $0.contains("an HTTP status code (100-999)") })
    }

    @Test func aRecordingThatIsNotSavedLeavesTheCassetteAsItWas() throws {
        let file = try scratchFolder("tapedeck-journal").appendingPathComponent("unsaved.json")
        try CassetteStore.write(Cassette(interactions: [Self.interaction(0)]), to: file)
        let before = try Data(contentsOf: file)
        let recorder = try Recorder(CassetteConfiguration(file: file, mode: .all), keeping: [], claim: true)
        Self.record([Self.interaction(1)], into: recorder)
        let written = try recorder.finish(save: false, waitingAtMost: 10)
        #expect(!written.saved)
        #expect(try Data(contentsOf: file) == before)
        #expect(!FileManager.default.fileExists(atPath: CassetteJournal.paths(for: file).data.path))
    }

    @Test func anAbandonedTokenDoesNotHoldTheRecorderUp() throws {
        let file = try scratchFolder("tapedeck-journal").appendingPathComponent("dropped.json")
        let recorder = try Recorder(CassetteConfiguration(file: file, mode: .all), keeping: [], claim: false)
        _ = recorder.start(RecordedRequest(method: "GET", url: "http://127.0.0.1:1/dropped"))
        let started = ContinuousClock.now
        let written = try recorder.finish(save: true, waitingAtMost: 60)
        #expect(ContinuousClock.now - started < .seconds(30), "a dropped token counts as abandoned")
        #expect(written.recorded == 0 && !written.saved)
    }

    @Test(arguments: [0, 1, 2])
    func writingOneInteractionAtATimeGivesTheSameBytes(count: Int) throws {
        let file = try scratchFolder("tapedeck-journal").appendingPathComponent("streamed.json")
        let interactions = Array(CassetteFormatTests.sample.interactions.prefix(count))
        try CassetteStore.write(to: file) { emit in
            for interaction in interactions { try emit(interaction) }
        }
        #expect(try Data(contentsOf: file) == Cassette(interactions: interactions).jsonData())
        let journal = try CassetteJournal(recording: file, keeping: interactions)
        try journal.finish()
        #expect(try Data(contentsOf: file) == Cassette(interactions: interactions).jsonData(), "a journal closes into the same bytes")
    }
}
