import Foundation
import Tapedeck
import TapedeckTestSupport
import Testing

/// HAR files from the tools that write them, through the commands a user runs:
/// `import` then `export` gives the HAR back, `check` claims none of them for a
/// built-in contract, and `serve` answers every request with its recorded status and body.
struct HARCommandTests {
    static let fixtures = CheckCommandTests.packageRoot.appendingPathComponent("Tests/TapedeckTests/Fixtures/HAR")
    static let files = [
        "chrome-devtools.har", "firefox.har", "safari.har", "webpagetest.har", "charles.har", "mitmproxy.har", "insomnia.har",
        "insomnia-requests-only.har", "fiddler.har", "polly.har", "playwright.har", "replay.har",
    ]

    @Test(arguments: files)
    func importThenExportGivesTheHARBack(file: String) throws {
        let folder = try scratchFolder("tapedeck-har-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let har = Self.fixtures.appendingPathComponent(file)
        let cassette = folder.appendingPathComponent("imported.json")
        let imported = try TapedeckBinary.run(["import", har.path, "-o", cassette.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let expected = try CassetteStore.load(har)
        #expect(imported.stdout.contains("wrote \(expected.interactions.count) interactions"))
        let back = folder.appendingPathComponent("back.har")
        let exported = try TapedeckBinary.run(["export", cassette.path, "-o", back.path])
        #expect(exported.status == 0, "\(exported.stderr)")
        // The exported HAR is a cassette like the original: the same cassette, whether read from one or the other
        // (the HAR details' members may come in another order).
        #expect(try CassetteStore.load(back).jsonValue.isEquivalent(to: CassetteStore.load(cassette).jsonValue))
        #expect(try CassetteStore.load(cassette).jsonData() == expected.jsonData())
    }

    /// Browser, proxy and recorder HARs of sites that are no provider's: `check` finds no exchange of a
    /// built-in contract in them (a path sharing words with a documented one included) and says so.
    @Test(arguments: files)
    func checkClaimsNoneForABuiltInContract(file: String) throws {
        let result = try TapedeckBinary.run(["check", Self.fixtures.appendingPathComponent(file).path], in: CheckCommandTests.packageRoot)
        #expect(result.status == 2)
        #expect(result.stderr.contains("expected requests to a provider with a contract, found none that match"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// `serve` says once, before serving, what the HAR's import left out and which recorded
    /// headers go out repaired, naming the file, the entry and the request.
    @Test func servingAHARSaysOnceWhatItLeftOutAndWhatItRepairs() throws {
        let folder = try scratchFolder("tapedeck-har-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let har = folder.appendingPathComponent("bug.har")
        try Data(
            #"""
            {"log": {"entries": [
              {"startedDateTime": "2026-11-20T10:00:00.000Z", "time": 1,
               "request": {"method": "GET", "url": "https://x.example/gone", "headers": []},
               "response": {"status": 0, "headers": [], "content": {"size": 0, "mimeType": ""}}},
              {"startedDateTime": "2026-11-20T10:00:01.000Z", "time": 1,
               "request": {"method": "GET", "url": "https://x.example/kept", "headers": []},
               "response": {"status": 200, "headers": [{"name": "X-Joined", "value": "one\ntwo"}, {"name": "Bad Name", "value": "v"}],
                            "content": {"size": 2, "mimeType": "text/plain", "text": "ok"}}}]}}
            """#.utf8
        ).write(to: har)
        let server = try RecordCommandTests.Running(["serve", har.path, "--port", "0"], errors: true)
        _ = server.line(containing: "Serving")
        _ = server.stop(with: SIGTERM)
        let lines = server.errors.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(lines.count == 4, "\(server.errors)")
        #expect(lines.contains { $0.contains("1 of 2 entries were left out") })
        #expect(lines.contains { $0.contains("\(har.path): $.log.entries[0] (GET https://x.example/gone): left out") })
        #expect(lines.contains { $0.contains("\(har.path): interaction 0 (GET https://x.example/kept): header X-Joined: 2 values") })
        #expect(lines.contains { $0.contains("\(har.path): interaction 0 (GET https://x.example/kept): header \"Bad Name\" dropped") })
    }

    /// `tapedeck serve x.har`, then curl of every request the HAR holds: each gets its recorded status and
    /// body (a HEAD its recorded length), whatever headers HTTP could not carry as recorded.
    @Test(arguments: files)
    func servingAHARAnswersEveryRequestAsRecorded(file: String) throws {
        let har = Self.fixtures.appendingPathComponent(file)
        let cassette = try CassetteStore.load(har)
        let folder = try scratchFolder("tapedeck-har-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RecordCommandTests.Running(["serve", har.path, "--port", "0"])
        defer { _ = server.stop(with: SIGTERM) }
        let port = try #require(RecordCommandTests.port(in: server.line(containing: "Serving")))
        for (index, interaction) in cassette.interactions.enumerated() {
            let components = try #require(URLComponents(string: interaction.request.url))
            let target = "http://127.0.0.1:\(port)" + components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
            let body = folder.appendingPathComponent("body-\(index)")
            let head = folder.appendingPathComponent("head-\(index)")
            var arguments = ["-s", "--max-time", "20", "-D", head.path, "-o", body.path, "-w", "%{http_code}"]
            if interaction.request.method == "HEAD" {
                arguments.append("--head")
            } else {
                arguments += ["-X", interaction.request.method]
            }
            if !interaction.request.body.isEmpty {
                let sent = folder.appendingPathComponent("sent-\(index)")
                try interaction.request.body.data.write(to: sent)
                arguments += ["--data-binary", "@" + sent.path, "-H", "Content-Type: " + (interaction.request.headers["Content-Type"] ?? "")]
            }
            let result = try TapedeckBinary.run(program: URL(fileURLWithPath: "/usr/bin/curl"), arguments + [target], timeout: 30)
            let what = "\(file) #\(index) \(interaction.request.method) \(target)"
            #expect(result.status == 0, "\(what): curl \(result.status) \(result.stderr)")
            #expect(result.stdout == String(interaction.response.status), "\(what)")
            let headers = try String(contentsOf: head, encoding: .utf8).lowercased()
            if interaction.request.method == "HEAD" {
                let length = try #require(interaction.response.headers["Content-Length"])
                #expect(headers.contains("content-length: \(length)\r\n"), "\(what): \(headers)")
            } else {
                #expect((try? Data(contentsOf: body)) ?? Data() == interaction.response.body.data, "\(what)")
            }
            for cookie in interaction.response.headers.values(for: "Set-Cookie").flatMap({ $0.split(separator: "\n") }) {
                #expect(headers.contains("set-cookie: \(cookie.lowercased())\r\n"), "\(what): \(headers)")
            }
        }
    }
}
