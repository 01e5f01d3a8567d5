import Tapedeck

/// What the JSON bodies of one recording look like, inferred from every body:
/// per wildcarded path (`$.tasks[*].status`) the JSON types seen, whether it
/// was null, how often it was present in its parent objects, and the values
/// seen when they are few (enumeration-like). Plus the walk's behaviour: the
/// statuses, and the items on each page.
struct ResponseShape: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var types: Set<String> = []
        var present = 0
        /// Up to `valueLimit` distinct scalar values; `nil` once there were more.
        var values: Set<String>? = []
    }

    static let valueLimit = 12

    var fields: [String: Field] = [:]
    /// How many objects were seen at each path, to tell required from optional members.
    var objects: [String: Int] = [:]
    var statuses: [Int] = []
    /// Items on each page: the length of the largest array in its body.
    var pageSizes: [Int] = []
    /// Each scalar's values in the order seen, per path (for learning volatility).
    var sequences: [String: [String]] = [:]

    /// The shape of `interactions`; bodies are read only from responses whose
    /// status class (2xx, 4xx…) is in `bodiesOf`, so that an error body is never
    /// compared with a page.
    init(_ interactions: [Interaction], bodiesOf classes: Set<Int>? = nil) {
        for interaction in interactions {
            statuses.append(interaction.response.status)
            guard classes?.contains(interaction.response.status / 100) ?? true, let body = interaction.response.body.json else {
                pageSizes.append(0)
                continue
            }
            var largest = 0
            visit(body, at: "$", largest: &largest)
            pageSizes.append(largest)
        }
    }

    private mutating func visit(_ value: JSONValue, at path: String, largest: inout Int) {
        switch value {
        case .object(let object):
            objects[path, default: 0] += 1
            for member in object.members {
                let child = path + "." + member.key
                fields[child, default: Field()].present += 1
                fields[child]?.types.insert(Self.type(of: member.value))
                visit(member.value, at: child, largest: &largest)
            }
        case .array(let elements):
            largest = max(largest, elements.count)
            for element in elements {
                let child = path + "[*]"
                fields[child, default: Field()].present += 1
                fields[child]?.types.insert(Self.type(of: element))
                visit(element, at: child, largest: &largest)
            }
        case .string(let text): record(text, at: path)
        case .number(let lexeme): record(lexeme, at: path)
        case .bool(let flag): record(flag ? "true" : "false", at: path)
        case .null: break
        }
    }

    private mutating func record(_ value: String, at path: String) {
        sequences[path, default: []].append(value)
        guard var values = fields[path]?.values else { return }
        values.insert(value)
        fields[path]?.values = values.count > Self.valueLimit ? nil : values
    }

    /// Whether the field was in every object around it.
    func isRequired(_ path: String) -> Bool {
        guard let field = fields[path], let parent = Self.parent(of: path) else { return false }
        if path.hasSuffix("[*]") { return true }
        return field.present == objects[parent, default: 0]
    }

    /// The values seen look like an enumeration: several but few, each seen more
    /// than once on average (a single repeated value is a constant, not an enumeration).
    func isEnumerationLike(_ path: String) -> Bool {
        guard let field = fields[path], let values = field.values, values.count >= 2 else { return false }
        return field.present >= 2 * values.count
    }

    static func parent(of path: String) -> String? {
        if path.hasSuffix("[*]") { return String(path.dropLast(3)) }
        guard let dot = path.lastIndex(of: ".") else { return nil }
        return String(path[..<dot])
    }

    static func type(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
