import Foundation
import Testing
import TapedeckTestSupport

/// The official JSON-Schema-Test-Suite (json-schema-org, MIT licence), as the
/// `jsonschema` 4.23.0 source distribution on PyPI ships it under `json/`:
/// fetched once into the build folder with pip, checked against its pinned
/// SHA-256, unpacked, and reused. It is not committed: the suite is someone
/// else's data. Where it cannot be fetched (no network, no pip) the tests that
/// need it are disabled with the reason, unless `TAPEDECK_REQUIRE_TOOLS=1`
/// (CI) makes that a failure.
enum SchemaTestSuiteArchive {
    static let version = "4.23.0"
    static let sha256 = "d71497fef26351a33265337fa77ffeb82423f3ea21283cd9467bb03999266bc4"
    static let root = PackageRoot.url

    /// The suite's `json` folder: `tests/draft2020-12`, `remotes`.
    static let folder: Result<URL, SuiteMissing> = Result { () throws(SuiteMissing) in try provision() }

    /// Whether the tests that need the suite run: it is here, or CI requires it.
    static var runs: Bool { (try? folder.get()) != nil || ProcessInfo.processInfo.environment["TAPEDECK_REQUIRE_TOOLS"] == "1" }

    static var absence: Comment {
        if case .failure(let missing) = folder { return Comment(rawValue: missing.reason) }
        return "available"
    }

    struct SuiteMissing: Error, CustomStringConvertible {
        var reason: String
        var description: String { "the JSON Schema Test Suite is not available: \(reason)" }
    }

    private static func provision() throws(SuiteMissing) -> URL {
        let cache = root.appendingPathComponent(".build/json-schema-test-suite")
        let unpacked = cache.appendingPathComponent("jsonschema-\(version)/json")
        let marker = cache.appendingPathComponent(".ready-\(sha256)")
        if FileManager.default.fileExists(atPath: marker.path) { return unpacked }
        try? FileManager.default.removeItem(at: cache)
        try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let venv = root.appendingPathComponent(".venv/bin/python").path
        let python = FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
        try run(
            [
                python, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-binary", ":all:", "--no-deps",
                "jsonschema==\(version)", "-d", cache.path,
            ], doing: "download jsonschema==\(version) from PyPI")
        let archive = cache.appendingPathComponent("jsonschema-\(version).tar.gz")
        let digest = try run(["sha256sum", archive.path], doing: "hash the archive").prefix(64)
        guard digest == sha256 else { throw SuiteMissing(reason: "jsonschema-\(version).tar.gz has SHA-256 \(digest), expected \(sha256)") }
        _ = try run(["tar", "xzf", archive.path, "-C", cache.path, "jsonschema-\(version)/json"], doing: "unpack the archive")
        // Without the marker the archive is only unpacked again next time.
        _ = FileManager.default.createFile(atPath: marker.path, contents: Data())
        return unpacked
    }

    @discardableResult
    private static func run(_ arguments: [String], doing what: String) throws(SuiteMissing) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw SuiteMissing(reason: "could not \(what): \(error)")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SuiteMissing(reason: "could not \(what): \(problem.suffix(400))") }
        return text
    }
}
