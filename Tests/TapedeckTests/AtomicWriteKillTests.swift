import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

/// A process killed while it writes a cassette leaves the previous cassette
/// intact: the built `tapedeck import` writes a large cassette through
/// `AtomicFile`, and is sent SIGKILL as soon as its temporary file appears.
struct AtomicWriteKillTests {
    /// The `tapedeck` executable `swift build` puts beside the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tapedeck")

    /// A HAR whose import is a cassette of about 60 MB (binary bodies, stored as base64).
    static func largeHAR(in folder: URL) throws -> URL {
        let blob = Data((0..<1_500_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).base64EncodedString()
        let entry = """
            {"startedDateTime":"2026-01-01T00:00:00Z","time":1,"request":{"method":"GET","url":"http://127.0.0.1:1/blob","headers":[]},\
            "response":{"status":200,"headers":[{"name":"Content-Type","value":"application/octet-stream"}],\
            "content":{"mimeType":"application/octet-stream","encoding":"base64","text":"\(blob)"}}}
            """
        let har = #"{"log":{"version":"1.2","entries":["# + Array(repeating: entry, count: 30).joined(separator: ",") + "]}}"
        let file = folder.appendingPathComponent("large.har")
        try Data(har.utf8).write(to: file)
        return file
    }

    enum Outcome { case killedMidWrite, finishedFirst }

    /// Runs `tapedeck import har -o target` and kills it once a temporary file for `target` exists.
    static func importAndKill(har: URL, target: URL) throws -> Outcome {
        let arguments = [binary.path, "import", har.path, "-o", target.path]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary.path, &actions, nil, &argv, environ)
        try #require(spawned == 0, "posix_spawn failed: \(spawned)")
        let folder = target.deletingLastPathComponent().path
        let temporaryPrefix = "." + target.lastPathComponent + "."
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if names.contains(where: { $0.hasPrefix(temporaryPrefix) && $0.hasSuffix(".tmp") }) {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return .killedMidWrite
            }
            if waitpid(pid, &status, WNOHANG) == pid { return .finishedFirst }
            usleep(200)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        Issue.record("tapedeck import neither wrote nor finished in 300 s")
        return .finishedFirst
    }

    @Test func aKillMidWriteLeavesTheOldCassetteIntact() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the tapedeck executable first (swift build)")
        let folder = scratchRoot.appendingPathComponent("tapedeck-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let har = try Self.largeHAR(in: folder)
        let target = folder.appendingPathComponent("walk.json")
        let old = Cassette(interactions: [
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/old"),
                response: RecordedResponse(status: 200, body: RecordedBody(content: .text("the old cassette"))),
                recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        ])
        var killedMidWrite = 0
        for _ in 0..<3 where killedMidWrite == 0 {
            try CassetteStore.write(old, to: target)
            let outcome = try Self.importAndKill(har: har, target: target)
            // Whatever the moment of the kill, the cassette is whole: the old one, or (if the rename won the race) the new one.
            let survivor = try CassetteStore.load(target)
            switch outcome {
            case .killedMidWrite:
                if survivor == old { killedMidWrite += 1 } else { #expect(survivor.interactions.count == 30, "a whole new cassette") }
            case .finishedFirst:
                #expect(survivor.interactions.count == 30)
            }
        }
        #expect(killedMidWrite > 0, "no attempt caught the writer between creating its temporary file and the rename")
    }
}
