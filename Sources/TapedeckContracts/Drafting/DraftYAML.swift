import Foundation

/// A small block-style YAML writer for drafted contracts: mappings, sequences,
/// flow lists of scalars and `#` comments, every string that is not a plain
/// word written as a JSON string (which YAML reads as is).
struct DraftYAML {
    private(set) var text = ""
    private var depth = 0

    /// How deep the next line is: for a writer that must stay within a reader's bound.
    var level: Int { depth }

    /// `key: value` on one line.
    mutating func scalar(_ key: String, _ value: DraftScalar) {
        keyed(key, value.yaml)
    }

    /// `key: [a, b]`.
    mutating func list(_ key: String, _ values: [DraftScalar]) {
        keyed(key, "[" + values.map(\.yaml).joined(separator: ", ") + "]")
    }

    /// `key:` and the lines `body` writes (a mapping's, or sequence entries with `entry`), one level deeper.
    mutating func mapping(_ key: String, _ body: (inout DraftYAML) -> Void) {
        keyed(key, nil)
        nested(body)
    }

    /// The longest key written as a simple `key:`: YAML readers (libyaml) take at most
    /// 1024 characters before the `:` of an implicit key. A longer key is written explicitly
    /// (`? key` and `: value` on lines of their own), which has no such bound.
    static let longestImplicitKey = 1_000

    private mutating func keyed(_ key: String, _ value: String?) {
        let written = Self.key(key)
        if written.utf8.count <= Self.longestImplicitKey {
            line(written + ":" + (value.map { " " + $0 } ?? ""))
        } else {
            line("? " + written)
            line(":" + (value.map { " " + $0 } ?? ""))
        }
    }

    /// `- ` and the mapping `body` writes as one sequence entry.
    mutating func entry(_ body: (inout DraftYAML) -> Void) {
        var inner = DraftYAML()
        inner.depth = depth + 1
        body(&inner)
        let lines = inner.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (index, written) in lines.enumerated() {
            let trimmed = written.dropFirst(2 * (depth + 1))
            text += String(repeating: "  ", count: depth) + (index == 0 ? "- " : "  ") + trimmed + "\n"
        }
    }

    /// `- value` in a sequence of scalars.
    mutating func item(_ value: DraftScalar) { line("- " + value.yaml) }

    /// A `# …` comment line (each line of `note`).
    mutating func comment(_ note: String) {
        for part in note.split(separator: "\n") { line("# " + part) }
    }

    mutating func nested(_ body: (inout DraftYAML) -> Void) {
        depth += 1
        body(&self)
        depth -= 1
    }

    private mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    /// A key written plain when it is a simple word, else quoted.
    static func key(_ key: String) -> String {
        let plain =
            key.first.map { $0.isLetter || $0 == "_" } == true
            && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }
        return plain ? key : DraftScalar.string(key).yaml
    }
}
