package import Foundation

/// The folder every test's files go under: one per test process, removed when
/// the process exits, so that a run leaves nothing behind in the temporary directory.
package let scratchRoot: URL = {
    let root = URL(fileURLWithPath: scratchRootPath(), isDirectory: true)
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: scratchRootPath()) }
    return root
}()

/// The scratch root's path, named after the process: `atexit` takes no context, so it is found again from the pid.
private func scratchRootPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-tests-\(getpid())").path
}

/// A fresh, empty folder for one test's files, under `scratchRoot`.
package func scratchFolder(_ prefix: String) throws -> URL {
    let folder = scratchRoot.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
