import ArgumentParser
import Foundation
import Tapedeck
import TapedeckHTTP
import TapedeckProviders
import TapedeckSimulator

/// `tapedeck sim`: the provider simulator, for trying Tapedeck (or any client) offline.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Serve the five provider APIs on loopback, with drift switches.",
        discussion: """
            Each provider answers at its documented path from the root (as an official SDK given \
            http://127.0.0.1:PORT calls it) and below /<provider-id>/. Prints each provider's first \
            page, its fake credentials (loopback-only values) and a curl line to paste, then serves \
            until Ctrl-C. \
            Drifts can also be switched while running: \
            curl -X POST 'http://127.0.0.1:PORT/__tapedeck/drift?kinds=enum-value,page-size'.
            """
    )

    @Option(help: "The port (0 picks a free one).")
    var port = 4010

    @Option(help: "The address to bind; keep 127.0.0.1 unless you mean to expose it.")
    var host = "127.0.0.1"

    @Option(help: "The data seed: the same seed serves the same tasks.")
    var seed: UInt64 = 1

    @Option(help: "Tasks per instance (0 to \(SimulatorConfiguration.maximumTasksPerInstance)).")
    var tasks = 120

    @Option(name: .customLong("drift"), help: "A drift to switch on. Repeatable.")
    var drifts: [DriftKind] = []

    @Option(name: .customLong("fault"), help: "A fault to inject into provider answers: \(HTTPFault.syntax). Repeatable.")
    var faults: [String] = []

    @Option(help: "A new task appears after every N requests to a provider, as on a live account.")
    var newTaskEvery: Int?

    func validate() throws {
        try ListenOptions.validate(port: port)
        try Self.validate(tasks: tasks)
        if let newTaskEvery, newTaskEvery < 1 {
            throw ValidationError("--new-task-every is a number of requests, 1 or more, not \(newTaskEvery)")
        }
    }

    /// Refuses a `--tasks` the simulator cannot hold (`sim` and `demo` share it): a count past
    /// the maximum would ask for more tasks than memory, or overflow on the way.
    static func validate(tasks: Int) throws {
        guard (0...SimulatorConfiguration.maximumTasksPerInstance).contains(tasks) else {
            throw ValidationError("--tasks is a number of tasks per instance from 0 to \(SimulatorConfiguration.maximumTasksPerInstance), not \(tasks)")
        }
    }

    func run() async throws {
        let termination = Termination.arm()
        let kinds = Set(drifts)
        let configuration = SimulatorConfiguration(
            seed: seed, tasksPerInstance: tasks, drifts: kinds, faults: try faults.map(ServeCommand.fault),
            newTaskEvery: newTaskEvery)
        let simulator = ProviderSimulator(configuration: configuration)
        try await ListenOptions.bind(host: host, port: port) { try await simulator.start(host: $0, port: $1) }
        print(
            "Tapedeck provider simulator (seed \(seed), \(tasks) tasks per instance, drifts: \(kinds.isEmpty ? "none" : kinds.map(\.rawValue).sorted().joined(separator: ", ")), faults: \(faults.isEmpty ? "none" : faults.joined(separator: ", ")))"
        )
        let root = URL(string: "http://\(host):\(simulator.port)")!
        print(SimulatorGuide(root: root, now: TapedeckClock.current.now()).text)
        print("Ctrl-C stops it.")
        fflush(nil)
        await termination.wait()
        try await simulator.stop()
        print("stopped")
    }
}
