package import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The Python clients the tests drive and Tapedeck did not write (the providers'
/// official SDKs, `requests`), from PyPI. The suite provisions them itself the
/// first time a test needs them, so `swift test` passes on a fresh clone with
/// nothing run before it: `.venv` when `bash .ci/setup` made it, otherwise a
/// virtual environment in the build folder, made once (under a lock, across
/// processes too) with pinned versions, and made again if an earlier attempt
/// was cut short.
package enum PythonTools {
    /// What the tests import, pinned.
    package static let requirements = [
        "huaweicloudsdkcore==3.1.219", "huaweicloudsdkkafka==3.1.219", "huaweicloudsdkddm==3.1.219",
        "aliyun-python-sdk-core==2.16.1", "aliyun-python-sdk-petadata==1.2.1", "requests==2.34.2",
    ]
    /// The modules that prove an environment has them.
    private static let modules = "import huaweicloudsdkkafka, huaweicloudsdkddm, aliyunsdkpetadata, requests"

    /// The interpreter of an environment that has every requirement.
    /// - Throws: `ToolMissing` with the reason when the environment cannot be made
    ///   (no `python3`, no way to reach PyPI).
    package static func python() throws -> URL { try provisioned.get() }

    private static let provisioned: Result<URL, ToolMissing> = Result { () throws(ToolMissing) in try provision() }

    private static func provision() throws(ToolMissing) -> URL {
        let ready = PackageRoot.url.appendingPathComponent(".venv/bin/python")
        if imports(ready) { return ready }
        let build = PackageRoot.url.appendingPathComponent(".build")
        try? FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        let folder = build.appendingPathComponent("tapedeck-python")
        let python = folder.appendingPathComponent("bin/python")
        let marker = folder.appendingPathComponent(".tapedeck-ready")
        let pinned = requirements.joined(separator: " ")
        // One process provisions; the others wait for it, then find it ready.
        let lock = open(build.appendingPathComponent("tapedeck-python.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        defer { if lock >= 0 { close(lock) } }
        if lock >= 0 { flock(lock, LOCK_EX) }
        if (try? String(contentsOf: marker, encoding: .utf8)) == pinned, imports(python) { return python }
        try? FileManager.default.removeItem(at: folder)
        try run(["python3", "-m", "venv", folder.path], doing: "make a virtual environment")
        try run([python.path, "-m", "pip", "install", "-q", "--disable-pip-version-check"] + requirements, doing: "install \(pinned) from PyPI")
        guard imports(python) else { throw ToolMissing(tool: "the official SDKs", reason: "installed, but \(modules) fails") }
        try? Data(pinned.utf8).write(to: marker)
        return python
    }

    private static func imports(_ python: URL) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
        return (try? run([python.path, "-c", modules], doing: "check")) != nil
    }

    private static func run(_ arguments: [String], doing what: String) throws(ToolMissing) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw ToolMissing(tool: arguments[0], reason: "\(error)")
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolMissing(tool: "python3", reason: "could not \(what): \(text.suffix(400))")
        }
    }
}
