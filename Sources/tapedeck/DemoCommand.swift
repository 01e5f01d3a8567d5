import ArgumentParser
import Foundation
import TapedeckSimulator

/// `tapedeck demo`: the README's first command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Record, replay and check a walk of each provider on the bundled simulator, then catch injected drift.",
        discussion: """
            Starts the provider simulator on 127.0.0.1, records a paged walk of each of the five \
            providers into a temporary folder (secrets redacted), replays it offline, checks it \
            against Scenarios/contracts, then switches on each drift in turn and shows the rule \
            that catches it. No credentials, no network beyond loopback.

            Exit status: 0 when every clean walk is clean and every drift is caught, 1 otherwise.
            """
    )

    @Option(help: "The simulator's data seed.")
    var seed: UInt64 = 7

    @Option(help: "Tasks per simulated instance (0 to \(SimulatorConfiguration.maximumTasksPerInstance)).")
    var tasks = 150

    @Option(help: "Keep the recordings in this folder (by default they go to a temporary folder, removed at the end).")
    var keep: String?

    func validate() throws {
        try SimCommand.validate(tasks: tasks)
    }

    func run() async throws {
        let tour = try DemoTour(seed: seed, tasks: tasks, folder: keep.map { URL(fileURLWithPath: $0) })
        let succeeded = try await tour.run()
        if !succeeded { throw ExitCode.findings }
    }
}
