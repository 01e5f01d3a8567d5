import Foundation
import TapedeckTestSupport
import Testing

/// `--format html` pages, rendered by a real browser: headless Chromium
/// (`.ci/setup` installs it) lays them out at 1280 and at 400 px, the rendered
/// text shows the findings, and nothing is wider than the frame.
@Suite(.enabled(if: SystemTool.chromium.runs, Comment(rawValue: SystemTool.chromium.absence)))
struct HTMLReportTests {
    static let root = PackageRoot.url
    static let chromium = SystemTool.chromium.path

    /// Chromium's rendering of `page` in a frame `width` px wide (a headless window is
    /// never narrower than 500 px, a frame can be): the rendered text of the page,
    /// and its scroll width, read by a probe in the page around the frame.
    static func render(_ page: String, width: Int, in folder: URL) throws -> (text: String, scrollWidth: Int?) {
        let frame = page.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        let probe = """
            <!DOCTYPE html><body style="margin:0"><script>
            function probe(f) { var d = f.contentDocument; var out = document.createElement('pre'); out.id = 'probe';
              out.textContent = d.documentElement.scrollWidth + '\\n' + d.body.innerText; document.body.appendChild(out); }
            </script><iframe onload="probe(this)" width="\(width)" height="900" style="border:0" srcdoc="\(frame)"></iframe></body>
            """
        let file = folder.appendingPathComponent("probe-\(width).html")
        try probe.write(to: file, atomically: true, encoding: .utf8)
        let dom = try TapedeckBinary.run(
            program: URL(fileURLWithPath: chromium),
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1000", "--dump-dom", file.path]
        ).stdout
        guard let start = dom.range(of: "<pre id=\"probe\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            return ("", nil)
        }
        let lines = dom[start.upperBound..<end.lowerBound].split(separator: "\n", maxSplits: 1)
        let text = (lines.count > 1 ? String(lines[1]) : "").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        return (text, lines.first.flatMap { Int($0) })
    }

    @Test func checksPageShowsEachViolationWithItsExchangeAtBothWidths() throws {
        let folder = try scratchFolder("tapedeck-html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TapedeckBinary.run(["check", "--format", "html", "Cassettes/otc-ddm/seed-example.json"], in: Self.root)
        #expect(result.status == 1)
        let page = result.stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("<link"), "self-contained: no script, nothing loaded")
        for width in [1280, 400] {
            let (text, scrollWidth) = try Self.render(page, width: width, in: folder)
            #expect(text.contains("Tapedeck check: 4 violations"))
            #expect(text.contains("enum-value") && text.contains("$.jobs[0].status") && text.contains("ToBeSwitched"))
            #expect(text.contains("GET https://ddm.eu-de.otc.t-systems.com/v3/"), "the exchange's request line")
            #expect(scrollWidth.map { $0 <= width } == true, "nothing wider than \(width) px: \(scrollWidth ?? -1)")
        }
    }

    @Test func driftsPageShowsTheOldAndNewShapesAtBothWidths() throws {
        let folder = try scratchFolder("tapedeck-html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenarios = folder.appendingPathComponent("Scenarios")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Cassettes"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Scenarios/contracts"), to: scenarios.appendingPathComponent("contracts"))
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("Scenarios/otc-ddm-walk.yaml"), to: scenarios.appendingPathComponent("otc-ddm-walk.yaml"))
        #expect(try TapedeckBinary.run(["drift", "--simulator", "--update"], in: folder).status == 0)
        let result = try TapedeckBinary.run(["drift", "--simulator", "--drift", "field-type", "--format", "html"], in: folder)
        #expect(result.status == 1)
        for width in [1280, 400] {
            let (text, scrollWidth) = try Self.render(result.stdout, width: width, in: folder)
            #expect(text.contains("otc-ddm-walk"))
            #expect(text.contains("type-changed") && text.contains("committed") && text.contains("fresh"))
            #expect(text.contains("string") && text.contains("number"), "the old and new shapes")
            #expect(scrollWidth.map { $0 <= width } == true, "nothing wider than \(width) px: \(scrollWidth ?? -1)")
        }
    }
}
