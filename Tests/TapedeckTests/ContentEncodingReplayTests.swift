import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A body that travelled gzip-compressed is stored decoded and replayed in a form every client reads.
struct ContentEncodingReplayTests {
    @Test func aGzipBodyReplaysDecodedWithoutContentEncoding() async throws {
        let json = #"{"tasks":[{"id":"1805431584415871305"}],"total":1}"#
        let recorded = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:9/tasks"),
            response: RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": "999"],
                body: RecordedBody(data: Data(json.utf8), contentType: "application/json", originalEncoding: "gzip")),
            recordedAt: Date(), duration: 0)
        let file = scratchRoot.appendingPathComponent("gzip-\(UUID().uuidString)/c.json")
        try CassetteStore.write(Cassette(interactions: [recorded]), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8).contains(#""encoding": "gzip""#))

        let player = try CassetteSession(CassetteConfiguration(file: file, mode: .never))
        let url = try #require(URL(string: "http://127.0.0.1:9/tasks"))
        let (data, response) = try await player.urlSession().data(from: url)
        let http = try #require(response as? HTTPURLResponse)
        #expect(String(decoding: data, as: UTF8.self) == json)
        #expect(http.value(forHTTPHeaderField: "Content-Encoding") == nil)
        #expect(http.value(forHTTPHeaderField: "Content-Length") == String(json.utf8.count))
        try player.finish()
    }
}
