public import Foundation
public import Tapedeck
public import Testing

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// Scopes a cassette to a test: `@Test(.cassette("huawei-iotda/marker-walk"))`.
/// The test reaches it through `TapedeckTest.session` / `TapedeckTest.urlSession`;
/// misses and unused interactions become test issues; the cassette is written
/// (redacted, atomically) only when the test did not throw, unless `saveOnFailure`.
/// Each case of a parameterized test gets a cassette of its own. Identifiers the
/// redactor pseudonymises are matched by their real values on replay.
public struct CassetteTrait: TestTrait, TestScoping {
    public var name: String
    public var mode: RecordMode?
    public var redactor: Redactor
    public var failOnUnused: Bool
    public var saveOnFailure: Bool
    /// The cassette folder; `nil` finds `Cassettes/` beside the package's `Package.swift`.
    public var root: URL?
    /// A redaction rules file (`redaction.json`) added to `redactor`: an absolute
    /// path, or one relative to the folder that holds the package's `Package.swift`.
    public var rules: String?

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let package = Self.packageFolder(from: test.sourceLocation.filePath)
        let folder = root ?? package.appendingPathComponent("Cassettes")
        var fileName = name
        if let testCase, testCase.isParameterized { fileName += "-" + Self.caseSuffix(testCase) }
        let file = try CassetteStore(root: folder).url(for: fileName)
        let resolved = try RecordMode.resolve(mode, environment: ProcessInfo.processInfo.environment)
        let redactor = try rules.map { try self.redactor.adding(rulesFrom: URL(fileURLWithPath: $0, relativeTo: package)) } ?? self.redactor
        let session = try CassetteSession(CassetteConfiguration(file: file, mode: resolved, redactor: redactor))
        var thrown: (any Error)?
        do {
            try await TapedeckTest.$session.withValue(session) { try await function() }
        } catch {
            thrown = error
        }
        let summary = try session.finish(save: thrown == nil || saveOnFailure)
        // The near-miss reports come first, and fail the test whether or not the
        // client threw: the client's own error for a miss says nothing of what differs.
        for miss in summary.misses { Issue.record(Comment(rawValue: "Tapedeck: \(miss)"), sourceLocation: test.sourceLocation) }
        if let thrown {
            if summary.misses.isEmpty || !CassetteMiss.isReported(by: thrown) { throw thrown }
            return
        }
        if !summary.unused.isEmpty {
            let message = "Tapedeck: \(summary.unused.count) recorded interactions of \(file.lastPathComponent) were not used: \(summary.unused)"
            if failOnUnused { Issue.record(Comment(rawValue: message)) } else { print(message) }
        }
        if summary.saved {
            print("Tapedeck: recorded \(summary.recorded) interactions to \(file.path); re-run with TAPEDECK_RECORD=never to replay")
        }
    }

    /// A stable name for one case of a parameterized test, from its arguments. The
    /// case's description also holds memory addresses (`$7f54…`), which change from
    /// run to run, so they are left out: the same arguments find the same cassette next time.
    static func caseSuffix(_ testCase: Test.Case) -> String {
        let description = String(describing: testCase).replacing(#/(\$|0x)[0-9a-fA-F]+/#, with: "")
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in description.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return String(hash, radix: 36)
    }

    /// The nearest folder above `file` that holds a `Package.swift` (else the current folder).
    static func packageFolder(from file: String) -> URL {
        var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        while folder.pathComponents.count > 1 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }
}

extension Trait where Self == CassetteTrait {
    /// A cassette for this test, named below `Cassettes/` (`huawei-iotda/marker-walk`).
    /// - Parameters:
    ///   - mode: overrides `TAPEDECK_RECORD` (and the `CI` default of `never`).
    ///   - failOnUnused: recorded interactions the test never asked for become an issue.
    ///   - saveOnFailure: write what was recorded even when the test threw.
    ///   - rules: a redaction rules file added to `redactor` (relative to the package folder); a bad
    ///     file fails the test with an error naming the file and the JSON path.
    public static func cassette(
        _ name: String, mode: RecordMode? = nil, redactor: Redactor = .standard, rules: String? = nil, failOnUnused: Bool = false,
        saveOnFailure: Bool = false, root: URL? = nil
    ) -> Self {
        CassetteTrait(
            name: name, mode: mode, redactor: redactor, failOnUnused: failOnUnused, saveOnFailure: saveOnFailure, root: root, rules: rules)
    }
}

/// What a test under `.cassette(…)` uses.
public enum TapedeckTest {
    /// The cassette session of the running test.
    @TaskLocal public static var session: CassetteSession?

    /// A `URLSession` that records and replays through the running test's cassette.
    public static var urlSession: URLSession {
        guard let session else { preconditionFailure("TapedeckTest.urlSession is only available inside a test with the .cassette(…) trait") }
        return session.urlSession()
    }
}
