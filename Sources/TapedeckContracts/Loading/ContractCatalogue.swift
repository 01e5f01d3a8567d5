public import Foundation
public import Tapedeck
public import TapedeckProviders

/// The contracts and provider profiles Tapedeck knows: the built-in ones shipped
/// inside the binary, plus a folder's (`--contracts PATH`, else the nearest
/// `Scenarios/contracts`), which add providers or replace built-in ones by id.
public struct ContractCatalogue: Sendable {
    /// The contracts, one per provider.
    public let contracts: [Contract]
    /// The provider profiles (authentication, volatile parts, redaction, detection).
    public let profiles: ProfileCatalogue

    /// A catalogue of contracts and profiles already loaded.
    public init(contracts: [Contract], profiles: ProfileCatalogue = ProfileCatalogue()) {
        self.contracts = contracts
        self.profiles = profiles
    }

    /// Loads every contract (`*.yaml`) and provider profile (`*.profile.json`) in `directory`.
    /// - Throws: `InputError` when the folder cannot be read or a document does not parse.
    public init(directory: URL) throws(InputError) {
        let (files, profiles) = try Self.documents(inFolder: directory)
        var contracts: [Contract] = []
        for file in files { contracts.append(try Contract(contentsOf: file)) }
        self.init(contracts: contracts, profiles: try Self.loadProfiles(profiles))
    }

    /// The built-in contracts and profiles (the five providers), shipped as resources.
    public static let builtIn: ContractCatalogue = {
        do {
            return try ContractCatalogue(directory: ProfileCatalogue.builtInFolder)
        } catch {
            preconditionFailure("a built-in contract does not load: \(error)")
        }
    }()

    /// The catalogue a command uses: the built-in one, with the documents of `path`
    /// (a folder, a contract, or a profile) or else of the nearest `Scenarios/contracts`
    /// above `start` added, replacing built-in ones of the same provider id.
    /// - Throws: `InputError` naming `path` when it does not exist or a document does not read.
    /// `overlays` apply to each contract `path` names (`--contracts spec.yaml --overlay tapedeck.overlay.yaml`).
    public static func resolve(
        _ path: String?, overlays: [Overlay] = [], from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws(InputError) -> ContractCatalogue {
        let (contracts, profiles) = try documents(path, from: start)
        var added: [Contract] = []
        for file in contracts { added.append(try Contract(contentsOf: file, overlays: overlays)) }
        return builtIn.adding(ContractCatalogue(contracts: added, profiles: try Self.loadProfiles(profiles)))
    }

    /// The profiles a command uses, found as `resolve` finds them, without reading
    /// any contract (recording and replaying need no contract).
    /// - Throws: `InputError` naming `path` when it does not exist or a profile does not read.
    public static func profiles(
        _ path: String?, from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    )
        throws(InputError) -> ProfileCatalogue
    {
        var catalogue = builtIn.profiles
        for profile in try loadProfiles(documents(path, from: start).profiles).profiles { catalogue = catalogue.adding(profile) }
        return catalogue
    }

    private static func loadProfiles(_ files: [URL]) throws(InputError) -> ProfileCatalogue {
        try ProfileCatalogue.loading(files)
    }

    /// The contract and profile files `path` names (see `resolve`).
    private static func documents(_ path: String?, from start: URL) throws(InputError) -> (contracts: [URL], profiles: [URL]) {
        guard let path else {
            guard let found = defaultDirectory(from: start) else { return ([], []) }
            return try documents(inFolder: found)
        }
        let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : start.appendingPathComponent(path)).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw InputError(file: path, expected: "a folder of contracts and profiles, a contract or a profile", found: "no such file")
        }
        if isFolder.boolValue { return try documents(inFolder: url) }
        if ProfileCatalogue.isProfile(url.lastPathComponent) { return ([], [url]) }
        // A contract's profile beside it: `<name>.profile.json` or `profile.json`.
        let folder = url.deletingLastPathComponent()
        let candidates = [url.deletingPathExtension().lastPathComponent + ".profile.json", "profile.json"].map { folder.appendingPathComponent($0) }
        return ([url], candidates.first { FileManager.default.fileExists(atPath: $0.path) }.map { [$0] } ?? [])
    }

    private static func documents(inFolder folder: URL) throws(InputError) -> (contracts: [URL], profiles: [URL]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw InputError(file: folder.path, expected: "a folder of contracts and provider profiles", found: error.localizedDescription)
        }
        return (
            // An overlay beside its description is applied to it, not read as a contract.
            names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.contains(".overlay.") }.map { folder.appendingPathComponent($0) },
            names.filter(ProfileCatalogue.isProfile).map { folder.appendingPathComponent($0) }
        )
    }

    /// The same catalogue with `other`'s contracts and profiles added, replacing those of the same provider id.
    public func adding(_ other: ContractCatalogue) -> ContractCatalogue {
        let replaced = Set(other.contracts.map(\.provider))
        var profiles = self.profiles
        for profile in other.profiles.profiles { profiles = profiles.adding(profile) }
        return ContractCatalogue(contracts: contracts.filter { !replaced.contains($0.provider) } + other.contracts, profiles: profiles)
    }

    /// The `Scenarios/contracts` folder in `start` or the nearest parent that has one.
    public static func defaultDirectory(
        from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    )
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

    /// The contract of the provider the recording's requests are for: the first request
    /// a profile recognises (`ProfileCatalogue.detect`, the one provider detection)
    /// decides; when none is, the contract with the closest documented path. Only
    /// requests on a host the contract answers at count (`ContractHosts`).
    public func detect(_ interactions: [Interaction]) -> Contract? {
        for interaction in interactions {
            let target = RequestTarget(request: interaction.request)
            let host = URLComponents(string: interaction.request.url)?.host
            if let profile = profiles.detect(host: host, segments: target.segments, parameters: target.parameters),
                let contract = contracts.first(where: { $0.provider == profile.id }), hosts(of: contract).admits(url: interaction.request.url)
            {
                return contract
            }
        }
        for interaction in interactions {
            if let contract = contracts.first(where: {
                hosts(of: $0).admits(url: interaction.request.url) && $0.operation(for: interaction.request) != nil
            }) {
                return contract
            }
        }
        return nil
    }

    /// The hosts `contract` answers at: its profile's and its document's `servers`.
    func hosts(of contract: Contract) -> ContractHosts {
        let profile = profiles.profile(contract.provider)
        return ContractHosts(patterns: (profile?.hosts ?? []) + [profile?.baseURL?.host].compactMap { $0 } + contract.serverHosts)
    }
}
