import Foundation
import TapedeckTestSupport
import Testing

/// `tapedeck contract draft` and the report formats `check` shares with `drift`, run as a user would.
struct ContractDraftCommandTests {
    static let root = PackageRoot.url

    @Test func aDraftIsWrittenWithItsGuessesOnStandardErrorAndChecksItsRecordingClean() throws {
        let folder = try scratchFolder("draft-command")
        defer { try? FileManager.default.removeItem(at: folder) }
        let recording = Self.root.appendingPathComponent("Cassettes/yandex-backup/small-pages.json").path
        let draft = folder.appendingPathComponent("yandex.yaml").path
        let result = try TapedeckBinary.run(["contract", "draft", recording, "-o", draft, "--provider", "yandex-backup"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("GET /backup/v1/resources/{resource_id}/tasks: sure: token: pageToken took the previous answer's $.nextPageToken"))
        let yaml = try String(contentsOfFile: draft, encoding: .utf8)
        #expect(yaml.contains("x-tapedeck-draft:"))
        // From a folder outside the repository, with the draft named explicitly.
        let check = try TapedeckBinary.run(["check", recording, "--contracts", draft], in: folder)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("no violations"))
    }

    @Test func aRecordingWithoutExchangesIsBadInput() throws {
        let folder = try scratchFolder("draft-command")
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.json")
        try Data(#"{"version": 1, "interactions": []}"#.utf8).write(to: empty)
        let result = try TapedeckBinary.run(["contract", "draft", empty.path], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("empty.json") && result.stderr.contains("at least one recorded exchange"), "\(result.stderr)")
    }

    @Test func checkPrintsMarkdownAndGitHubAnnotations() throws {
        let seed = "Cassettes/otc-ddm/seed-example.json"
        let markdown = try TapedeckBinary.run(["check", "--format", "markdown", seed], in: Self.root)
        #expect(markdown.status == 1)
        #expect(markdown.stdout.hasPrefix("## Tapedeck check\n\n| recording | provider | exchange |"))
        #expect(markdown.stdout.contains("| enum-value | `$.jobs[0].status` |"))
        let github = try TapedeckBinary.run(["check", "--format", "github", seed], in: Self.root)
        #expect(github.status == 1)
        #expect(github.stdout.hasPrefix("::error file=\(seed),title=enum-value (otc-ddm)::exchange 0 (walk 0, page 0) $.jobs[0].status"))
        #expect(github.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("::error ") })
    }

    @Test func enumValuedOptionsListTheirValuesInHelp() throws {
        // argument-parser wraps help at the terminal width: compare with the line breaks taken out.
        func help(_ arguments: [String]) throws -> String {
            try TapedeckBinary.run(arguments + ["--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        #expect(try help(["check"]).contains("(values: text, json, junit, html, markdown, github; default: text)"))
        #expect(try help(["drift"]).contains("(values: breaking, possibly-breaking, any; default: breaking)"))
        #expect(try help(["drift"]).contains("(values: text, json, junit, markdown, github, html; default: text)"))
        #expect(try help(["record"]).contains("(values: all, missing; default: all)"))
        #expect(try help(["serve"]).contains("(values: never, missing; default: never)"))
        let bad = try TapedeckBinary.run(["check", "--format", "yaml", "x.json"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("markdown"), "\(bad.stderr)")
    }
}
