public import Foundation
public import Tapedeck

extension ContractDraft {
    /// The draft's guesses (`x-tapedeck-…` blocks) as an OpenAPI Overlay for an existing
    /// description, so the description stays as published: an action per drafted operation
    /// the description documents (matched by method and path, under the servers' base path),
    /// and the provider id. Operations the description does not document are returned as notes.
    /// The overlay is applied to the description and loaded before it is returned.
    /// - Throws: `InputError` when the description does not read, documents none of the
    ///   drafted operations, or would not load with the overlay applied.
    public func overlay(for description: URL) throws(InputError) -> (text: String, notes: [String]) {
        let data = try InputError.read(description, expecting: "a readable API description")
        let text = try InputError.text(data, file: description.path, expecting: "a UTF-8 API description")
        let document = try ContractDocument(text: text, file: description.path)
        let (draftRoot, _) = try ContractDocument.tree(yaml, file: "the draft")
        let templates = (document.root["paths"]?.objectValue?.keys ?? []).map { ($0, PathSegment.parse($0)) }
        let bases = [[]] + ContractServers(document: document).basePaths
        var actions: [JSONValue] = []
        var notes: [String] = []
        if let provider = draftRoot["x-tapedeck-provider"], document.root["x-tapedeck-provider"] == nil {
            actions.append(["target": "$", "update": .object(JSONObject([.init(key: "x-tapedeck-provider", value: provider)]))])
        }
        for path in draftRoot["paths"]?.objectValue?.members ?? [] {
            let drafted = PathSegment.parse(path.key)
            for method in ContractLoader.methods {
                guard case .object(let operation)? = path.value[method] else { continue }
                var extensions = JSONObject(operation.members.filter { $0.key.hasPrefix("x-tapedeck-") })
                // The notes on the drafted schemas do not apply to the description's own.
                extensions["x-tapedeck-draft"] = extensions["x-tapedeck-draft"]?.arrayValue
                    .map { notes in JSONValue.array(notes.filter { $0.stringValue?.hasPrefix("schema:") != true }) }
                guard !extensions.isEmpty else { continue }
                let match = templates.first { template in
                    document.root["paths"]?[template.0]?[method] != nil
                        && bases.contains { Self.fits(drafted, Array($0.map(PathSegment.literal)) + template.1) }
                }
                guard let match else {
                    notes.append("\(method.uppercased()) \(path.key): the description documents no such operation; its guesses are left out")
                    continue
                }
                actions.append(["target": .string("$.paths['\(match.0)'].\(method)"), "update": .object(extensions)])
            }
        }
        guard !actions.isEmpty else {
            throw InputError(
                file: description.path, expected: "operations the recording exercised", found: "none of them documented",
                hint: "Is this the description of the recorded API?")
        }
        let title = document.root["info"]?["title"]?.stringValue ?? description.lastPathComponent
        let overlay: JSONValue = [
            "overlay": "1.0.0", "info": ["title": .string("Tapedeck extensions for \(title)"), "version": "1.0.0"],
            "actions": .array(actions),
        ]
        let written = JSONWriter(style: .pretty()).string(from: overlay) + "\n"
        // Nothing is written that `check` could not load.
        _ = try Contract(yaml: text, file: description.path, overlays: [try Overlay(text: written, file: "the drafted overlay")])
        return (written, notes)
    }

    /// Whether a drafted path fits a documented one: literals equal, a parameter on either side fits any segment.
    private static func fits(_ drafted: [PathSegment], _ documented: [PathSegment]) -> Bool {
        drafted.count == documented.count
            && zip(drafted, documented).allSatisfy { pair in
                switch pair {
                case (.literal(let a), .literal(let b)): a == b
                default: true
                }
            }
    }
}
