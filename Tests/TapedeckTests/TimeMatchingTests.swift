import Foundation
@testable import Tapedeck
import TapedeckTesting
import TapedeckTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Replay that survives time: request times a client computed from its own clock
/// match a recording made days or a year earlier when every time moved alike, in
/// the notation recorded. The properties are checked on generated requests: times
/// in every notation inference knows, in the query, a form body and a JSON body.
struct TimeMatchingTests {
    /// A fixed instant the generated recordings are made around (no test reads the wall clock).
    static let base = Date(timeIntervalSince1970: 1_796_000_000)

    static let notations: [TimeNotation] = [
        TimeNotation(kind: .epochSeconds), TimeNotation(kind: .epochMillis), TimeNotation(kind: .compact), TimeNotation(kind: .basic),
        TimeNotation(kind: .date), TimeNotation(kind: .dateTime, zone: .utc), TimeNotation(kind: .dateTime, fractionDigits: 3, zone: .utc),
        TimeNotation(kind: .dateTime, fractionDigits: 6, zone: .colonOffset), TimeNotation(kind: .dateTime, zone: .compactOffset),
        TimeNotation(kind: .dateTime, fractionDigits: 9, zone: .utc),
    ]

    /// Where a generated request carries its window.
    enum Carrier: CaseIterable { case query, form, json }

    /// One generated recording: a window `[start, end]` in one notation, carried one way.
    struct Case: CustomStringConvertible {
        var notation: TimeNotation
        var carrier: Carrier
        var recordedAt: Date
        var start: Double
        var end: Double
        var zone: Int
        /// Whole days for dates, whole seconds otherwise: what the notation can carry.
        var step: Double { notation.kind == .date ? 86_400 : 1 }

        var description: String { "\(notation) in \(carrier), window \(end - start) s, recorded \(recordedAt.timeIntervalSince1970)" }

        func value(_ seconds: Double) -> String { notation.string(seconds: seconds, zoneOffset: zone) }

        func request(start: Double, end: Double, limit: Int = 10) -> RecordedRequest {
            let (from, to) = (value(start), value(end))
            let path = "http://api.example.test/v1/tasks"
            switch carrier {
            case .query:
                let encoded = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
                return RecordedRequest(method: "GET", url: "\(path)?limit=\(limit)&from=\(encoded(from))&to=\(encoded(to))")
            case .form:
                let encoded = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
                return RecordedRequest(
                    method: "POST", url: path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                    body: RecordedBody(content: .text("limit=\(limit)&from=\(encoded(from))&to=\(encoded(to))")))
            case .json:
                let scalar = { (text: String) -> JSONValue in text.allSatisfy(\.isNumber) ? .number(text) : .string(text) }
                let window = JSONValue.object(JSONObject([.init(key: "from", value: scalar(from)), .init(key: "to", value: scalar(to))]))
                let body = JSONValue.object(JSONObject([.init(key: "limit", value: .integer(limit)), .init(key: "window", value: window)]))
                return RecordedRequest(method: "POST", url: path, body: RecordedBody(content: .json(body)))
            }
        }

        var recorded: Interaction {
            Interaction(request: request(start: start, end: end), response: RecordedResponse(status: 200), recordedAt: recordedAt, duration: 0.2)
        }
    }

    static func generate(_ seed: UInt64) -> Case {
        var random = SeededGenerator(seed: seed)
        let notation = random.pick(notations)
        let recordedAt = base.addingTimeInterval(Double(random.int(-400...400)) * 86_400 + Double(random.int(0...86_399)))
        let step: Double = notation.kind == .date ? 86_400 : 1
        let now = (recordedAt.timeIntervalSince1970 / step).rounded(.down) * step
        let length = notation.kind == .date ? Double(random.int(1...90)) * 86_400 : Double(random.int(3_600...90 * 86_400))
        let zone = notation.zone == .colonOffset || notation.zone == .compactOffset ? random.pick([-18_000, 3_600, 19_800]) : 0
        return Case(
            notation: notation, carrier: random.pick(Carrier.allCases), recordedAt: recordedAt, start: now - length, end: now, zone: zone)
    }

    /// A shift a replay comes later by: days, a year and more, or any number of seconds.
    static func shift(_ seed: UInt64, step: Double) -> Double {
        var random = SeededGenerator(seed: seed ^ 0xA5A5)
        let seconds = random.pick([3 * 86_400, 400 * 86_400, random.int(60...800 * 86_400)])
        return max(step, (Double(seconds) / step).rounded() * step)
    }

    static func index(_ recorded: Case, replayAt now: Date, _ matching: TimeMatching = TimeMatching()) -> ReplayIndex {
        var matching = matching
        matching.clock = .fixed(now)
        return ReplayIndex([recorded.recorded], matcher: RequestMatcher(), allowsRepeats: true, timeMatching: matching)
    }

    static func hits(_ index: ReplayIndex, _ request: RecordedRequest) -> Bool {
        if case .hit = index.lookup(request) { return true }
        return false
    }

    @Test(arguments: 0..<200 as Range<UInt64>)
    func aConsistentShiftOfEveryTimeMatches(seed: UInt64) {
        let recorded = Self.generate(seed)
        let shift = Self.shift(seed, step: recorded.step)
        let index = Self.index(recorded, replayAt: recorded.recordedAt.addingTimeInterval(shift))
        let request = recorded.request(start: recorded.start + shift, end: recorded.end + shift)
        #expect(Self.hits(index, request), "\(recorded), shifted \(shift) s: \(index.explain(request))")
        // The recorded values themselves still match too (a client with a fixed window).
        #expect(Self.hits(index, recorded.request(start: recorded.start, end: recorded.end)), "\(recorded)")
    }

    @Test(arguments: 0..<200 as Range<UInt64>)
    func aWindowOfAnotherLengthDoesNotMatch(seed: UInt64) {
        let recorded = Self.generate(seed)
        let shift = Self.shift(seed, step: recorded.step)
        var random = SeededGenerator(seed: seed ^ 0x5A5A)
        // At least an hour (a day for dates) longer or shorter, more than any default tolerance covers.
        let change =
            (recorded.notation.kind == .date ? Double(random.int(1...5)) * 86_400 : Double(random.int(3_600...86_400)))
            * (random.int(0...1) == 0 ? 1 : -1)
        let index = Self.index(recorded, replayAt: recorded.recordedAt.addingTimeInterval(shift))
        let request = recorded.request(start: recorded.start + shift + change, end: recorded.end + shift)
        #expect(!Self.hits(index, request), "\(recorded), window changed by \(change) s")
        let report = index.explain(request).description
        #expect(report.contains("from"), "\(report)")
        #expect(report.contains("hint: times are matched by their offset from now"), "\(report)")
    }

    @Test(arguments: 0..<200 as Range<UInt64>)
    func oneTimeShiftedAndAnotherNotDoesNotMatch(seed: UInt64) {
        let recorded = Self.generate(seed)
        let shift = Self.shift(seed, step: recorded.step)
        let index = Self.index(recorded, replayAt: recorded.recordedAt.addingTimeInterval(shift))
        let onlyEnd = recorded.request(start: recorded.start, end: recorded.end + shift)
        let onlyStart = recorded.request(start: recorded.start + shift, end: recorded.end)
        #expect(!Self.hits(index, onlyEnd), "\(recorded), only the end shifted by \(shift) s")
        #expect(!Self.hits(index, onlyStart), "\(recorded), only the start shifted by \(shift) s")
    }

    @Test func everythingElseStillMatchesExactly() {
        let recorded = Self.generate(7)
        let shift = 3 * 86_400.0
        let index = Self.index(recorded, replayAt: recorded.recordedAt.addingTimeInterval(shift))
        let request = recorded.request(start: recorded.start + shift, end: recorded.end + shift, limit: 20)
        #expect(!Self.hits(index, request))
        #expect(Self.hits(index, recorded.request(start: recorded.start + shift, end: recorded.end + shift)))
    }

    @Test func aReplayLaterThanTheToleranceMissesAndSaysByHowMuch() {
        let recorded = Case(
            notation: TimeNotation(kind: .epochMillis), carrier: .query, recordedAt: Self.base, start: Self.base.timeIntervalSince1970 - 7 * 86_400,
            end: Self.base.timeIntervalSince1970, zone: 0)
        let now = Self.base.addingTimeInterval(86_400)
        let index = Self.index(recorded, replayAt: now)
        // The client read its clock a day before the replay clock: now−6d and now−1d, not now−7d and now.
        let request = recorded.request(start: recorded.start, end: recorded.end)
        #expect(Self.hits(index, request), "unchanged values always match")
        let stale = recorded.request(start: recorded.start + 3_600, end: recorded.end + 3_600)
        #expect(!Self.hits(index, stale))
        let report = index.explain(stale).description
        #expect(report.contains("from: recorded now\u{2212}7d, requested now\u{2212}7d 23h"), "\(report)")
        // A tolerance of a day and a half takes it.
        let tolerant = Self.index(recorded, replayAt: now, TimeMatching(tolerance: 1.5 * 86_400))
        #expect(Self.hits(tolerant, stale))
        // Switched off, only the recorded values match.
        let exact = Self.index(recorded, replayAt: now, TimeMatching(isEnabled: false))
        #expect(!Self.hits(exact, recorded.request(start: recorded.start + 86_400, end: recorded.end + 86_400)))
        #expect(Self.hits(exact, request))
    }

    @Test(arguments: [
        ("2026-12-02", "yyyy-MM-dd"), ("soon", "no time"), ("1796000000", "epoch seconds"), ("2026-12-02T10:00:00Z", "yyyy-MM-ddTHH:mm:ssZ"),
    ])
    func aValueInAnotherFormatOrNoTimeMissesAndSaysWhy(value: String, said: String) {
        let recorded = Case(
            notation: TimeNotation(kind: .epochMillis), carrier: .query, recordedAt: Self.base, start: Self.base.timeIntervalSince1970 - 86_400,
            end: Self.base.timeIntervalSince1970, zone: 0)
        let index = Self.index(recorded, replayAt: Self.base.addingTimeInterval(3 * 86_400))
        let to = TimeNotation(kind: .epochMillis).string(seconds: Self.base.timeIntervalSince1970 + 3 * 86_400)
        let request = RecordedRequest(
            method: "GET", url: "http://api.example.test/v1/tasks?limit=10&from=\(value.replacingOccurrences(of: ":", with: "%3A"))&to=\(to)")
        #expect(!Self.hits(index, request))
        let report = index.explain(request).description
        let expected = said == "no time" ? "requested a value that reads as no time" : "requested a time written \(said), another format"
        #expect(report.contains("from: recorded now\u{2212}1d (epoch milliseconds), " + expected), "\(report)")
    }

    @Test func aTimeSentTwiceOrTwoTimesAtOneOffsetStillMatch() {
        let recordedAt = Self.base
        let value = { (offset: Double) in TimeNotation(kind: .dateTime, zone: .utc).string(seconds: recordedAt.timeIntervalSince1970 + offset) }
        let url = { (shift: Double) in
            "http://api.example.test/v1/events?at=\(value(shift - 3_600))&at=\(value(shift))&since=\(value(shift))&until=\(value(shift))"
        }
        let recorded = Interaction(
            request: RecordedRequest(method: "GET", url: url(0)), response: RecordedResponse(status: 200), recordedAt: recordedAt, duration: 0)
        let later = 400 * 86_400.0
        let index = ReplayIndex(
            [recorded], matcher: RequestMatcher(), allowsRepeats: false,
            timeMatching: TimeMatching(clock: .fixed(recordedAt.addingTimeInterval(later))))
        #expect(Self.hits(index, RecordedRequest(method: "GET", url: url(later))))
    }

    @Test func farTimesAreNoTimesUnlessNamedAndExcludedNamesNeverAre() {
        let recordedAt = Self.base
        let old = "2001-01-01T00:00:00Z"
        let now = TimeNotation(kind: .dateTime, zone: .utc).string(seconds: recordedAt.timeIntervalSince1970)
        let version = TimeNotation(kind: .date).string(seconds: recordedAt.timeIntervalSince1970 - 30 * 86_400)
        let request = RecordedRequest(method: "GET", url: "http://api.example.test/v1/events?since=\(old)&until=\(now)&api-version=\(version)")
        let interaction = Interaction(request: request, response: RecordedResponse(status: 200), recordedAt: recordedAt, duration: 0)
        let names = { (matching: TimeMatching) in
            RequestMatcher().recordedTimes(of: interaction, timeMatching: matching).map(\.name).sorted()
        }
        #expect(names(TimeMatching()) == ["until"])
        #expect(names(TimeMatching(parameters: ["since"])) == ["since", "until"])
        #expect(names(TimeMatching(excluded: ["until"])).isEmpty)
        #expect(names(TimeMatching(distance: 30 * 365 * 86_400)) == ["since", "until"])
    }

    @Test(arguments: 0..<100 as Range<UInt64>)
    func shiftedAnswersMoveEveryTimeAndKeepItsNotation(seed: UInt64) throws {
        let recorded = Self.generate(seed)
        let shift = Self.shift(seed, step: recorded.step)
        let times = JSONValue.array([.string(recorded.value(recorded.start)), .string(recorded.value(recorded.end)), .string("pd-0001"), .integer(42)])
        var interaction = recorded.recorded
        interaction.response = RecordedResponse(status: 200, body: RecordedBody(content: .json(.object(JSONObject([.init(key: "items", value: times)])))))
        let now = recorded.recordedAt.addingTimeInterval(shift)
        let index = ReplayIndex(
            [interaction], matcher: RequestMatcher(), allowsRepeats: false, timeMatching: TimeMatching(shiftsAnswers: true, clock: .fixed(now)))
        guard case .hit(_, let response) = index.lookup(recorded.request(start: recorded.start + shift, end: recorded.end + shift)) else {
            Issue.record("no hit for \(recorded)")
            return
        }
        let items = try #require(response.body.json?["items"]?.arrayValue)
        #expect(items[0].stringValue == recorded.value(recorded.start + shift), "\(recorded)")
        #expect(items[1].stringValue == recorded.value(recorded.end + shift), "\(recorded)")
        #expect(items[2] == .string("pd-0001"))
        #expect(items[3] == .integer(42))
    }

    @Test func aCommittedCassetteReplaysAYearLaterAndItsScenarioExpressionsAgreeWithInference() throws {
        let file = PackageRoot.url
            .appendingPathComponent("Cassettes/otc-ddm/walk.json")
        let cassette = try CassetteStore.load(file)
        let first = try #require(cassette.interactions.first)
        // Inference finds the same offsets the scenario wrote ({now-29d}, {now}), to the recording's duration.
        var plain = first
        plain.request.relativeTimes = [:]
        let inferred = RequestMatcher().recordedTimes(of: plain, timeMatching: TimeMatching())
        for time in inferred {
            let expression = try #require(first.request.relativeTimes[time.name], "\(time.name) has an expression")
            #expect(abs(time.offset - expression.offset) < 60, "\(time.name): inferred \(time.offset) s, written \(expression)")
        }
        #expect(Set(inferred.map(\.name)) == ["start_time", "end_time"])
        // Without its expressions (as any client records it) it replays 400 days later, page by page.
        let later = 400 * 86_400.0
        let interactions = cassette.interactions.map { interaction in
            var copy = interaction
            copy.request.relativeTimes = [:]
            return copy
        }
        let index = ReplayIndex(
            interactions, matcher: RequestMatcher(), allowsRepeats: false,
            timeMatching: TimeMatching(clock: .fixed(first.recordedAt.addingTimeInterval(later))))
        for interaction in interactions {
            var components = try #require(URLComponents(string: interaction.request.url))
            components.queryItems = components.queryItems?.map { item in
                guard ["start_time", "end_time"].contains(item.name), let millis = Int64(item.value ?? "") else { return item }
                return URLQueryItem(name: item.name, value: String(millis + Int64(later * 1000)))
            }
            var request = interaction.request
            request.url = try #require(components.string)
            #expect(Self.hits(index, request), "\(index.explain(request))")
        }
        #expect(index.unused.isEmpty)
    }

    @Test(arguments: [("90s", 90.0), ("10m", 600), ("2h", 7_200), ("400d", 34_560_000), ("1w", 604_800), ("30", 30), ("1.5h", 5_400)])
    func durationsRead(text: String, seconds: Double) throws {
        #expect(try TimeMatching.duration(text, option: "--time-tolerance") == seconds)
    }

    @Test(arguments: ["", "soon", "-5m", "10y", "5 m", "1e9"])
    func aBadDurationNamesTheOption(text: String) {
        #expect {
            try TimeMatching.duration(text, option: "--time-distance")
        } throws: { error in
            String(describing: error).hasPrefix("--time-distance: error: expected a duration")
        }
    }

    @Test(arguments: 0..<300 as Range<UInt64>)
    func everyNotationReadsBackWhatItWrites(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let notation = random.pick(Self.notations)
        let seconds = Double(random.int(1_000_000_000...4_000_000_000)) + (notation.resolution < 1 ? Double(random.int(0...999)) / 1000 : 0)
        let zone = notation.zone == .colonOffset || notation.zone == .compactOffset ? random.pick([-34_200, 0, 3_600, 45_900]) : 0
        let text = notation.string(seconds: seconds, zoneOffset: zone)
        let reading = try #require(TimeNotation.read(text), "\(notation): \(text)")
        #expect(reading.notation == notation, "\(text)")
        #expect(abs(reading.seconds - (seconds / notation.resolution).rounded() * notation.resolution) < 2e-6, "\(text)")
        #expect(reading.zoneOffset == (notation.kind == .dateTime && notation.zone != .utc ? zone : 0))
    }

    @Test(arguments: ["20240230120000", "2024-02-30", "2024-13-01T00:00:00Z", "12345", "pd-bp1tapedeck0000001", "2024-05-01T12:00:00.Z", "00000000000000000"])
    func nonTimesReadAsNone(text: String) {
        #expect(TimeNotation.read(text) == nil)
    }

    /// Swift code that computes its window from its own clock, recorded in-process
    /// through `URLSession`, replays 3 and 400 days later (its clock and Tapedeck's
    /// moved alike, as libfaketime and `TAPEDECK_NOW` move them), and a shifted
    /// answer carries the times moved along.
    @Test(arguments: [3 * 86_400.0, 400 * 86_400.0])
    func inProcessReplayWithTheClientsOwnClock(ahead: TimeInterval) async throws {
        let file = scratchRoot.appendingPathComponent("tapedeck-\(UUID().uuidString)/window.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let clientClock = { (ahead: TimeInterval) in Date().addingTimeInterval(ahead) }
        let pageURL = { (server: URL, now: Date) -> URL in
            let millis = { (date: Date) in String(Int64(date.timeIntervalSince1970 * 1000)) }
            return URL(
                string: "\(server.absoluteString)/tasks.json?limit=10&start_time=\(millis(now.addingTimeInterval(-7 * 86_400)))&end_time=\(millis(now))")!
        }
        let created = TimeNotation(kind: .dateTime, fractionDigits: 3, zone: .utc).string(seconds: Date().timeIntervalSince1970 - 86_400)
        let page = Data(#"{"tasks":[{"id":"t1","created_time":"\#(created)"}]}"#.utf8)
        let server = try LoopbackServer(files: ["tasks.json": page])
        let recorder = try CassetteSession(CassetteConfiguration(file: file, mode: .all, clock: .system))
        _ = try await recorder.urlSession().data(from: pageURL(server.baseURL, clientClock(0)))
        #expect(try recorder.finish().recorded == 1)

        let matching = TimeMatching(shiftsAnswers: true, clock: .starting(at: clientClock(ahead)))
        let player = try TimeMatching.$current.withValue(matching) { try CassetteSession(CassetteConfiguration(file: file, mode: .never)) }
        let (data, response) = try await player.urlSession().data(from: pageURL(server.baseURL, clientClock(ahead)))
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(player.misses)")
        let answered = try JSONParser.parse(data)["tasks"]?[0]?["created_time"]?.stringValue
        let moved = try #require(answered.flatMap(TimeNotation.read)).seconds - #require(TimeNotation.read(created)).seconds
        #expect(abs(moved - ahead) < 60, "created_time moved by \(moved) s")
        #expect(try player.finish().replayed == 1)
    }

    static let fixtures = PackageRoot.url.appendingPathComponent("Tests/TapedeckTests/Fixtures")

    /// Swift code under `.cassette(…)` that computes "the last 7 days" from `Date()`,
    /// recorded once into a committed cassette, replays on any later day (and with
    /// the clock moved 400 days by libfaketime): the replay clock follows the client's.
    @Test(.replayClockFollowsTheClient, .cassette("time/last-week", mode: .never, root: fixtures))
    func aClientThatReadsDateReplaysACommittedCassetteAnyDayLater() async throws {
        let server = try LoopbackServer(files: ["jobs.json": Data(#"{"jobs":[]}"#.utf8)])
        let now = Date()
        let millis = { (date: Date) in String(Int64(date.timeIntervalSince1970 * 1000)) }
        let url = try #require(
            URL(string: "\(server.baseURL.absoluteString)/jobs.json?limit=10&start_time=\(millis(now.addingTimeInterval(-7 * 86_400)))&end_time=\(millis(now))")
        )
        let (data, response) = try await TapedeckTest.urlSession.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == #"{"jobs":[]}"#)
    }
}

/// Replay's clock is the system clock, the one `Date()` reads, whatever `TAPEDECK_NOW` says.
struct ReplayClockTrait: TestTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await TimeMatching.$current.withValue(TimeMatching(clock: .system)) { try await function() }
    }
}

extension Trait where Self == ReplayClockTrait {
    static var replayClockFollowsTheClient: Self { ReplayClockTrait() }
}
