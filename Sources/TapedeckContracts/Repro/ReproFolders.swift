public import Foundation
public import Tapedeck

/// Where `tapedeck repro` and `tapedeck trim` read contracts and write
/// cassettes and scenarios: the repository's `Scenarios/contracts`, `Cassettes/`
/// and `Scenarios/` (found from the working folder upwards), each overridable.
public struct ReproFolders: Sendable {
    /// The folder of contract documents.
    public var contracts: URL
    /// The cassette root (`Cassettes/`); a cassette goes to `<provider>/<name>.json` below it.
    public var cassettes: URL
    /// The scenario folder (`Scenarios/`).
    public var scenarios: URL

    /// The folders given (relative to `start`), the others in the repository: the
    /// nearest folder above `start` holding `Scenarios/contracts`, or `start` when `contracts` is given.
    /// - Throws: `InputError` when no contracts are given and none are found.
    public init(
        contracts: String? = nil, cassettes: String? = nil, scenarios: String? = nil,
        from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws(InputError) {
        let contractsFolder: URL
        let root: URL
        if let contracts {
            contractsFolder = Self.resolve(contracts, against: start)
            root = start
        } else if let found = ContractCatalogue.defaultDirectory(from: start) {
            contractsFolder = found
            root = found.deletingLastPathComponent().deletingLastPathComponent()
        } else {
            throw InputError(
                file: "Scenarios/contracts", expected: "a folder of contract documents", found: "none here or above",
                hint: "Run from the repository or pass --contracts DIR")
        }
        self.contracts = contractsFolder
        self.cassettes = cassettes.map { Self.resolve($0, against: start) } ?? Self.resolve("Cassettes", against: root)
        self.scenarios = scenarios.map { Self.resolve($0, against: start) } ?? Self.resolve("Scenarios", against: root)
    }

    /// `path` when absolute, else `path` inside `folder`.
    private static func resolve(_ path: String, against folder: URL) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)).standardizedFileURL
    }

    /// The contracts in `contracts`.
    /// - Throws: `InputError` when the folder cannot be read or a contract does not parse.
    public func catalogue() throws(InputError) -> ContractCatalogue {
        try ContractCatalogue(directory: contracts)
    }
}
