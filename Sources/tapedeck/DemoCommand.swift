import ArgumentParser

/// `tapedeck demo`: the README's first command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Record, replay and check a walk of each provider on the bundled simulator."
    )

    func run() async throws {
        print("Tapedeck demo: the simulator-backed tour is being assembled.")
    }
}
