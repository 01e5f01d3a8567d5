public import Foundation
public import Tapedeck
import TapedeckProviders
public import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Scopes a cassette to a test: `@Test(.cassette("huawei-iotda/marker-walk"))`.
/// The test reaches it through `TapedeckTest.session` / `TapedeckTest.urlSession`;
/// misses and unused interactions become test issues; the cassette is written
/// (redacted, atomically) only when the test did not throw, unless `saveOnFailure`.
/// Each case of a parameterized test gets a cassette of its own. Identifiers the
/// redactor pseudonymises are matched by their real values on replay.
///
/// Matching and redaction are those of `tapedeck serve` and `tapedeck record`:
/// the built-in provider profiles plus those of the package's
/// `Scenarios/contracts` (or `contracts`), their volatile parameters ignored and
/// the credential variables they name scrubbed (docs/testing.md).
public struct CassetteTrait: TestTrait, TestScoping {
    /// The cassette's name below `root` (`huawei-iotda/marker-walk`; `.json` is added when missing).
    public var name: String
    /// The record mode; `nil` takes `TAPEDECK_RECORD`, else `never` in CI, else `once`.
    public var mode: RecordMode?
    /// How to redact and match; `nil` takes the standard redactor taught the provider profiles.
    public var redactor: Redactor?
    /// Recorded interactions the test never asked for fail the test (otherwise they are printed).
    public var failOnUnused: Bool
    /// Write what was recorded even when the test threw.
    public var saveOnFailure: Bool
    /// The cassette folder; `nil` finds `Cassettes/` beside the package's `Package.swift`.
    public var root: URL?
    /// A redaction rules file (`redaction.json`) added to the redactor: an absolute
    /// path, or one relative to the folder that holds the package's `Package.swift`.
    public var rules: String?
    /// Contracts and provider profiles to add to the built-in ones (a folder or a
    /// profile, relative to the package folder); `nil` takes `Scenarios/contracts` when there is one.
    public var contracts: String?

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let package = Self.packageFolder(from: test.sourceLocation.filePath)
        let folder = root ?? package.appendingPathComponent("Cassettes")
        var fileName = name
        if let testCase, testCase.isParameterized { fileName += "-" + Self.caseSuffix(testCase) }
        let file = try CassetteStore(root: folder).url(for: fileName)
        let environment = ProcessInfo.processInfo.environment
        let resolved = try RecordMode.resolve(mode, environment: environment)
        let profiles = try Self.profiles(contracts, in: package)
        let base = try self.redactor ?? profiles.redactor(.standard, environment: environment)
        let redactor = try rules.map { try base.adding(rulesFrom: URL(fileURLWithPath: $0, relativeTo: package)) } ?? base
        let existed = FileManager.default.fileExists(atPath: file.path)
        let session = try CassetteSession(
            CassetteConfiguration(file: file, mode: resolved, redactor: redactor, timeMatching: TimeMatching.current.adding(profiles)))
        var thrown: (any Error)?
        do {
            try await TapedeckTest.$session.withValue(session) { try await function() }
        } catch {
            thrown = error
        }
        let summary = try session.finish(save: thrown == nil || saveOnFailure)
        // The near-miss reports come first, and fail the test whether or not the
        // client threw: the client's own error for a miss says nothing of what differs.
        // The error is the report, so that the issue's first line names the request.
        for miss in summary.misses { Issue.record(miss, sourceLocation: test.sourceLocation) }
        for note in summary.notes { print("Tapedeck: \(note)") }
        if let thrown {
            if summary.misses.isEmpty || !CassetteMiss.isReported(by: thrown) { throw thrown }
            return
        }
        if !summary.unused.isEmpty {
            let message = "Tapedeck: \(summary.unused.count) recorded interactions of \(file.lastPathComponent) were not used: \(summary.unused)"
            if failOnUnused { Issue.record(Comment(rawValue: message)) } else { print(message) }
        }
        if summary.saved {
            let what = existed && resolved != .all ? "recorded \(summary.recorded) new interactions into" : "recorded \(summary.recorded) interactions to"
            print("Tapedeck: \(what) \(file.path) (mode \(resolved)); it replays from now on, TAPEDECK_RECORD=all records it anew")
        }
    }

    /// The built-in profiles plus those of `contracts` (relative to `package`), or of
    /// the package's `Scenarios/contracts` when there is one.
    /// - Throws: `InputError` naming a profile that does not read.
    static func profiles(_ contracts: String?, in package: URL) throws(InputError) -> ProfileCatalogue {
        let folder =
            contracts.map { URL(fileURLWithPath: $0, relativeTo: package).standardizedFileURL }
            ?? package.appendingPathComponent("Scenarios/contracts")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
            if let contracts { throw InputError(file: contracts, expected: "a folder of provider profiles, or a profile", found: "no such file") }
            return .builtIn
        }
        if isFolder.boolValue { return try ProfileCatalogue.builtIn.adding(folder: folder) }
        return ProfileCatalogue.builtIn.adding(try ProviderProfile(contentsOf: folder))
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
    ///   - name: the cassette's path below the root, without `.json` (`otc-ddm/recent-jobs`); each case of a
    ///     parameterized test adds a suffix of its own.
    ///   - mode: overrides `TAPEDECK_RECORD` (and the defaults: `never` when `CI` is set, else `once`).
    ///   - redactor: how to redact and match; by default the standard redactor taught the built-in
    ///     profiles and those of `contracts` (or `Scenarios/contracts`), as `tapedeck serve` and `record` do.
    ///   - rules: a redaction rules file added to the redactor (relative to the package folder); a bad
    ///     file fails the test with an error naming the file and the JSON path.
    ///   - contracts: a folder of provider profiles (or one profile) to add to the built-in ones,
    ///     relative to the package folder; by default `Scenarios/contracts` when there is one.
    ///   - failOnUnused: recorded interactions the test never asked for become an issue.
    ///   - saveOnFailure: write what was recorded even when the test threw.
    ///   - root: the cassette folder; by default `Cassettes/` beside the package's `Package.swift`.
    public static func cassette(
        _ name: String, mode: RecordMode? = nil, redactor: Redactor? = nil, rules: String? = nil, contracts: String? = nil,
        failOnUnused: Bool = false, saveOnFailure: Bool = false, root: URL? = nil
    ) -> Self {
        CassetteTrait(
            name: name, mode: mode, redactor: redactor, failOnUnused: failOnUnused, saveOnFailure: saveOnFailure, root: root, rules: rules,
            contracts: contracts)
    }
}
