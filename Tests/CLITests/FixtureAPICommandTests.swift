import Foundation
import Testing
import TapedeckTestSupport

/// A test API defined only by files (`Tests/APIs/widgets`) the whole way on the
/// command line: served by the fixture server, recorded through `tapedeck record`
/// by a plain Python client, drafted by `tapedeck contract draft`, and checked.
struct FixtureAPICommandTests {
    static let root = ContractDraftCommandTests.root

    /// Follows the `Link` rel="next" URLs through the proxy at `proxy` (their origin is the
    /// upstream's, as the API wrote them), at most 10 pages; a page asked before ends the walk.
    static let client = #"""
        import re, sys, urllib.request
        proxy, url = sys.argv[1], sys.argv[2]
        seen = set()
        while url and url not in seen and len(seen) < 10:
            seen.add(url)
            request = urllib.request.Request(proxy + url, headers={"Authorization": "Bearer wt-cli-token"})
            with urllib.request.urlopen(request, timeout=10) as answer:
                link = answer.headers.get("Link", "")
            found = re.search(r'<https?://[^/>]+([^>]*)>; rel="next"', link)
            url = found.group(1) if found else None
        print(len(seen))
        """#

    /// Records one walk of the widgets API (with `plant`) through the proxy into `cassette`.
    static func record(plant: String?, into cassette: URL) throws {
        let server = try RecordCommandTests.Running(
            ["python3", root.appendingPathComponent("Tests/APIs/fixture_server.py").path, "--api", "widgets", "--port", "0"]
                + (plant.map { ["--plant", $0] } ?? []),
            program: URL(fileURLWithPath: "/usr/bin/env"))
        defer { _ = server.stop(with: SIGTERM, within: 10) }
        let upstream = try #require(server.line(containing: "listening on").flatMap { Int($0.split(separator: " ").last ?? "") })
        let proxy = try RecordCommandTests.Running(["record", "--upstream", "http://127.0.0.1:\(upstream)", "--cassette", cassette.path, "--port", "0"])
        let port = try #require(RecordCommandTests.port(in: proxy.line(containing: "Recording")))
        let walk = try TapedeckBinary.run(
            program: URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", "-c", client, "http://127.0.0.1:\(port)", "/repos/octo/tapedeck/widgets?per_page=20"], timeout: 60)
        #expect(walk.status == 0, "\(walk.stderr)")
        #expect(proxy.stop(with: SIGINT, within: 30) == 0)
    }

    @Test func aWidgetsRecordingThroughTheProxyDraftsAContractThatCatchesAPlantedDuplicate() throws {
        let folder = scratchRoot.appendingPathComponent("fixture-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clean = folder.appendingPathComponent("widgets.json")
        try Self.record(plant: nil, into: clean)
        #expect(!(try String(contentsOf: clean, encoding: .utf8)).contains("wt-cli-token"))
        let written = try TapedeckBinary.run(
            ["check", clean.path, "--contracts", Self.root.appendingPathComponent("Tests/APIs/widgets/contract.yaml").path], in: folder)
        #expect(written.status == 0, "\(written.stdout)\(written.stderr)")
        #expect(written.stdout.contains("1 walks, 3 pages, 45 items"), "\(written.stdout)")

        let draft = folder.appendingPathComponent("widgets.yaml")
        let drafted = try TapedeckBinary.run(["contract", "draft", clean.path, "-o", draft.path, "--provider", "widgets"], in: folder)
        #expect(drafted.status == 0, "\(drafted.stderr)")
        #expect(drafted.stderr.contains("sure: link-header: the next request was the previous answer's Link rel=\"next\" URL on 2 of 2 page turns"))
        #expect(try TapedeckBinary.run(["check", clean.path, "--contracts", draft.path], in: folder).status == 0)

        let duplicated = folder.appendingPathComponent("duplicate.json")
        try Self.record(plant: "duplicate", into: duplicated)
        let caught = try TapedeckBinary.run(["check", duplicated.path, "--contracts", draft.path, "--format", "github"], in: folder)
        #expect(caught.status == 1)
        #expect(caught.stdout.hasPrefix("::error file=\(duplicated.path),title=no-duplicates (widgets)::"), "\(caught.stdout)")
    }
}
