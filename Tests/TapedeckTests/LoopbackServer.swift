import Foundation
import Synchronization
import TapedeckTestSupport

/// A real HTTP server on 127.0.0.1 for record tests: Python's standard
/// `http.server` (threaded) serving a temporary folder of files.
final class LoopbackServer {
    let folder: URL
    let port: Int
    private let process: Process

    /// Serves `files` (name → bytes) on a free loopback port.
    init(files: [String: Data]) throws {
        folder = scratchRoot.appendingPathComponent("tapedeck-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Port 0: the system picks a free port, which the server announces (unbuffered) on its first line.
        process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path]
        let announcements = Pipe()
        process.standardOutput = announcements
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = try Self.announcedPort(announcements.fileHandleForReading)
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The port in the server's "Serving HTTP on 127.0.0.1 port N" line. Python's start
    /// takes seconds on a loaded machine, so the wait is generous; a server that exits
    /// or never says is an error, not a hang.
    private static func announcedPort(_ output: FileHandle, within seconds: Int = 60) throws -> Int {
        let found = Mutex<Int?>(nil)
        let said = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var text = ""
            while case let data = output.availableData, !data.isEmpty {
                text += String(decoding: data, as: UTF8.self)
                if let match = text.firstMatch(of: #/port (\d+)/#), let port = Int(match.1) {
                    found.withLock { $0 = port }
                    break
                }
            }
            said.signal()
        }
        guard said.wait(timeout: .now() + .seconds(seconds)) == .success, let port = found.withLock({ $0 }) else {
            throw URLError(.cannotConnectToHost, userInfo: [NSLocalizedDescriptionKey: "python3 -m http.server did not announce its port"])
        }
        return port
    }

    deinit {
        // Process.waitUntilExit can block forever off the main thread on Linux; reap directly.
        let pid = process.processIdentifier
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(at: folder)
    }
}
