import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Record then replay through a real `URLSession`, against a real loopback server.
struct CassetteSessionTests {
    static let page = Data(#"{"page":{"count":2,"marker":1805431584415871305},"tasks":[{"id":"é","n":1.50}]}"#.utf8)

    static func temporaryCassette() -> URL {
        scratchRoot.appendingPathComponent("tapedeck-\(UUID().uuidString)/walk.json")
    }

    static func get(_ session: URLSession, _ url: URL) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(from: url)
        return (data, try #require(response as? HTTPURLResponse))
    }

    @Test func recordsThenReplaysTheSameBytesWithoutTheServer() async throws {
        let file = Self.temporaryCassette()
        let pageURL: URL
        do {
            let server = try LoopbackServer(files: ["page.json": Self.page, "blob.bin": Data([0, 1, 2, 255])])
            pageURL = server.baseURL.appendingPathComponent("page.json")
            let recorder = try CassetteSession(CassetteConfiguration(file: file, mode: .all))
            let session = recorder.urlSession()
            let (data, response) = try await Self.get(session, pageURL)
            #expect(data == Self.page)
            #expect(response.statusCode == 200)
            _ = try await Self.get(session, server.baseURL.appendingPathComponent("blob.bin"))
            let summary = try recorder.finish()
            #expect(summary.recorded == 2)
            #expect(summary.saved)
        }
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.contains(#""marker": 1805431584415871305"#))
        #expect(written.contains(#""base64": "AAEC/w==""#))

        let player = try CassetteSession(CassetteConfiguration(file: file, mode: .never))
        let (data, response) = try await Self.get(player.urlSession(), pageURL)
        #expect(data == Self.page)
        #expect(response.value(forHTTPHeaderField: "Content-Length") == String(Self.page.count))
        let summary = try player.finish()
        #expect(summary.replayed == 1)
        #expect(summary.unused == [1])
    }

    static func interaction(_ url: String, body: String) -> Interaction {
        Interaction(
            request: RecordedRequest(method: "GET", url: url),
            response: RecordedResponse(status: 200, headers: ["Content-Type": "text/plain"], body: RecordedBody(content: .text(body))),
            recordedAt: Date(), duration: 0)
    }

    static func write(_ interactions: [Interaction]) throws -> URL {
        let file = temporaryCassette()
        try CassetteStore.write(Cassette(interactions: interactions), to: file)
        return file
    }

    @Test func identicalRequestsAreServedInRecordedOrderEachOnce() async throws {
        let url = "http://127.0.0.1:9/tasks?offset=0"
        let file = try Self.write([Self.interaction(url, body: "first"), Self.interaction(url, body: "second")])
        let player = try CassetteSession(CassetteConfiguration(file: file, mode: .never))
        let session = player.urlSession()
        let target = try #require(URL(string: url))
        #expect(String(decoding: try await session.data(from: target).0, as: UTF8.self) == "first")
        #expect(String(decoding: try await session.data(from: target).0, as: UTF8.self) == "second")
        await #expect(throws: URLError.self) { _ = try await session.data(from: target) }
        #expect(try player.finish().misses.count == 1)
    }

    /// A URL cache would never hold a replayed answer (each is delivered not to be
    /// stored), so the session has none: looking requests up in one cost more than replay.
    @Test func aCassettesSessionHasNoURLCacheEvenWhenItsConfigurationHadOne() throws {
        let player = try CassetteSession(CassetteConfiguration(file: Self.write([]), mode: .never))
        let configuration = URLSessionConfiguration.default
        configuration.urlCache = URLCache(memoryCapacity: 1 << 20, diskCapacity: 0, diskPath: nil)
        #expect(player.urlSession(configuration: configuration).configuration.urlCache == nil)
        #expect(player.urlSession().configuration.urlCache == nil)
        try player.finish(save: false)
    }

    @Test func aSessionKeepsTheFirstThousandMissReportsAndCountsTheRest() throws {
        let file = try Self.write([Self.interaction("http://127.0.0.1:9/tasks?offset=0", body: "a")])
        let player = try CassetteSession(CassetteConfiguration(file: file, mode: .never))
        for offset in 1...1005 {
            guard case .missed = player.deck.answer(RecordedRequest(method: "GET", url: "http://127.0.0.1:9/tasks?offset=\(offset)")) else {
                Issue.record("offset \(offset) should miss")
                return
            }
        }
        let summary = try player.finish()
        #expect(summary.missed == 1005)
        #expect(summary.misses.count == MissLog.kept)
        #expect(summary.misses.first?.url.hasSuffix("offset=1") == true)
    }

    @Test func aRepeatedParameterIsNotTakenForOneValueWithACommaAndARepeatedURLIsMatchedAgain() throws {
        let player = ReplayIndex(
            [
                Self.interaction("http://127.0.0.1:9/tasks?status=a%2Cb&Timestamp=1", body: "comma"),
                Self.interaction("http://127.0.0.1:9/tasks?status=a&status=b", body: "repeated"),
            ],
            matcher: RequestMatcher(ignoredQueryParameters: ["Timestamp"]), allowsRepeats: true)
        func answer(_ url: String) -> String? {
            guard case .hit(_, let response) = player.lookup(RecordedRequest(method: "get", url: url)) else { return nil }
            return String(decoding: response.body.data, as: UTF8.self)
        }
        // Both have the same compared query text ("status=a,b"), so one bucket: the values decide.
        for _ in 0..<3 {
            #expect(answer("http://127.0.0.1:9/tasks?status=a&status=b") == "repeated")
            #expect(answer("http://127.0.0.1:9/tasks?Timestamp=2&status=a%2Cb") == "comma")
        }
        #expect(answer("http://127.0.0.1:9/tasks?status=b&status=a") == nil, "repeated values keep their order")
        #expect(answer("http://127.0.0.1:9/tasks?status=a") == nil)
    }

    @Test func aMissNamesTheClosestInteractionAndWhatDiffers() async throws {
        let file = try Self.write([Self.interaction("http://127.0.0.1:9/tasks?offset=0&limit=50", body: "a")])
        let player = try CassetteSession(CassetteConfiguration(file: file, mode: .never))
        let target = try #require(URL(string: "http://127.0.0.1:9/tasks?limit=50&offset=100"))
        await #expect(throws: URLError.self) { _ = try await player.urlSession().data(from: target) }
        let miss = try #require(player.finish().misses.first)
        #expect(miss.nearest.first?.index == 0)
        #expect(miss.description.contains(#"query offset: recorded "0", requested "100""#))
        #expect(!miss.description.contains("query limit"))
    }

    @Test func volatileAndRedactedPartsAreIgnored() async throws {
        let recorded =
            "http://127.0.0.1:9/?Action=DescribeTasks&AccessKeyId=REDACTED-access-key-1&Signature=REDACTED-signature-1&Timestamp=2026-01-01T00:00:00Z&token=REDACTED-token-2"
        let file = try Self.write([Self.interaction(recorded, body: "ok")])
        let volatile = ["Timestamp", "SignatureNonce", "Signature", "AccessKeyId", "SecurityToken"]
        let player = try CassetteSession(
            CassetteConfiguration(file: file, mode: .never, redactor: Redactor.standard.ignoringVolatileQueryParameters(volatile)))
        let target = try #require(
            URL(string: "http://127.0.0.1:9/?Timestamp=2026-11-22T10:00:00Z&Signature=abc%3D&token=t1.live&AccessKeyId=LTAIxyz&Action=DescribeTasks"))
        let (data, _) = try await player.urlSession().data(from: target)
        #expect(String(decoding: data, as: UTF8.self) == "ok")
        #expect(try player.finish().unused.isEmpty)
    }

    @Test func sixtyFourConcurrentRequestsAreAllRecordedAndReplayed() async throws {
        var files: [String: Data] = [:]
        for index in 0..<64 { files["item\(index).json"] = Data(#"{"index":\#(index)}"#.utf8) }
        let server = try LoopbackServer(files: files)
        let file = Self.temporaryCassette()
        let recorder = try CassetteSession(CassetteConfiguration(file: file, mode: .all))
        let recordingSession = recorder.urlSession()
        let base = server.baseURL
        let recordedBodies = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for index in 0..<64 {
                group.addTask { (index, try await recordingSession.data(from: base.appendingPathComponent("item\(index).json")).0) }
            }
            return try await group.reduce(into: [Int: Data]()) { $0[$1.0] = $1.1 }
        }
        #expect(recordedBodies.count == 64)
        #expect(try recorder.finish().recorded == 64)

        let player = try CassetteSession(CassetteConfiguration(file: file, mode: .never))
        let replaySession = player.urlSession()
        let replayed = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for index in 0..<64 {
                group.addTask { (index, try await replaySession.data(from: base.appendingPathComponent("item\(index).json")).0) }
            }
            return try await group.reduce(into: [Int: Data]()) { $0[$1.0] = $1.1 }
        }
        for index in 0..<64 { #expect(replayed[index] == Data(#"{"index":\#(index)}"#.utf8)) }
        let summary = try player.finish()
        #expect(summary.replayed == 64)
        #expect(summary.unused.isEmpty)
    }

    @Test func additionalHeadersOfTheConfigurationAreRecorded() async throws {
        let server = try LoopbackServer(files: ["a.txt": Data("a".utf8)])
        let file = Self.temporaryCassette()
        let recorder = try CassetteSession(CassetteConfiguration(file: file, mode: .all))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpAdditionalHeaders = ["X-Client": "tapedeck-tests"]
        _ = try await recorder.urlSession(configuration: configuration).data(from: server.baseURL.appendingPathComponent("a.txt"))
        try recorder.finish()
        let cassette = try CassetteStore.load(file)
        #expect(cassette.interactions.first?.request.headers["x-client"] == "tapedeck-tests")
    }

    @Test func neverModeWithoutACassetteSaysHowToRecord() {
        #expect {
            _ = try CassetteSession(CassetteConfiguration(file: Self.temporaryCassette(), mode: .never))
        } throws: { error in
            "\(error)".contains("TAPEDECK_RECORD=missing")
        }
    }
}
