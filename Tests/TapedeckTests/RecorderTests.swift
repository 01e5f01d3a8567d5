import Foundation
import Testing

@testable import Tapedeck

/// A spooled recording goes to its spool a batch at a time: what was kept comes
/// back in the order it was kept, across batches and the remainder written at
/// `finish`, with the relative times each request sent noted.
struct RecorderTests {
    @Test func aSpooledRecordingKeepsItsOrderAcrossBatches() throws {
        let folder = try scratchFolder("tapedeck-recorder-tests")
        let file = folder.appendingPathComponent("spooled.json")
        let since = RelativeTime.Binding(name: "since", time: try RelativeTime("{now-7d}"), value: "2026-01-01T00:00:00Z")
        let batchBytes = 64 << 10
        let recorder = try Recorder(CassetteConfiguration(file: file, mode: .all, relativeTimes: [since]), spooled: true, batchBytes: batchBytes)
        // A little over two batches of bodies: two go to the spool as they fill, the rest at finish.
        let bodyBytes = batchBytes / 4 + 1
        let count = 9
        for number in 0..<count {
            recorder.begin()
            let body = Data(repeating: UInt8(ascii: "a") + UInt8(number), count: bodyBytes)
            recorder.keep(Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/items/\(number)?since=2026-01-01T00:00:00Z"),
                response: RecordedResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: RecordedBody(content: .binary(body))),
                recordedAt: Date(timeIntervalSince1970: 1_763_800_000 + Double(number)), duration: 0.01))
        }
        #expect(recorder.recorded == count)
        let written = try recorder.finish(save: true, waitingAtMost: 30)
        #expect(written.recorded == count && written.saved)
        let interactions = try CassetteStore.load(file).interactions
        #expect(interactions.map(\.request.url) == (0..<count).map { "http://127.0.0.1:1/items/\($0)?since=2026-01-01T00:00:00Z" })
        #expect(interactions.map { $0.response.body.data.first } == (0..<count).map { UInt8(ascii: "a") + UInt8($0) })
        #expect(interactions.allSatisfy { $0.response.body.data.count == bodyBytes })
        #expect(interactions.allSatisfy { $0.request.relativeTimes["since"].map(String.init(describing:)) == "{now-7d}" })
    }
}
