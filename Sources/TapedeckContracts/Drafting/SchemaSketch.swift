import Foundation
import Tapedeck

/// What the values recorded at one place in the bodies have in common, gathered
/// across every page so the drafted schema holds for all of them: the JSON
/// types, the fields every object has, the few values a string takes, the
/// format every string or integer follows.
struct SchemaSketch {
    private var nulls = 0
    private var bools = 0
    private var integers = 0
    private var fractions = 0
    private var strings = 0
    private var objects = 0
    private var arrays = 0
    private var keys: [String] = []
    private var properties: [String: SchemaSketch] = [:]
    private var presence: [String: Int] = [:]
    private var elements: [SchemaSketch] = []
    /// Distinct strings and how often each appeared, until there are too many to be an enumeration.
    private var values: [String: Int] = [:]
    private var tooManyValues = false
    private var smallest: Int64?
    private var largest: Int64?
    private var allDateTimes = true
    private var allUUIDs = true
    private var allDigitStrings = true
    /// The `prefix_` every string starts with, when they all have one (`ch_`).
    private var prefix: String??

    /// The most distinct values a string field may take to be drafted as an enumeration.
    static let enumerationLimit = 8

    mutating func add(_ value: JSONValue) {
        switch value {
        case .null: nulls += 1
        case .bool: bools += 1
        case .number(let lexeme):
            if let integer = Int64(lexeme) {
                integers += 1
                smallest = min(smallest ?? integer, integer)
                largest = max(largest ?? integer, integer)
            } else {
                fractions += 1
            }
        case .string(let text): add(string: text)
        case .array(let members):
            arrays += 1
            if elements.isEmpty, !members.isEmpty { elements = [SchemaSketch()] }
            for member in members { elements[0].add(member) }
        case .object(let object):
            objects += 1
            for member in object.members {
                if properties[member.key] == nil {
                    keys.append(member.key)
                    properties[member.key] = SchemaSketch()
                }
                presence[member.key, default: 0] += 1
                properties[member.key]!.add(member.value)
            }
        }
    }

    private mutating func add(string text: String) {
        strings += 1
        if !tooManyValues {
            values[text, default: 0] += 1
            tooManyValues = values.count > Self.enumerationLimit
        }
        allDateTimes = allDateTimes && TimeFormat.rfc3339.seconds(text) != nil
        allUUIDs = allUUIDs && UUID(uuidString: text) != nil
        allDigitStrings = allDigitStrings && !text.isEmpty && text.count <= 19 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        let head = Self.idPrefix(text)
        prefix = prefix == nil ? .some(head) : (prefix! == head ? prefix : .some(nil))
    }

    /// `ch_` of `ch_3MmlLrLkdIwHu7ix`: letters and an underscore before letters and digits only.
    private static func idPrefix(_ text: String) -> String? {
        guard let mark = text.firstIndex(of: "_"), mark > text.startIndex else { return nil }
        let head = text[..<mark]
        let tail = text[text.index(after: mark)...]
        guard head.count <= 8, head.allSatisfy({ $0.isASCII && $0.isLetter }), tail.count >= 8,
            tail.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        return String(head) + "_"
    }

    /// Writes the schema's keys into the current mapping; `name` is the field's name, for format hints;
    /// what was guessed goes to `notes`, located by `path`.
    /// `enumerations: false` drafts no `enum` (for request parameters, whose recorded values are rarely all there are).
    func write(into yaml: inout DraftYAML, name: String?, notes: inout [String], path: String, enumerations: Bool = true) {
        // A schema nested deeper than a contract may be is left open: the draft must load.
        guard yaml.level < Self.deepestLevel else {
            yaml.scalar("description", .string("Nested deeper than a contract holds: not drafted."))
            notes.append("\(path): nested too deep to draft; any value is accepted below it")
            return
        }
        let types = self.types
        if types.count > 1 {
            // Values that disagree in type (a number on one page, a string on the next):
            // a schema that admits each of them, so that every recorded answer passes.
            notes.append("\(path): values of several JSON types (\(types.joined(separator: ", "))); each is admitted")
            yaml.mapping("anyOf") { yaml in
                for type in types {
                    yaml.entry { yaml in
                        yaml.scalar("type", .string(type))
                        if type != "null" { write(type, into: &yaml, name: name, notes: &notes, path: path, enumerations: enumerations) }
                    }
                }
            }
            return
        }
        let type = types.first ?? "null"
        if nulls > 0, type != "null" {
            yaml.list("type", [.string(type), .string("null")])
        } else {
            yaml.scalar("type", .string(type))
        }
        write(type, into: &yaml, name: name, notes: &notes, path: path, enumerations: enumerations)
    }

    /// The deepest `DraftYAML` level a schema is written at: a contract's YAML may nest
    /// `BoundedYAML.maximumDepth` containers (a sequence entry is two of them for one level),
    /// and its schemas `SchemaProgram.maximumDepth` levels.
    static let deepestLevel = min(BoundedYAML.maximumDepth / 2 - 8, SchemaProgram.maximumDepth - 8)

    /// The JSON types recorded here besides null, integers and fractions counted as one
    /// `number`; just `null` when nothing else was.
    private var types: [String] {
        var types: [String] = []
        if objects > 0 { types.append("object") }
        if arrays > 0 { types.append("array") }
        if strings > 0 { types.append("string") }
        if fractions > 0 { types.append("number") } else if integers > 0 { types.append("integer") }
        if bools > 0 { types.append("boolean") }
        if types.count > 1, nulls > 0 { types.append("null") }
        return types
    }

    /// The keywords of a schema of one `type` besides the type itself.
    private func write(_ type: String, into yaml: inout DraftYAML, name: String?, notes: inout [String], path: String, enumerations: Bool) {
        switch type {
        case "null": notes.append("\(path): only null was recorded; write the type the API documents")
        case "object": writeObject(into: &yaml, notes: &notes, path: path, enumerations: enumerations)
        case "array":
            if let element = elements.first {
                yaml.mapping("items") { element.write(into: &$0, name: name, notes: &notes, path: path + "[*]", enumerations: enumerations) }
            }
        case "string": writeString(into: &yaml, notes: &notes, path: path, enumerations: enumerations)
        case "integer":
            if let format = integerFormat(name: name) {
                yaml.scalar("format", .string(format.rawValue))
                notes.append("\(path): format \(format.rawValue) guessed from the name and the values' range")
            }
        default: break
        }
    }

    /// Property names a contract cannot describe: the contract reader takes `<<` for a YAML
    /// merge key, written in any style, and finds no such property. Left out of the schema
    /// (which admits properties it does not name), with a note.
    static let unwritableKeys: Set<String> = ["<<"]

    private func writeObject(into yaml: inout DraftYAML, notes: inout [String], path: String, enumerations: Bool) {
        let keys = self.keys.filter { !Self.unwritableKeys.contains($0) }
        if keys.count < self.keys.count {
            notes.append("\(path): a property named << (a YAML merge key to the contract reader) is left undescribed")
        }
        let required = keys.filter { presence[$0] == objects }
        if !required.isEmpty { yaml.list("required", required.map { .string($0) }) }
        guard !keys.isEmpty else { return }
        yaml.mapping("properties") { yaml in
            for key in keys {
                let child = path + JSONPath(components: [.key(key)]).description.dropFirst()
                yaml.mapping(key) {
                    properties[key]!.write(into: &$0, name: key, notes: &notes, path: child, enumerations: enumerations)
                }
            }
        }
    }

    private func writeString(into yaml: inout DraftYAML, notes: inout [String], path: String, enumerations: Bool) {
        if allDateTimes {
            yaml.scalar("format", .string("date-time"))
        } else if allUUIDs {
            yaml.scalar("format", .string("uuid"))
            yaml.scalar("pattern", .string("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"))
        } else if allDigitStrings {
            yaml.scalar("format", .string("int64"))
        } else if let prefix = prefix ?? nil {
            yaml.scalar("pattern", .string("^" + prefix + "[0-9A-Za-z]+$"))
        } else if enumerations, !tooManyValues, strings >= 2 * values.count, values.keys.allSatisfy(Self.isWord) {
            yaml.list("enum", values.keys.sorted().map { .string($0) })
            notes.append(
                "\(path): enum of the \(values.count) values seen in \(strings) answers; add any value the API documents but the recording lacks")
        }
    }

    /// A short word-like value (`open`, `ENQUEUED`, `usd`), not free text.
    private static func isWord(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 40
            && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }

    /// `epoch-seconds` or `epoch-millis` for an integer whose name speaks of time and whose values are plausible times.
    private func integerFormat(name: String?) -> TimeFormat? {
        guard let name = name?.lowercased(), let smallest, let largest,
            ["time", "date", "created", "updated", "_at", "timestamp", "expires"].contains(where: name.contains)
        else { return nil }
        if smallest >= 1_000_000_000, largest <= 4_102_444_800 { return .epochSeconds }
        if smallest >= 1_000_000_000_000, largest <= 4_102_444_800_000 { return .epochMillis }
        return nil
    }
}
