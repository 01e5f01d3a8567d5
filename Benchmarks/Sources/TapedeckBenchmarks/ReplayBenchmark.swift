import Foundation
import Tapedeck

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Measures cassette loading and in-process replay against a floor: the same
/// requests through a bare `URLProtocol` that answers a constant body, in the
/// ephemeral configuration a client gets, and again with its URL cache off (as
/// replay's session has it), which leaves only what replay itself adds.
struct ReplayBenchmark: Sendable {
    struct Result: Sendable {
        var interactions: Int
        var cassetteBytes: Int
        var loadSeconds: Double
        var replaySecondsPerRequest: Double
        var floorSecondsPerRequest: Double
        var uncachedFloorSecondsPerRequest: Double
        var loadMegabytesPerSecond: Double { Double(cassetteBytes) / 1_048_576 / loadSeconds }
        /// The median over the rounds of replay's time over the floor's.
        var replayOverFloor: Double
        /// The same over the floor without a URL cache.
        var replayOverUncachedFloor: Double
    }

    var interactions: Int

    init(interactions: Int = 10_000) { self.interactions = interactions }

    /// Builds a cassette of `interactions` pages, then times load, replay and the floor.
    /// - Parameter progress: told the name of each phase as it starts.
    func run(progress: (_ phase: String) -> Void = { _ in }) async throws -> Result {
        let body = Self.page()
        let cassette = Cassette(
            interactions: (0..<interactions).map { index in
                Interaction(
                    request: RecordedRequest(method: "GET", url: "http://127.0.0.1:9/tasks?page=\(index)"),
                    response: RecordedResponse(status: 200, headers: ["Content-Type": "application/json"], body: RecordedBody(content: .json(body))),
                    recordedAt: Date(timeIntervalSince1970: 1_795_000_000), duration: 0.001)
            })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-bench-\(UUID().uuidString)/replay.json")
        try CassetteStore.write(cassette, to: file)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let bytes = try Data(contentsOf: file).count

        progress("loading \(interactions) interactions (the best of 3)")
        var loadSeconds = Double.infinity
        for _ in 0..<3 {
            let loadStart = DispatchTime.now()
            _ = try CassetteStore.load(file)
            loadSeconds = min(loadSeconds, Self.seconds(since: loadStart))
        }

        let player = try CassetteSession(CassetteConfiguration(file: file, mode: .never))
        let replaySession = player.urlSession()
        ConstantProtocol.body = Data(body.compactText.utf8)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.protocolClasses = [ConstantProtocol.self]
        let floorSession = URLSession(configuration: configuration)
        let uncached = URLSessionConfiguration.ephemeral
        uncached.protocolClasses = [ConstantProtocol.self]
        uncached.urlCache = nil
        let uncachedFloorSession = URLSession(configuration: uncached)
        // Replay and the floors take turns over the same slices of the requests, each
        // going first in turn, so that a shared machine's slow minute weighs on every
        // side of a round's ratios; the median ratio counts.
        let urls = (0..<interactions).map { URL(string: "http://127.0.0.1:9/tasks?page=\($0)")! }
        let slice = max(1, interactions / Self.rounds)
        let sessions = [replaySession, floorSession, uncachedFloorSession]
        var totals = [0.0, 0.0, 0.0], ratios: [Double] = [], uncachedRatios: [Double] = []
        for (round, start) in stride(from: 0, to: interactions, by: slice).enumerated() {
            progress("round \(round + 1): replay and the two floors, \(slice) requests each")
            let urls = Array(urls[start..<min(start + slice, interactions)])
            var seconds = [0.0, 0.0, 0.0]
            for turn in 0..<sessions.count {
                let which = (round + turn) % sessions.count
                seconds[which] = try await Self.time(urls, through: sessions[which])
                totals[which] += seconds[which]
            }
            ratios.append(seconds[0] / seconds[1])
            uncachedRatios.append(seconds[0] / seconds[2])
        }
        try player.finish(save: false)
        return Result(
            interactions: interactions, cassetteBytes: bytes, loadSeconds: loadSeconds,
            replaySecondsPerRequest: totals[0] / Double(interactions), floorSecondsPerRequest: totals[1] / Double(interactions),
            uncachedFloorSecondsPerRequest: totals[2] / Double(interactions),
            replayOverFloor: ratios.sorted()[ratios.count / 2], replayOverUncachedFloor: uncachedRatios.sorted()[uncachedRatios.count / 2])
    }

    /// How many slices replay and the floor take turns over.
    private static let rounds = 10

    private static func time(_ urls: [URL], through session: URLSession) async throws -> Double {
        let start = DispatchTime.now()
        for url in urls { _ = try await session.data(from: url) }
        return seconds(since: start)
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// A page of 10 tasks, about 1 KB.
    static func page() -> JSONValue {
        .object(
            JSONObject([
                .init(key: "page", value: ["count": 10_000, "marker": .number("1805431584415871305")]),
                .init(
                    key: "tasks",
                    value: .array(
                        (0..<10).map { index in
                            [
                                "task_id": .string("075f413d-a3bb-4243-974d-8eb9221c\(1000 + index)"), "type": "CREATE", "status": "SUCCESS",
                                "create_time": "2026-11-19T01:52:49.493Z",
                            ]
                        })),
            ]))
    }
}

/// The floor: a protocol that answers every request with the same body, doing nothing else.
final class ConstantProtocol: URLProtocol {
    nonisolated(unsafe) static var body = Data()

    override class func canInit(with request: URLRequest) -> Bool { true }
    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }
    override func startLoading() {
        let response = HTTPURLResponse(
            url: request.url!, statusCode: 200, httpVersion: "HTTP/1.1",
            headerFields: ["Content-Type": "application/json", "Content-Length": String(Self.body.count)])!
        client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
        client?.urlProtocol(self, didLoad: Self.body)
        client?.urlProtocolDidFinishLoading(self)
    }
    override func stopLoading() {}
}
