import Foundation
import TapedeckTestSupport

/// Runs the built `tapedeck` executable, as a user would, and captures what it printed.
struct TapedeckBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable next to the test bundle (`swift build` puts every product in one folder).
    static let url: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("tapedeck").path),
            directory.pathComponents.count > 1
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("tapedeck")
    }()

    /// Runs `tapedeck arguments…` to completion (bounded by `timeout` seconds), with
    /// `environment` added to this process's, and `TMPDIR` set to `scratchRoot`.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], timeout: TimeInterval = 120
    ) throws -> Result {
        try run(program: url, arguments, in: directory, environment: environment, timeout: timeout)
    }

    /// Runs any program the same way (`script`, `chromium`): its status and what it printed.
    static func run(
        program: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], timeout: TimeInterval = 120
    ) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        // What it leaves in the temporary directory (a drift's scratch, a demo's folder) goes where the tests' own files go.
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": scratchRoot.path]) { $1 }.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain both pipes while the process runs, so a chatty command cannot block on a full pipe.
        let outData = Drain(output.fileHandleForReading)
        let errData = Drain(error.fileHandleForReading)
        let timer = DispatchSource.makeTimerSource()
        timer.schedule(deadline: .now() + timeout)
        timer.setEventHandler { if process.isRunning { process.terminate() } }
        timer.resume()
        process.waitUntilExit()
        timer.cancel()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData.wait(), as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self))
    }
}

/// Reads a file handle to its end on a background queue.
private final class Drain: @unchecked Sendable {
    // Safe: `data` is written once on the queue before `done` is signalled and read only after `wait()`.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
