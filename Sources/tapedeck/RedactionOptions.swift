import ArgumentParser
import Foundation
import Tapedeck

/// How a command that writes cassettes redacts: the standard rules, a rules
/// file (docs/redaction.md), and environment variables whose values are secrets.
struct RedactionOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A redaction rules file (JSON; see docs/redaction.md).")
    var rulesFile: String?

    @Option(name: .customLong("secret-env"), help: "An environment variable whose value is scrubbed wherever it appears. Repeatable.")
    var secretEnvironment: [String] = []

    /// The standard redactor with the rules file and the named secrets added.
    /// - Throws: `InputError` naming the rules file and the JSON path of a bad entry.
    func redactor(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Redactor {
        var redactor = Redactor.standard.addingLiteralSecrets(secretEnvironment.compactMap { environment[$0] })
        if let rulesFile { redactor = try redactor.adding(rulesFrom: URL(fileURLWithPath: rulesFile), environment: environment) }
        return redactor
    }
}
