import Foundation
import Testing

@testable import Tapedeck

/// The JSON reader refuses documents nested deeper than its budget, and a cassette
/// holds a body five containers down: bodies near the budget must still give
/// cassettes that load, byte for byte.
struct JSONDepthBudgetTests {
    /// A body of `depth` nested containers, objects and arrays alternating by `seed`.
    static func nested(_ depth: Int, seed: Int) -> Data {
        var open = ""
        var close = ""
        for level in 0..<depth {
            if (level + seed) % 3 == 0 {
                open += "["
                close = "]" + close
            } else {
                open += "{\"k\(level % 7)\":"
                close = "}" + close
            }
        }
        return Data((open + "1" + close).utf8)
    }

    @Test(arguments: [1, 100, 500, 506, 507, 508, 509, 510, 511, 512])
    func aDeeplyNestedBodyGivesACassetteThatLoads(depth: Int) throws {
        for seed in 0..<3 {
            let body = Self.nested(depth, seed: seed)
            let interaction = Interaction(
                request: RecordedRequest(method: "POST", url: "http://127.0.0.1:1/deep", body: RecordedBody(data: body, contentType: "application/json")),
                response: RecordedResponse(
                    status: 200, headers: ["Content-Type": "application/json"], body: RecordedBody(data: body, contentType: "application/json")),
                recordedAt: Date(timeIntervalSince1970: 1_800_000_000), duration: 0)
            let written = Cassette(interactions: [interaction]).jsonData()
            let loaded = try Cassette(jsonData: written, file: "deep.json")
            #expect(loaded.interactions.first?.response.body.data == body)
            #expect(loaded.interactions.first?.request.body.data == body)
            // Within the budget it stays JSON (diffable); past it, text.
            let isJSON = if case .json = loaded.interactions.first?.response.body.content { true } else { false }
            #expect(isJSON == (depth <= RecordedBody.maximumJSONDepth))
        }
    }

    @Test func theReaderTakesExactlyItsBudget() throws {
        #expect(throws: Never.self) { try JSONParser.parse(Self.nested(JSONParser.maximumDepth, seed: 0)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Self.nested(JSONParser.maximumDepth + 1, seed: 0)) }
    }
}
