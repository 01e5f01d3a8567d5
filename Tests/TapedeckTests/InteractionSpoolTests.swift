import Foundation
import Testing

@testable import Tapedeck

/// A long recording waits for its cassette sealed on disk, and the cassette is
/// then written one interaction at a time.
struct InteractionSpoolTests {
    static func folder() throws -> URL { try scratchFolder("tapedeck-spool-tests") }

    @Test func interactionsComeBackInOrderAsTheyWent() throws {
        let spool = try InteractionSpool(in: Self.folder())
        let sample = CassetteFormatTests.sample.interactions
        let binary = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/raw"),
            response: RecordedResponse(status: 200, body: RecordedBody(content: .binary(Data((0..<4096).map { UInt8($0 % 256) })))),
            recordedAt: Date(timeIntervalSince1970: 1_763_800_002.5), duration: 0.25)
        let appended = sample + [binary] + sample
        for interaction in appended { spool.append(interaction) }
        #expect(spool.count == appended.count)
        var read: [Interaction] = []
        try spool.forEach { read.append($0) }
        #expect(read == appended)
    }

    @Test func theSpoolLeavesNoFileAndHoldsNoSecretInTheClear() throws {
        let folder = try Self.folder()
        let secret = "sk-live-0123456789abcdefSPOOL"
        let spool = try InteractionSpool(in: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "the spool file is removed from its folder once open")
        spool.append(
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/a?token=\(secret)", headers: ["Authorization": "Bearer \(secret)"]),
                response: RecordedResponse(status: 200, body: RecordedBody(content: .binary(Data("{\"echo\":\"\(secret)\"}".utf8)))),
                recordedAt: Date(), duration: 0))
        #if os(Linux)
            // The open (deleted) file, read back through /proc as anyone with this user's rights could.
            let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
            let spoolFile = try #require(
                descriptors.first { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)"))?.contains(folder.lastPathComponent) == true })
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "/proc/self/fd/\(spoolFile)"))
            #expect(bytes.count > 100)
            #expect(bytes.range(of: Data(secret.utf8)) == nil)
            #expect(bytes.range(of: Data("Bearer".utf8)) == nil)
        #endif
    }

    @Test func theHighestPlaceholderIsFoundAlsoInBodiesStillRaw() throws {
        let spool = try InteractionSpool(in: Self.folder())
        spool.append(
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/a", headers: ["X-Auth-Token": "REDACTED-x-auth-token-3"]),
                response: RecordedResponse(status: 200, body: RecordedBody(content: .binary(Data("{\"id\":\"REDACTED-secret-7\"}".utf8)))),
                recordedAt: Date(), duration: 0))
        #expect(spool.highestPlaceholder == 7)
    }

    @Test(arguments: [0, 1, 2])
    func writingOneInteractionAtATimeGivesTheSameBytes(count: Int) throws {
        let file = try Self.folder().appendingPathComponent("streamed.json")
        let interactions = Array(CassetteFormatTests.sample.interactions.prefix(count))
        try CassetteStore.write(to: file) { emit in
            for interaction in interactions { try emit(interaction) }
        }
        #expect(try Data(contentsOf: file) == Cassette(interactions: interactions).jsonData())
    }

    @Test func twoPassRedactionEqualsRedactingTheWhole() {
        let token = "tok-0123456789-later"
        // The token is first seen in a body, and only later found as a credential.
        let interactions = [
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/a?project=p-42"),
                response: RecordedResponse(
                    status: 200, headers: ["Content-Type": "application/json"],
                    body: RecordedBody(data: Data("{\"hint\":\"\(token)\",\"old\":\"REDACTED-secret-4\"}".utf8), contentType: "application/json")),
                recordedAt: Date(timeIntervalSince1970: 1_763_800_000), duration: 0),
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/b", headers: ["X-Auth-Token": token]),
                response: RecordedResponse(status: 204), recordedAt: Date(timeIntervalSince1970: 1_763_800_001), duration: 0),
        ]
        let redactor = Redactor.standard.addingLiteralSecrets(["p-42-literal"]).pseudonymising("p-42", kind: "project")
        var redaction = Redaction(redactor, numberedAfter: PlaceholderTable.highestNumber(in: interactions))
        for interaction in interactions { _ = redaction.structural(interaction) }
        let streamed = interactions.map { redaction.scrubbed(redaction.structural($0)) }
        #expect(streamed == redactor.redact(interactions))
        let text = String(decoding: Cassette(interactions: streamed).jsonData(), as: UTF8.self)
        #expect(!text.contains(token))
        #expect(text.contains("REDACTED-x-auth-token-6"), "numbered after the highest placeholder already there (4) and the literal (5)")
    }
}
