import Tapedeck
import Yams

/// The text of a contract document, kept while loading so errors can name the
/// line a YAML path is on.
struct ContractSource {
    let file: String
    let root: Node?

    init(file: String, text: String) {
        self.file = file
        root = try? BoundedYAML.compose(text, file: file)
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
