public import Foundation
public import Tapedeck

/// The provider profiles Tapedeck knows: the built-in ones shipped inside the
/// binary, plus those of a folder (`Scenarios/contracts`, `--contracts`), which
/// add providers or replace built-in ones by id. Every piece of provider
/// knowledge the recorder, the redactor, the matcher, detection and the secret
/// scan use comes from here.
public struct ProfileCatalogue: Sendable {
    /// The profiles, by id in the order first seen.
    public private(set) var profiles: [ProviderProfile]

    public init(profiles: [ProviderProfile] = []) {
        self.profiles = []
        for profile in profiles { self = adding(profile) }
    }

    /// The folder of built-in contracts and profiles, shipped as a resource.
    public static var builtInFolder: URL {
        guard let folder = Bundle.module.url(forResource: "BuiltIn", withExtension: nil) else {
            preconditionFailure("the built-in provider documents are missing from the Tapedeck_TapedeckProviders resource bundle")
        }
        return folder
    }

    /// The five built-in providers' profiles.
    public static let builtIn: ProfileCatalogue = {
        do {
            return try ProfileCatalogue().adding(folder: builtInFolder)
        } catch {
            preconditionFailure("a built-in provider profile does not load: \(error)")
        }
    }()

    /// `Redactor.standard` taught the built-in profiles (no environment values): the
    /// default of walks and cassette traits, so a replay ignores Alibaba's `Timestamp`.
    public static let standardRedactor: Redactor = {
        do {
            return try builtIn.redactor(.standard, environment: [:])
        } catch {
            preconditionFailure("a built-in provider profile's redaction rules do not read: \(error)")
        }
    }()

    /// Whether a file is a profile document: `profile.json` or `<id>.profile.json`.
    public static func isProfile(_ name: String) -> Bool { name == "profile.json" || name.hasSuffix(".profile.json") }

    /// The same catalogue with `profile` added, replacing one of the same id.
    public func adding(_ profile: ProviderProfile) -> ProfileCatalogue {
        var copy = self
        if let index = copy.profiles.firstIndex(where: { $0.id == profile.id }) {
            copy.profiles[index] = profile
        } else {
            copy.profiles.append(profile)
        }
        return copy
    }

    /// The same catalogue with every profile document in `folder` added.
    /// - Throws: `InputError` when the folder cannot be read or a profile does not read.
    public func adding(folder: URL) throws(InputError) -> ProfileCatalogue {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw InputError(file: folder.path, expected: "a folder of contracts and provider profiles", found: error.localizedDescription)
        }
        let files = names.sorted().filter(Self.isProfile).map { folder.appendingPathComponent($0) }
        var copy = self
        for profile in try Self.loading(files).profiles { copy = copy.adding(profile) }
        return copy
    }

    /// The profiles of `files`, which add to or replace built-in ones but never each other.
    /// - Throws: `InputError` when a profile does not read, or when two files give one id
    ///   (which one wins would hang on the order files are listed in), naming both files.
    package static func loading(_ files: [URL]) throws(InputError) -> ProfileCatalogue {
        var catalogue = ProfileCatalogue()
        for file in files {
            let profile = try ProviderProfile(contentsOf: file)
            if let earlier = catalogue.profile(profile.id) {
                throw InputError(
                    file: file.path, location: .path(JSONPath.root.appending("id")),
                    expected: "a provider id no other profile has",
                    found: "\"\(profile.id)\", the id of \(earlier.file) too",
                    hint: "Give one of the two profiles another id, or remove one")
            }
            catalogue = catalogue.adding(profile)
        }
        return catalogue
    }

    /// The profile of `id`, if one is known.
    public func profile(_ id: String) -> ProviderProfile? { profiles.first { $0.id == id } }

    /// The provider a request is for: the first profile that recognises it (its
    /// documented path and parameters, else its host). The one provider detection.
    public func detect(host: String?, segments: [String], parameters: [(String, String)]) -> ProviderProfile? {
        profiles.first { $0.recognises(host: host, segments: segments, parameters: parameters) }
    }

    /// `base` taught every profile: its extra names and shapes, its volatile query
    /// parameters (for the matchers it makes), and the values of the credential
    /// variables it names that are set in `environment` (scrubbed wherever they appear).
    /// - Throws: `InputError` naming the profile and the JSON path of a bad redaction rule.
    public func redactor(
        _ base: Redactor = .standard, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(InputError) -> Redactor
    {
        var redactor = base
        for profile in profiles {
            if let rules = profile.redaction {
                redactor = try redactor.adding(rulesDocument: rules, file: profile.file, at: JSONPath.root.appending("redaction"), environment: environment)
            }
            redactor = redactor.ignoringVolatileQueryParameters(profile.volatileQueryParameters)
                .addingLiteralSecrets(fromVariables: profile.environmentVariables, in: environment)
        }
        return redactor
    }
}
