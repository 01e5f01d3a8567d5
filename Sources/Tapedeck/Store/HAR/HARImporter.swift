public import Foundation

/// Turns a HAR 1.2 file from any tool that writes one (browsers' devtools,
/// WebPageTest, mitmproxy, Charles, Fiddler, Insomnia, Polly.JS, Playwright,
/// Replay) into a cassette, redacting on the way in, so a bug report becomes a
/// replayable cassette and an export gives the HAR back.
public struct HARImporter: Sendable {
    public var redactor: Redactor

    public init(redactor: Redactor = .standard) { self.redactor = redactor }

    /// The cassette the HAR's whole exchanges make, redacted.
    /// - Throws: `InputError` naming the file when it is not JSON or has no `log.entries`.
    public func cassette(fromHAR data: Data, file: String) throws(InputError) -> Cassette {
        try importing(data, file: file).cassette
    }

    /// The cassette the HAR's whole exchanges make, redacted, and a warning for each entry left out
    /// (status 0, no response, an aborted request) or value repaired. A HAR whose entries
    /// are requests only gives an empty cassette and says so.
    /// - Throws: `InputError` naming the file when it is not JSON or has no `log.entries`.
    public func importing(_ data: Data, file: String) throws(InputError) -> HARImport {
        try importing(document: Self.document(data, file: file), file: file)
    }

    /// `importing(_:file:)` of a HAR document already parsed (by `document(_:file:)`).
    package func importing(document root: JSONValue, file: String) throws(InputError) -> HARImport {
        let (read, warnings, skipped) = try Self.read(root, file: file)
        let redacted = redactor.redact(read.map { $0.interaction })
        let interactions = zip(read, redacted).map { HARRedaction.scrub($0.interaction, redacted: $1) }
        var log = root["log"]?.objectValue ?? JSONObject()
        log["entries"] = nil
        // Entries are named by their redacted URL: the URL of a skipped one may hold a secret too.
        var notes = warnings.map { warning in
            warning.url.isEmpty
                ? warning.text
                : warning.text.replacingOccurrences(of: warning.url, with: redactor.redacted(RecordedRequest(method: "GET", url: warning.url)).url)
        }
        if skipped > 0 {
            notes.append(
                read.isEmpty
                    ? "no entry of \(skipped) is a whole exchange: this HAR holds requests only, so the cassette is empty"
                    : "\(skipped) of \(skipped + read.count) entries were left out, as they are not whole exchanges")
        }
        return HARImport(cassette: Cassette(interactions: interactions, har: log), warnings: notes, skipped: skipped)
    }

    /// The HAR's whole exchanges as interactions, as they are (not redacted), in order.
    /// - Throws: `InputError` naming the file and the JSON path when there is no `log.entries`.
    package static func interactions(fromHAR root: JSONValue, file: String) throws(InputError) -> [Interaction] {
        try read(root, file: file).entries.map { $0.interaction }
    }

    /// The JSON of a HAR file, after a byte-order mark (Fiddler, some Windows tools write one).
    package static func document(_ data: Data, file: String) throws(InputError) -> JSONValue {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = bytes.dropFirst(3)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]),
            let text = String(data: bytes, encoding: .utf16)
        {
            bytes = Data(text.utf8)
        }
        do {
            // The bytes as read (or after the mark): a copy would double a large recording while it is parsed.
            return try JSONParser.parse(bytes)
        } catch {
            throw InputError(file: file, parseError: error)
        }
    }

    private struct Warning {
        var text: String
        var url: String
    }

    private static func read(
        _ root: JSONValue, file: String
    ) throws(InputError) -> (
        entries: [(index: Int, interaction: Interaction)], warnings: [Warning], skipped: Int
    ) {
        let entriesPath = JSONPath.root.appending("log").appending("entries")
        guard let entries = root["log"]?["entries"]?.arrayValue else {
            let found = root["log"]?["entries"] ?? root["log"]
            throw InputError(
                file: file, location: .path(entriesPath), expected: "a HAR file with log.entries",
                found: found.map { $0.typeName == "object" || $0.typeName == "array" ? "an \($0.typeName)" : $0.typeName } ?? "nothing")
        }
        var reader = HAREntryReader()
        var read: [(index: Int, interaction: Interaction)] = []
        var warnings: [Warning] = []
        var skipped = 0
        for (index, entry) in entries.enumerated() {
            let url = entry["request"]?["url"]?.stringValue ?? ""
            let name = "\(entriesPath.appending(index: index)) (\(entry["request"]?["method"]?.stringValue ?? "?") \(url))"
            reader.repairs = []
            do {
                read.append((index, try reader.interaction(entry)))
            } catch {
                skipped += 1
                warnings.append(Warning(text: "\(file): \(name): left out: \(error.reason)", url: url))
            }
            warnings += reader.repairs.map { Warning(text: "\(file): \(name): \($0)", url: url) }
        }
        return (read, warnings, skipped)
    }
}
