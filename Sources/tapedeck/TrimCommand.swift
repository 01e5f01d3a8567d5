import ArgumentParser
import Foundation
import Tapedeck
import TapedeckContracts

/// `tapedeck trim`: a cassette cut down to the walk that shows one violation.
struct TrimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trim",
        abstract: "Reduce a cassette to the fewest interactions that still show one violation.",
        discussion: """
            Picks the violation (the first of --rule, or the N-th that `tapedeck check` reports with --violation), \
            keeps its walk from the first page up to the page where it appears, then drops each earlier page it does \
            not need (a cross-page rule keeps the pages involved; --from-start keeps the walk's start so the cassette \
            still replays as a walk). The trimmed cassette is checked again and must still report the violation. \
            Prints the interaction counts and bytes before and after.

            Writes atomically to --output, or next to the input as <name>.trimmed.json; the input is replaced only \
            with --in-place.

            Exit status: 0 written, 2 bad input (including a cassette that does not show the violation).
            """
    )

    @Argument(help: "The cassette (or HAR file) to trim.")
    var cassette: String

    @Option(help: "Keep the first violation of this rule (a rule id such as no-duplicates).")
    var rule: String?

    @Option(help: "Keep the N-th violation (1-based) in the order `tapedeck check` reports them.")
    var violation: Int?

    @Option(name: .shortAndLong, help: "The cassette to write (default: <name>.trimmed.json next to the input).")
    var output: String?

    @Flag(help: "Replace the input cassette.")
    var inPlace = false

    @Flag(help: "Keep the walk from its first page, so the trimmed cassette replays as a walk.")
    var fromStart = false

    @OptionGroup var contract: ContractOptions

    func validate() throws {
        guard (rule == nil) != (violation == nil) else { throw ValidationError("Pass exactly one of --rule RULE and --violation N.") }
        guard !(inPlace && output != nil) else { throw ValidationError("Pass --output FILE or --in-place, not both.") }
    }

    func run() async throws {
        let input = URL(fileURLWithPath: cassette).standardizedFileURL
        let destination = inPlace ? input : output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? Self.trimmedName(of: input)
        guard inPlace || destination.path != input.path else {
            throw InputError(
                file: "--output", expected: "a file other than the input", found: "\"\(output ?? "")\"",
                hint: "Pass --in-place to replace the input")
        }
        let target = if let rule { try CassetteTrimmer.Target(rule: rule) } else { CassetteTrimmer.Target.violation(violation ?? 1) }
        let data = try InputError.read(input, expecting: "a readable cassette")
        let recording = try RecordingLoader.load(data, file: cassette)
        let catalogue = try ContractCatalogue.resolve(contract.contracts)
        let (checked, routed) = try CheckRun(catalogue: catalogue, provider: contract.provider).focus(recording, file: cassette)
        // Of a recording with several APIs, only the chosen provider's exchanges are trimmed.
        let mine = Cassette(interactions: routed.map { recording.interactions[$0] })
        let trim = try CassetteTrimmer(checker: ContractChecker(contract: checked), fromStart: fromStart)
            .trim(mine, keeping: target, file: cassette)
        let trimmed = trim.cassette.jsonData()
        try OutputFile.write(trimmed, to: destination.path, option: inPlace ? "the input" : "--output")
        let kept = trim.kept.map(String.init).joined(separator: ", ")
        let shown = trim.violation
        print(
            "kept \(shown.rule.rawValue) at \(shown.path) (exchange \(shown.exchange), walk \(shown.walk), "
                + "page \(shown.page)): still reported after trimming")
        print("interactions: \(recording.interactions.count) -> \(trim.cassette.interactions.count) (kept exchanges \(kept))")
        print("bytes: \(data.count) -> \(trimmed.count)")
        print("wrote \(destination.path)")
    }

    /// `walk.json` becomes `walk.trimmed.json`, `report.har` becomes `report.trimmed.json`.
    static func trimmedName(of input: URL) -> URL {
        input.deletingPathExtension().appendingPathExtension("trimmed.json")
    }
}
