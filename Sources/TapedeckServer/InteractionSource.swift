import Tapedeck

/// Where a served interaction came from: a cassette file and its place in it.
struct InteractionSource: Sendable {
    var cassette: String
    var index: Int

    var json: JSONValue { json(adding: []) }

    /// The source, followed by more members.
    func json(adding more: [JSONObject.Member]) -> JSONValue {
        .object(JSONObject([.init(key: "cassette", value: .string(cassette)), .init(key: "index", value: .number(String(index)))] + more))
    }
}
