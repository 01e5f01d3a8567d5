public import Foundation
public import Tapedeck

/// What `Reproducer` made of a bug report: the check of the whole HAR, the
/// redacted walk kept as a cassette, and the scenario that replays it.
public struct Reproduction: Sendable {
    /// The contract check of every entry in the HAR that is a request to the provider's API.
    public var report: CheckReport
    /// The walk that shows the first failing violation (the first walk when none fails), redacted.
    public var cassette: Cassette
    /// The base URL the walk was recorded against: `scenario` starts at `scenario.firstPage(baseURL:contract:now:)` below it.
    public var baseURL: URL
    /// The scenario to write.
    public var scenario: ScenarioDraft
    /// The rules the kept walk fails, in catalogue order: what the scenario fails on (or expects).
    public var failingRules: [ContractRule]
    /// How many HAR entries are not in `cassette`: other walks, and requests that are not the API's.
    public var leftOut: Int

    /// The command that runs the scenario once written to the repository's `Scenarios/`
    /// (every scenario is a case of the parameterized `ScenarioTests.scenario`, shown by name).
    public var testCommand: String { "swift test --filter ScenarioTests.scenario" }

    /// The two files `write` creates below `cassettes` and `scenarios`.
    /// - Throws: `InputError` when the cassette name would leave `cassettes`.
    public func files(cassettes: URL, scenarios: URL) throws(InputError) -> (cassette: URL, scenario: URL) {
        let cassette = try CassetteStore(root: cassettes).url(for: scenario.cassette)
        return (cassette, scenarios.appendingPathComponent(scenario.name + ".yaml").standardizedFileURL)
    }

    /// Writes the cassette (`<cassettes>/<provider>/<name>.json`) and the scenario
    /// (`<scenarios>/<name>.yaml`), each atomically, creating the folders.
    /// - Parameter force: replace files that already exist; without it nothing is written when either exists.
    /// - Throws: `InputError` naming an existing file (without `force`) or one that cannot be written.
    @discardableResult
    public func write(cassettes: URL, scenarios: URL, force: Bool = false) throws(InputError) -> (cassette: URL, scenario: URL) {
        let files = try files(cassettes: cassettes, scenarios: scenarios)
        if !force {
            for file in [files.cassette, files.scenario] where FileManager.default.fileExists(atPath: file.path) {
                throw InputError(
                    file: file.path, expected: "a new file", found: "one that already exists",
                    hint: "Pass --force to replace it, or --name NAME to choose another name")
            }
        }
        try CassetteStore.write(cassette, to: files.cassette)
        try AtomicFile.write(Data(scenario.yaml.utf8), to: files.scenario)
        return files
    }
}
