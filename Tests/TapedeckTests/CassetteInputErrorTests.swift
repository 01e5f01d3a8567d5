import Foundation
import TapedeckTestSupport
import Testing

@testable import Tapedeck

/// Bad input around cassettes gives an error that names the input and says what was expected.
struct CassetteInputErrorTests {

    @Test(arguments: ["sometimes", "NEVERMORE", "record", "1"])
    func anUnknownRecordModeNamesTheVariableAndTheAllowedValues(value: String) {
        #expect {
            try RecordMode.resolve(environment: ["TAPEDECK_RECORD": value])
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("TAPEDECK_RECORD: error:") && text.contains("one of never, missing, once, all")
                && text.contains("\"\(value)\"")
        }
    }

    @Test(arguments: [("NEVER", RecordMode.never), ("Missing", .missing), ("once", .once), ("all", .all)])
    func aKnownRecordModeIsReadInAnyLetterCase(value: String, mode: RecordMode) throws {
        #expect(try RecordMode.resolve(environment: ["TAPEDECK_RECORD": value, "CI": "1"]) == mode)
    }

    /// Without an explicit mode, a CI run only replays, and a local run records a
    /// cassette that does not exist yet and only replays one that does.
    @Test(arguments: [([String: String](), RecordMode.once), (["CI": "true"], .never), (["CI": "false"], .once), (["CI": "0"], .once)])
    func theDefaultModeNeverGrowsACassetteSilently(environment: [String: String], mode: RecordMode) throws {
        #expect(try RecordMode.resolve(environment: environment) == mode)
    }

    @Test(arguments: ["../outside", "a/../../outside", "/etc/passwd", "./here", "a/./b", "../../../../../../tmp/x.json"])
    func aCassetteNameThatEscapesTheRootIsRejected(name: String) throws {
        let store = CassetteStore(root: try scratchFolder("tapedeck-errors"))
        #expect {
            try store.url(for: name)
        } throws: { error in
            String(describing: error).contains("expected a cassette name below \(store.root.path)")
        }
    }

    @Test func aSymbolicLinkOutOfTheRootIsRejected() throws {
        let root = try scratchFolder("tapedeck-errors")
        let outside = try scratchFolder("tapedeck-errors")
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: outside)
        let store = CassetteStore(root: root)
        #expect {
            try store.url(for: "link/stolen")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("expected a cassette inside \(root.path)") && text.contains("symbolic link")
        }
        #expect(try store.url(for: "provider/walk").path == root.appendingPathComponent("provider/walk.json").path)
    }

    @Test func anUnwritablePathGivesAnErrorNamingTheFileAndTheFolder() throws {
        // A regular file where a folder should be: unwritable even for root.
        let blocker = try scratchFolder("tapedeck-errors").appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("walk.json")
        #expect {
            try CassetteStore.write(Cassette(interactions: []), to: target)
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix(target.path + ": error: expected a writable folder") && text.contains(blocker.path)
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func aFolderWhereTheCassetteShouldBeIsAnErrorAndLeavesNoTemporaryFile() throws {
        let folder = try scratchFolder("tapedeck-errors")
        let target = folder.appendingPathComponent("walk.json")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect {
            try CassetteStore.write(Cassette(interactions: []), to: target)
        } throws: { error in
            String(describing: error).hasPrefix(target.path + ": error: expected a writable file")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["walk.json"], "the temporary file is removed")
    }
}
