import Foundation
import Tapedeck

/// A rule a page states between fields of one item (`x-tapedeck-conditions`):
/// when every `when` field holds one of its values and no `when-not` field
/// holds one of its, each `then` field must match its pattern; otherwise each
/// `else` field must. DDM: `process` is "60%"-style while a job is Running and
/// "" otherwise; Yandex: `error` only on a COMPLETED task whose `resultCode` is
/// not OK. A field the item leaves out reads as "" in `when` (proto3 JSON omits
/// a field at its default) and is not judged in `then`/`else` (`required-field` is).
struct ConditionSpec: Sendable {
    /// One field and the pattern its text must match.
    struct Expectation: Sendable {
        var field: String
        var pattern: String
        var expression: NSRegularExpression
    }

    /// The item array the condition applies to (`$.jobs`).
    var items: JSONPath
    var when: [(field: String, values: Set<String>)]
    var whenNot: [(field: String, values: Set<String>)]
    var then: [Expectation]
    var otherwise: [Expectation]
    var seed: String?

    /// Reads a list of conditions, each pattern compiled (a pattern that does not compile is a located error).
    static func read(_ reader: ExtensionReader) throws(InputError) -> [ConditionSpec] {
        try reader.mappings { members, entry throws(InputError) in
            ConditionSpec(
                items: try members.required("items", in: entry).jsonPath(),
                when: try fieldValues(members["when"]), whenNot: try fieldValues(members["when-not"]),
                then: try expectations(members["then"]), otherwise: try expectations(members["else"]),
                seed: try members["seed"]?.string())
        }
    }

    private static func fieldValues(_ reader: ExtensionReader?) throws(InputError) -> [(field: String, values: Set<String>)] {
        guard let reader else { return [] }
        var result: [(field: String, values: Set<String>)] = []
        for (field, list) in try reader.object().sorted(by: { $0.key < $1.key }) {
            var values: Set<String> = []
            for value in try list.array() { values.insert(try value.string()) }
            result.append((field, values))
        }
        return result
    }

    private static func expectations(_ reader: ExtensionReader?) throws(InputError) -> [Expectation] {
        guard let reader else { return [] }
        var result: [Expectation] = []
        for (field, member) in try reader.object().sorted(by: { $0.key < $1.key }) {
            let pattern = try member.string()
            guard let expression = try? NSRegularExpression(pattern: pattern) else {
                throw member.source.error(at: member.path, expected: "a regular expression", found: "\"\(pattern)\", which does not compile")
            }
            result.append(Expectation(field: field, pattern: pattern, expression: expression))
        }
        return result
    }

    /// Whether the condition holds for an item.
    func holds(for item: JSONObject) -> Bool {
        let text: (String) -> String = { item[$0]?.scalarText ?? "" }
        return when.allSatisfy { $0.values.contains(text($0.field)) } && !whenNot.contains { $0.values.contains(text($0.field)) }
    }
}
