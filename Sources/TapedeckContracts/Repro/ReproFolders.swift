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
            contractsFolder = URL(fileURLWithPath: contracts, relativeTo: start).standardizedFileURL
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
        func folder(_ given: String?, default name: String) -> URL {
            URL(fileURLWithPath: given ?? name, relativeTo: given == nil ? root : start).standardizedFileURL
        }
        self.cassettes = folder(cassettes, default: "Cassettes")
        self.scenarios = folder(scenarios, default: "Scenarios")
    }

    /// The contracts in `contracts`.
    /// - Throws: `InputError` when the folder cannot be read or a contract does not parse.
    public func catalogue() throws(InputError) -> ContractCatalogue {
        try ContractCatalogue(directory: contracts)
    }
}
