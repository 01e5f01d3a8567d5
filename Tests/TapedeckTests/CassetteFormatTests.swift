import Foundation
import Testing

@testable import Tapedeck

struct CassetteFormatTests {
    static let sample: Cassette = {
        let body = Data(#"{"page":{"count":2,"marker":"1805431584415871305"},"tasks":[{"task_id":"é"}]}"#.utf8)
        let interaction = Interaction(
            request: RecordedRequest(
                method: "GET", url: "http://127.0.0.1:1/huawei-iotda/v5/iot/p/iotda-instances/i/tasks?limit=2",
                headers: ["Accept": "application/json", "X-Trace": "a", "x-trace": "b"]),
            response: RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: RecordedBody(data: body, contentType: "application/json")),
            recordedAt: Date(timeIntervalSince1970: 1_763_800_000.125), duration: 0.0125)
        let binary = Interaction(
            request: RecordedRequest(
                method: "POST", url: "http://127.0.0.1:1/upload",
                body: RecordedBody(data: Data("a=1&b=2".utf8), contentType: "application/x-www-form-urlencoded")),
            response: RecordedResponse(status: 201, body: RecordedBody(content: .binary(Data([0, 1, 2, 255])), originalEncoding: "gzip")),
            recordedAt: Date(timeIntervalSince1970: 1_763_800_001), duration: 0)
        return Cassette(interactions: [interaction, binary])
    }()

    @Test func writingTwiceGivesTheSameBytes() {
        #expect(Self.sample.jsonData() == Self.sample.jsonData())
    }

    @Test func roundTripKeepsEverything() throws {
        let decoded = try Cassette(jsonData: Self.sample.jsonData(), file: "sample.json")
        #expect(decoded == Self.sample)
        #expect(decoded.interactions[0].response.body.data == Self.sample.interactions[0].response.body.data)
        #expect(decoded.interactions[0].request.headers.values(for: "x-trace") == ["a", "b"])
    }

    @Test func jsonBodiesAreStoredAsJSONAndBinaryAsBase64() throws {
        let text = String(decoding: Self.sample.jsonData(), as: UTF8.self)
        #expect(text.contains(#""marker": "1805431584415871305""#))
        #expect(text.contains(#""base64": "AAEC/w==""#))
        #expect(text.contains(#""encoding": "gzip""#))
        #expect(text.contains(#""text": "a=1&b=2""#))
        #expect(text.contains(#"["Accept", "application/json"]"#))
    }

    @Test func prettyJSONThatCannotBeReproducedIsKeptAsText() {
        let pretty = Data("{\n  \"a\" : 1\n}".utf8)
        let body = RecordedBody(data: pretty, contentType: "application/json")
        #expect(body.content == .text("{\n  \"a\" : 1\n}"))
        #expect(body.data == pretty)
        #expect(body.json == ["a": 1])
    }

    @Test func gzipDecodes() throws {
        let original = Data(String(repeating: "tapedeck ", count: 1000).utf8)
        let compressed = ContentDecoding.gzip(original)
        #expect(compressed.count < original.count)
        #expect(ContentDecoding.decode(compressed, encoding: "gzip") == original)
        #expect(ContentDecoding.decode(Data("not gzip".utf8), encoding: "gzip") == nil)
    }

    struct BadCassette: Sendable, CustomTestStringConvertible {
        var text: String
        var fragment: String
        var testDescription: String { fragment }
    }

    @Test(arguments: [
        BadCassette(text: #"{"version": 3, "interactions": []}"#, fragment: "x.json: $.version: error: expected format version 1 or 2, found the number 3"),
        BadCassette(text: #"{"interactions": []}"#, fragment: "$.version: error: expected \"version\": 1, found nothing"),
        BadCassette(
            text: "{\"version\": 1, \"interactions\": [\n", fragment: "x.json:2:1: $.interactions[0]: error: expected a value, found the end of the input"),
        BadCassette(text: "", fragment: "The file is empty"),
        BadCassette(
            text:
                #"{"version":1,"interactions":[{"recordedAt":"2026-11-22T10:00:00.000Z","durationMs":1,"request":{"method":"GET","url":"u"},"response":{"status":"200"}}]}"#,
            fragment: "$.interactions[0].response.status: error: expected an HTTP status code (100-999), found the string \"200\""),
        BadCassette(
            text: #"{"version":1,"interactions":[{"recordedAt":"yesterday","durationMs":1,"request":{},"response":{}}]}"#,
            fragment: "$.interactions[0].recordedAt: error: expected an ISO 8601 UTC time"),
        BadCassette(
            text:
                #"{"version":1,"interactions":[{"recordedAt":"2026-11-22T10:00:00Z","durationMs":1,"request":{"method":"GET","url":"u","headers":[["a"]]},"response":{"status":200}}]}"#,
            fragment: "$.interactions[0].request.headers[0]: error: expected a [name, value] pair of strings"),
    ])
    func badCassettesGiveLocatedErrors(bad: BadCassette) {
        #expect {
            try Cassette(jsonData: Data(bad.text.utf8), file: "x.json")
        } throws: { error in
            String(describing: error).contains(bad.fragment)
        }
    }
}
