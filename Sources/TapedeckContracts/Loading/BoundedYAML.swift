import CYaml
import Tapedeck
import Yams

/// YAML composed with a bound on its size once aliases are expanded. Yams
/// shares an aliased node instead of copying it, but whatever walks the tree
/// (a decoder, a reader, the composer's check for duplicate keys) visits it once
/// per alias: a few hundred bytes of nested aliases ("billion laughs") would take
/// for ever. Contracts and scenarios are measured and composed here, and refused,
/// located, when they grow too large.
enum BoundedYAML {
    /// The most nodes a document may hold with every alias expanded: far above
    /// any contract (the largest bundled one has a few thousand), far below a hang.
    static let maximumNodes = 200_000
    /// The deepest nesting a document may have.
    static let maximumDepth = 256

    /// The document's root node, or `nil` for an empty document. `resolver` says which
    /// scalars get a type tag; `maximumNodes` bounds the document with its aliases expanded
    /// (a published API description holds far more nodes than a scenario).
    /// - Throws: `InputError` with the line and column for malformed YAML, or naming
    ///   the alias that makes the document too large or too deep.
    static func compose(
        _ text: String, file: String, resolver: Resolver = .default, maximumNodes: Int = Self.maximumNodes
    ) throws(InputError) -> Node? {
        try measure(text, file: file, maximumNodes: maximumNodes)
        do {
            return try Yams.compose(yaml: text, resolver)
        } catch let error as YamlError {
            throw located(error, file: file)
        } catch {
            throw InputError(file: file, expected: "well-formed YAML", found: "\(error)")
        }
    }

    /// Counts the document's nodes with every alias expanded, from libyaml's events
    /// and before anything is composed: composing hashes mapping keys, so an alias
    /// used as a key would expand there. Linear in the text; malformed YAML is left
    /// for the composer to report.
    private static func measure(_ text: String, file: String, maximumNodes: Int) throws(InputError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        let refusal = bytes.withUnsafeMutableBufferPointer { buffer -> InputError? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var anchors: [String: Int] = [:]
            /// The containers open around the current event: their anchors and sizes so far.
            var open: [(anchor: String?, size: Int)] = [(nil, 0)]
            var total = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                var added = 0
                if let tag = Self.customTag(of: event) {
                    return Self.refused(
                        expected: "plain YAML (no tags but the standard !!str, !!int and the like)", found: "the tag \(tag)", mark: mark,
                        file: file, hint: "Remove the tag; a contract or scenario needs none")
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    added = 1
                    if let anchor = event.data.scalar.anchor { anchors[String(cString: anchor)] = 1 }
                case YAML_ALIAS_EVENT:
                    added = event.data.alias.anchor.flatMap { anchors[String(cString: $0)] } ?? 1
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    open.append((anchor.map { String(cString: $0) }, 1))
                    total += 1
                    if open.count - 1 > maximumDepth {
                        return Self.refused(expected: "at most \(maximumDepth) levels of nesting", found: "deeper nesting", mark: mark, file: file)
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let closed = open.removeLast()
                    if let anchor = closed.anchor { anchors[anchor] = closed.size }
                    open[open.count - 1].size = min(open[open.count - 1].size + closed.size, maximumNodes + 1)
                default:
                    break
                }
                open[open.count - 1].size = min(open[open.count - 1].size + added, maximumNodes + 1)
                total = min(total + added, maximumNodes + 1)
                if total > maximumNodes {
                    return Self.refused(expected: "at most \(maximumNodes) YAML nodes", found: "more once its aliases are expanded", mark: mark, file: file)
                }
            }
        }
        if let refusal { throw refusal }
    }

    /// An explicit tag that is not one of YAML's standard ones (`!name`, `!<x>`):
    /// nothing in a contract or scenario uses one, and a decoder given one can
    /// fail where it assumed it could not (OpenAPIKit traps on one in an operation's extension).
    private static func customTag(of event: yaml_event_t) -> String? {
        let tag: UnsafeMutablePointer<yaml_char_t>?
        switch event.type {
        case YAML_SCALAR_EVENT: tag = event.data.scalar.tag
        case YAML_SEQUENCE_START_EVENT: tag = event.data.sequence_start.tag
        case YAML_MAPPING_START_EVENT: tag = event.data.mapping_start.tag
        default: return nil
        }
        guard let tag else { return nil }
        let name = String(cString: tag)
        return name.hasPrefix("tag:yaml.org,2002:") ? nil : name
    }

    private static func refused(
        expected: String, found: String, mark: yaml_mark_t, file: String, hint: String = "Are aliases (*name) nested in each other?"
    ) -> InputError {
        InputError(file: file, location: .line(mark.line + 1, column: mark.column + 1), expected: expected, found: found, hint: hint)
    }

    /// A Yams error as an `InputError` with the line and column it names.
    static func located(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            InputError(file: file, location: .line(mark.line, column: mark.column), expected: "well-formed YAML", found: problem)
        default:
            InputError(file: file, expected: "well-formed YAML", found: "\(error)")
        }
    }
}
