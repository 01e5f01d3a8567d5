import ArgumentParser

/// The `tapedeck` command: record, replay and check cloud HTTP API contracts.
@main
struct TapedeckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tapedeck",
        abstract: "Record, replay and check cloud HTTP API contracts.",
        discussion: """
            Tapedeck records real provider HTTP exchanges into cassettes (secrets redacted before \
            they reach the disk), replays them to any client, and checks the documented contracts \
            across every page of a walk.

            Exit status: 0 clean, 1 findings, 2 bad input or usage.
            """,
        subcommands: [
            DemoCommand.self,
        ]
    )
}
