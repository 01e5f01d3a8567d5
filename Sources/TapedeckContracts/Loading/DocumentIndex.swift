import Tapedeck

/// Looks values up by JSON pointer in one document, indexing each large object
/// (a description's `components/schemas` holds thousands of members) by key the
/// first time a pointer passes through it, so resolving every reference of a
/// large description stays linear in its size. A class: the compilers that
/// resolve references share one index.
final class DocumentIndex {
    /// Objects with more members than this are indexed; smaller ones are searched.
    private static let indexedSize = 16

    let root: JSONValue
    private var indexes: [ArraySlice<String>: [String: Int]] = [:]

    init(root: JSONValue) { self.root = root }

    /// The value at `tokens`, if any.
    func value(at tokens: [String]) -> JSONValue? {
        var value = root
        for (depth, token) in tokens.enumerated() {
            switch value {
            case .object(let object) where object.count > Self.indexedSize:
                let prefix = tokens[..<depth]
                if indexes[prefix] == nil {
                    var index: [String: Int] = [:]
                    for (position, member) in object.members.enumerated() where index[member.key] == nil { index[member.key] = position }
                    indexes[prefix] = index
                }
                guard let position = indexes[prefix]?[token] else { return nil }
                value = object.members[position].value
            case .object(let object):
                guard let member = object[token] else { return nil }
                value = member
            case .array(let array):
                guard let index = Int(token), array.indices.contains(index) else { return nil }
                value = array[index]
            default:
                return nil
            }
        }
        return value
    }
}
