import ArgumentParser
import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckProviders

/// How a command that writes cassettes redacts: the standard rules, the provider
/// profiles' (their extra names and shapes, the values of the credential variables
/// they name, their volatile parameters), a rules file (docs/redaction.md), and
/// environment variables whose values are secrets.
struct RedactionOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A redaction rules file (JSON; see docs/redaction.md).")
    var rulesFile: String?

    @Option(name: .customLong("secret-env"), help: "An environment variable whose value is scrubbed wherever it appears. Repeatable.")
    var secretEnvironment: [String] = []

    @Option(
        help: ArgumentHelp(
            "Contracts and provider profiles to add to the built-in ones (a folder, a contract or a profile).",
            discussion: "Default: Scenarios/contracts here or above.", valueName: "path"))
    var contracts: String?

    /// The known providers' profiles: the built-in ones plus `--contracts` (or the nearest `Scenarios/contracts`).
    /// - Throws: `InputError` naming a document that does not read.
    func profiles() throws -> ProfileCatalogue { try ContractCatalogue.profiles(contracts) }

    /// The standard redactor taught the provider profiles, with the rules file and the named secrets added.
    /// - Throws: `InputError` naming the rules file or profile and the JSON path of a bad entry.
    func redactor(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Redactor {
        var redactor = try profiles().redactor(.standard, environment: environment)
            .addingLiteralSecrets(fromVariables: secretEnvironment, in: environment)
        if let rulesFile { redactor = try redactor.adding(rulesFrom: URL(fileURLWithPath: rulesFile), environment: environment) }
        return redactor
    }
}
