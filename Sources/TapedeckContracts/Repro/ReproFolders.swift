public import Foundation
public import Tapedeck

/// Where `tapedeck repro` and `tapedeck trim` read contracts and write
/// cassettes and scenarios: the built-in contracts plus the repository's
/// `Scenarios/contracts`, its `Cassettes/` and `Scenarios/` (found from the
/// working folder upwards), each overridable.
public struct ReproFolders: Sendable {
    /// The contracts and profiles added to the built-in ones (`--contracts`, else the
    /// nearest `Scenarios/contracts`); `nil` when there are none.
    public var contracts: URL?
    /// The cassette root (`Cassettes/`); a cassette goes to `<provider>/<name>.json` below it.
    public var cassettes: URL
    /// The scenario folder (`Scenarios/`).
    public var scenarios: URL

    /// The folders given (relative to `start`), the others in the repository: the
    /// nearest folder above `start` holding `Scenarios/contracts`, else `start`.
    public init(
        contracts: String? = nil, cassettes: String? = nil, scenarios: String? = nil,
        from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        let found = ContractCatalogue.defaultDirectory(from: start)
        let root = contracts == nil ? found?.deletingLastPathComponent().deletingLastPathComponent() ?? start : start
        self.contracts = contracts.map { Self.resolve($0, against: start) } ?? found
        self.cassettes = cassettes.map { Self.resolve($0, against: start) } ?? Self.resolve("Cassettes", against: root)
        self.scenarios = scenarios.map { Self.resolve($0, against: start) } ?? Self.resolve("Scenarios", against: root)
    }

    /// `path` when absolute, else `path` inside `folder`.
    private static func resolve(_ path: String, against folder: URL) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)).standardizedFileURL
    }

    /// The built-in contracts with those of `contracts` added.
    /// - Throws: `InputError` when a document does not read.
    public func catalogue() throws(InputError) -> ContractCatalogue {
        guard let contracts else { return .builtIn }
        return try ContractCatalogue.resolve(contracts.path)
    }
}
