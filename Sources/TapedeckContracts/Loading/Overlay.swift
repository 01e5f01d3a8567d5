public import Foundation
public import Tapedeck

/// An OpenAPI Overlay (Overlay Specification 1.0): `actions`, each a `target`
/// JSONPath into a description and an `update` to merge there or `remove: true`.
/// It keeps Tapedeck's `x-tapedeck-…` blocks beside a published description, so
/// the description stays as its provider publishes it.
public struct Overlay: Sendable {
    struct Action: Sendable {
        var target: JSONPathQuery
        var update: JSONValue?
        var remove: Bool
        var index: Int
    }

    /// The file the overlay was read from, for messages.
    public let file: String
    let actions: [Action]

    /// Reads an overlay document (JSON or YAML).
    /// - Throws: `InputError` located by line or path: not an overlay (no `overlay: 1.x`),
    ///   an action without a `target`, a target that is not a JSONPath Tapedeck reads.
    public init(text: String, file: String) throws(InputError) {
        self.file = file
        let (value, yaml) = try ContractDocument.tree(text, file: file)
        let source = ContractSource(file: file, root: yaml)
        guard case .object(let root) = value, let version = root["overlay"]?.scalarText, version.hasPrefix("1.") else {
            throw source.error(at: ["overlay"], expected: "an OpenAPI Overlay document (`overlay: 1.0.0`)", found: value["overlay"]?.shown ?? "none")
        }
        guard case .array(let entries)? = root["actions"] else {
            throw source.error(at: ["actions"], expected: "a list of actions", found: root["actions"]?.shown ?? "none")
        }
        var actions: [Action] = []
        for (index, entry) in entries.enumerated() {
            let path = ["actions", String(index)]
            guard case .string(let target)? = entry["target"] else {
                throw source.error(
                    at: path + ["target"], expected: "a JSONPath target such as $.paths['/v1/charges'].get", found: entry["target"]?.shown ?? "none")
            }
            guard let query = JSONPathQuery(target) else {
                throw source.error(
                    at: path + ["target"], expected: "a JSONPath of names, indexes, `*`, `..` and `[?@.name == 'value']` filters",
                    found: "\"\(target)\"")
            }
            let remove = entry["remove"] == .bool(true)
            guard remove || entry["update"] != nil else {
                throw source.error(at: path, expected: "an `update` or `remove: true`", found: "neither")
            }
            actions.append(Action(target: query, update: entry["update"], remove: remove, index: index))
        }
        self.actions = actions
    }

    /// Reads the overlay at `url`.
    /// - Throws: `InputError` when it cannot be read or is not an overlay.
    public init(contentsOf url: URL) throws(InputError) {
        let data = try InputError.read(url, expecting: "a readable overlay document")
        try self.init(text: InputError.text(data, file: url.path, expecting: "a UTF-8 overlay document"), file: url.path)
    }

    /// The overlays found beside a description by name: `spec.overlay.yaml` (or `.yml`, `.json`) for `spec.yaml`.
    static func beside(_ url: URL) -> [URL] {
        let stem = url.deletingPathExtension().lastPathComponent
        return ["yaml", "yml", "json"].map { url.deletingLastPathComponent().appendingPathComponent("\(stem).overlay.\($0)") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The document with every action applied in order.
    /// - Throws: `InputError` at the action whose target matches nothing in the document.
    func apply(to document: ContractDocument) throws(InputError) -> ContractDocument {
        var root = JSONValue.object(document.root)
        for action in actions {
            let matches = action.target.matches(in: root)
            guard !matches.isEmpty else {
                throw InputError(
                    file: file, location: .path(JSONPath(components: [.key("actions"), .index(action.index), .key("target")])),
                    expected: "a target that matches part of \(document.source.file)", found: "\"\(action.target.text)\", which matches nothing",
                    hint: "Check the path's spelling against the description (paths are keys: $.paths['/v1/charges'])")
            }
            // Last match first, so removing an array element leaves the others' indexes as found.
            for pointer in matches.reversed() {
                if action.remove {
                    root.remove(at: pointer)
                } else if let update = action.update {
                    root.merge(update, at: pointer)
                }
            }
        }
        guard case .object(let object) = root else { return document }
        return ContractDocument(source: document.source, root: object, dialect: document.dialect)
    }
}

extension JSONValue {
    /// Merges `update` into the value at `pointer`: objects member by member (recursively),
    /// an array gets the update appended, anything else is replaced.
    fileprivate mutating func merge(_ update: JSONValue, at pointer: ArraySlice<String>) {
        guard let token = pointer.first else {
            switch (self, update) {
            case (.object(var object), .object(let changes)):
                for member in changes.members {
                    var value = object[member.key] ?? .null
                    if object[member.key] == nil { value = member.value } else { value.merge(member.value, at: []) }
                    object[member.key] = value
                }
                self = .object(object)
            case (.array(let elements), .array(let more)): self = .array(elements + more)
            case (.array(let elements), _): self = .array(elements + [update])
            default: self = update
            }
            return
        }
        switch self {
        case .object(var object):
            var child = object[token] ?? .null
            child.merge(update, at: pointer.dropFirst())
            object[token] = child
            self = .object(object)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { return }
            elements[index].merge(update, at: pointer.dropFirst())
            self = .array(elements)
        default:
            return
        }
    }

    fileprivate mutating func merge(_ update: JSONValue, at pointer: [String]) { merge(update, at: pointer[...]) }

    /// Removes the value at `pointer` from its parent.
    fileprivate mutating func remove(at pointer: [String]) { remove(at: pointer[...]) }

    private mutating func remove(at pointer: ArraySlice<String>) {
        guard let token = pointer.first else { return }
        let last = pointer.count == 1
        switch self {
        case .object(var object):
            if last {
                object[token] = nil
            } else {
                var child = object[token] ?? .null
                child.remove(at: pointer.dropFirst())
                object[token] = child
            }
            self = .object(object)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { return }
            if last { elements.remove(at: index) } else { elements[index].remove(at: pointer.dropFirst()) }
            self = .array(elements)
        default:
            return
        }
    }
}
