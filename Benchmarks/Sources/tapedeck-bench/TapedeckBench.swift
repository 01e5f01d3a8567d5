import ArgumentParser
import TapedeckBenchmarks

/// `tapedeck-bench`: the benchmarks on their own, the same commands as `tapedeck bench`.
@main
struct TapedeckBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tapedeck-bench", abstract: BenchCommand.configuration.abstract, subcommands: BenchCommand.configuration.subcommands)
}
