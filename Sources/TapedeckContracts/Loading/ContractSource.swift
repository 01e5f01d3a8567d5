import Tapedeck
import Yams

/// A contract document's composed YAML, kept while loading so errors can name the
/// line a path is on.
struct ContractSource {
    let file: String
    let root: Node?

    /// `root` is the composed YAML, or `nil` for a JSON document (whose errors name a path, not a line).
    init(file: String, root: Node?) {
        self.file = file
        self.root = root
    }

    /// An error at `path` (YAML keys and sequence indexes), with the line when it can be found.
    func error(at path: [String], expected: String, found: String, hint: String? = nil) -> InputError {
        let jsonPath = JSONPath(components: path.map { .key($0) })
        var node = root
        for key in path {
            if let index = Int(key), let sequence = node?.sequence, sequence.indices.contains(index) {
                node = sequence[index]
            } else {
                node = node?.mapping?[key]
            }
        }
        let location: InputError.Location =
            if let mark = node?.mark { .lineAndPath(mark.line, column: mark.column, jsonPath) } else { .path(jsonPath) }
        return InputError(file: file, location: location, expected: expected, found: found, hint: hint)
    }
}
