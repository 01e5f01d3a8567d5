public import Foundation
public import Tapedeck

/// The contracts Tapedeck knows: by default every `*.yaml` in `Scenarios/contracts/`.
public struct ContractCatalogue: Sendable {
    /// The contracts, one per provider.
    public let contracts: [Contract]

    /// A catalogue of contracts already loaded.
    public init(contracts: [Contract]) { self.contracts = contracts }

    /// Loads every `*.yaml` document in `directory`.
    /// - Throws: `InputError` when the folder cannot be read or a document does not parse.
    public init(directory: URL) throws(InputError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw InputError(
                file: directory.path, expected: "a folder of contract documents", found: error.localizedDescription)
        }
        var contracts: [Contract] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            contracts.append(try Contract(contentsOf: directory.appendingPathComponent(name)))
        }
        self.init(contracts: contracts)
    }

    /// The `Scenarios/contracts` folder in `start` or the nearest parent that has one.
    public static func defaultDirectory(from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        -> URL?
    {
        var folder = start.standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent("Scenarios/contracts")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The contract of `provider`.
    /// - Throws: `InputError` naming `option` when no contract declares that provider id.
    public func contract(for provider: String, option: String = "--provider") throws(InputError) -> Contract {
        guard let contract = contracts.first(where: { $0.provider == provider }) else {
            throw InputError(
                file: option, expected: "a provider id with a contract (" + contracts.map(\.provider).joined(separator: ", ") + ")",
                found: "\"\(provider)\"")
        }
        return contract
    }

    /// The contract whose operations the recording's requests match: an exact
    /// path match on any interaction first, then the closest documented path.
    public func detect(_ interactions: [Interaction]) -> Contract? {
        var closest: Contract?
        for interaction in interactions {
            for contract in contracts {
                guard let match = contract.operation(for: interaction.request)
                else { continue }
                if match.exact { return contract }
                closest = closest ?? contract
            }
        }
        return closest
    }
}
