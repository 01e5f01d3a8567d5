/// A JSON object whose members keep their source order. Lookup is linear, which
/// is the fastest choice for the small objects API payloads are made of.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection {
    /// One `"key": value` pair.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    public var startIndex: Int { members.startIndex }
    public var endIndex: Int { members.endIndex }
    public subscript(position: Int) -> (key: String, value: JSONValue) {
        (members[position].key, members[position].value)
    }

    public var keys: [String] { members.map(\.key) }

    /// The value of the first member named `key`; setting appends a new member
    /// or replaces the value in place, and setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { members.first(where: { $0.key == key })?.value }
        set {
            let index = members.firstIndex(where: { $0.key == key })
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append(Member(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Appends a member without looking for an existing one (the parser keeps duplicates as found).
    public mutating func append(key: String, value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    /// Applies `transform` to every member's value, keeping the order.
    public func mapValues(_ transform: (String, JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        JSONObject(try members.map { Member(key: $0.key, value: try transform($0.key, $0.value)) })
    }
}
