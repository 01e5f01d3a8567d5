import ArgumentParser
import Foundation
import Tapedeck

/// `tapedeck scan`: proves no secret survived in cassettes and HAR files.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Check cassettes and HAR files for secrets that survived redaction.",
        discussion: """
            Reads every interaction as the redactor does (bodies decoded, JSON by key, forms, XML, \
            multipart, cookies, HAR cookies and postData.params) and reports whatever the redactor would \
            still replace: credential headers, parameters and members by name (case and separators \
            folded), high-entropy values under credential-like names, credential shapes anywhere (AWS, \
            Google, JWT, PEM keys, GitHub, Slack, Stripe, Yandex, Alibaba, IAM PKI tokens), and the values \
            of --secret-env variables; with --rules, the rules file's names, paths and patterns too. Only a \
            value that is a placeholder as a whole is clean. Prints the \
            file, the JSON path and the kind of each finding, never the secret.

            Exit status: 0 clean, 1 findings, 2 unreadable or unparseable input.
            """
    )

    @Argument(help: "Cassettes, HAR files, or folders of them (searched for *.json and *.har).")
    var paths: [String]

    @OptionGroup var redaction: RedactionOptions

    func run() async throws {
        let scanner = SecretScanner(redactor: try redaction.redactor())
        let findings = try scanner.scan(paths: paths)
        for finding in findings { print(finding) }
        guard findings.isEmpty else {
            print("\(findings.count) possible secrets found; redact them (docs/redaction.md) and re-record.")
            throw ExitCode.findings
        }
        print("no secrets found in \(paths.joined(separator: ", "))")
    }
}
