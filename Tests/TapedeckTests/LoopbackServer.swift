import Foundation

/// A real HTTP server on 127.0.0.1 for record tests: Python's standard
/// `http.server` (threaded) serving a temporary folder of files.
final class LoopbackServer {
    let folder: URL
    let port: Int
    private let process: Process

    /// Serves `files` (name → bytes) on a free loopback port.
    init(files: [String: Data]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        port = Int.random(in: 20_000..<60_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening()
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return }
            usleep(50_000)
        }
        throw URLError(.cannotConnectToHost)
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
