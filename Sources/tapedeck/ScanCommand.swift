import ArgumentParser
import Foundation
import Tapedeck

/// `tapedeck scan`: proves no secret survived in cassettes and HAR files.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Check cassettes and HAR files for secrets that survived redaction.",
        discussion: """
            Two opinions: every string is read by the scan's own detectors, which share no rule with the \
            redactor (the vendors' token formats, entropy judged by character set, credential words near a \
            value, and the same inside base64, percent-encoded and JSON-in-string layers); and every \
            interaction is read as the redactor does (bodies decoded, JSON by key, forms, XML, \
            multipart, cookies, HAR cookies and postData.params) and reports whatever the redactor would \
            still replace: credential headers, parameters and members by name (case and separators \
            folded), high-entropy values under credential-like names, credential shapes anywhere (AWS, \
            Google, JWT, PEM keys, GitHub, Slack, Stripe, Yandex, Alibaba, IAM PKI tokens), and the values \
            of --secret-env variables; with --rules, the rules file's names, paths and patterns too. Only a \
            value that is a placeholder as a whole is clean. Prints the \
            file, the JSON path and the detector of each finding, never the secret. A baseline file \
            (--baseline) lists findings accepted on purpose; --update-baseline writes the current findings into it.

            Exit status: 0 clean, 1 findings, 2 unreadable or unparseable input.
            """
    )

    @Argument(help: "Cassettes, HAR files, or folders of them (searched for *.json and *.har).")
    var paths: [String]

    @OptionGroup var redaction: RedactionOptions

    @Option(help: "A baseline file of accepted findings ({\"accepted\": [\"file: path: kind\", …]}).")
    var baseline: String?

    @Flag(help: "Write the current findings into --baseline, accepting them, and exit 0.")
    var updateBaseline = false

    func run() async throws {
        var scanner = SecretScanner(redactor: try redaction.redactor())
        if updateBaseline {
            guard let baseline else { throw ValidationError("--update-baseline needs --baseline FILE") }
            let findings = try scanner.scan(paths: paths)
            try Data(SecretScanner.baselineDocument(accepting: findings).utf8).write(to: URL(fileURLWithPath: baseline))
            print("\(findings.count) findings accepted in \(baseline)")
            return
        }
        if let baseline { scanner.baseline = try SecretScanner.baseline(from: URL(fileURLWithPath: baseline)) }
        let findings = try scanner.scan(paths: paths)
        for finding in findings { print(finding) }
        guard findings.isEmpty else {
            print("\(findings.count) possible secrets found; redact them (docs/redaction.md) and re-record.")
            throw ExitCode.findings
        }
        print("no secrets found in \(paths.joined(separator: ", "))")
    }
}
