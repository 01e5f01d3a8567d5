public import Foundation
import Tapedeck

/// A scenario file `tapedeck repro` is about to write (`Scenarios/<name>.yaml`,
/// format in `docs/scenarios.md`): a replay-only walk of the reported cassette
/// from its first page that fails while the reported violations are present, or,
/// with `expected` rules, passes only while they keep being caught.
public struct ScenarioDraft: Sendable, Equatable {
    /// The scenario's name: its file name without `.yaml`, the test case name.
    public var name: String
    /// One line saying where the scenario came from and what it proves.
    public var summary: String
    /// The provider id.
    public var provider: String
    /// The cassette, relative to `Cassettes/` (`yandex-backup/<name>.json`).
    public var cassette: String
    /// The first page's path below the provider's base URL.
    public var path: String
    /// The first page's query as recorded, without volatile (signature, nonce, time) parameters.
    public var query: [URLQueryItem]
    /// How many pages the recording holds: the replayed walk stops there.
    public var pages: Int
    /// Rules the scenario expects to report (`expect:`); empty for a scenario that fails on any violation.
    public var expected: [ContractRule]

    /// The YAML text, with every string double-quoted (JSON escapes are valid YAML).
    public var yaml: String {
        func quoted(_ text: String) -> String { JSONValue.string(text).compactText }
        var lines = [
            "# Written by `tapedeck repro`: replays the reported walk and checks it against the contract (docs/repro.md).",
            "summary: " + quoted(summary),
            "provider: " + quoted(provider),
            "cassette: " + quoted(cassette),
            "replay-only: true",
            "request:",
            "  path: " + quoted(path),
        ]
        if !query.isEmpty {
            lines.append("  query:")
            for item in query { lines.append("    \(quoted(item.name)): \(quoted(item.value ?? ""))") }
        }
        lines.append("  pages: \(pages)")
        if !expected.isEmpty { lines.append("expect: [" + expected.map(\.rawValue).joined(separator: ", ") + "]") }
        return lines.joined(separator: "\n") + "\n"
    }
}
