import Foundation
import Testing

@testable import Tapedeck

/// Relative times (`{now-7d}`), the clock, and how replay matches a parameter by its expression.
struct RelativeTimeTests {
    /// 2027-01-15T08:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        ("{now}", 0.0), ("{now-7d}", -604_800), ("{now+90m}", 5_400), ("{now-1d+12h}", -43_200), ("{now-2w-30s}", -1_209_630),
    ])
    func expressionsParseToTheirOffsets(text: String, offset: Double) throws {
        let time = try RelativeTime(text)
        #expect(time.offset == offset)
        #expect(time.expression == text)
        #expect(time.format == nil)
    }

    @Test(arguments: [
        ("{now-7}", "a unit after 7"), ("{now 7d}", "'+' or '-' before each amount"), ("{now-d}", "a whole number"),
        ("{now-7d", "{now}, {now-7d}"), ("{now-7d:weekly}", "a time format after ':'"), ("{now-1234567890d}", "at most 9 digits"),
        ("{now-999999999w}", "at most a hundred years"),
    ])
    func malformedExpressionsSayWhatWasExpected(text: String, expected: String) {
        #expect {
            try RelativeTime(text)
        } throws: { error in
            (error as? RelativeTime.SyntaxError)?.expected.contains(expected) == true
        }
    }

    @Test(arguments: TimeFormat.allCases.filter { $0 != .hourMinute })
    func aValueIsWrittenInItsFormatAndReadBackAsTheSameNow(format: TimeFormat) throws {
        let time = try RelativeTime("{now-3d}").resolved(format: format)
        let value = time.value(at: Self.now)
        #expect(format.seconds(value) != nil, "\(value) reads back as \(format)")
        #expect(time.impliedNow(by: value) == Self.now.timeIntervalSince1970)
    }

    @Test func anExpressionsOwnFormatWinsOverTheContracts() throws {
        let time = try RelativeTime("{now:compact-datetime}").resolved(format: .epochMillis)
        #expect(time.value(at: Self.now) == "20270115080000")
    }

    @Test func theClockComesFromTAPEDECK_NOW() throws {
        #expect(try TapedeckClock.fromEnvironment([:]).now().timeIntervalSinceNow.magnitude < 60)
        let moved = try TapedeckClock.fromEnvironment(["TAPEDECK_NOW": "2027-01-15T08:00:00Z"]).now()
        #expect(moved.timeIntervalSince(Self.now) >= 0)
        #expect(moved.timeIntervalSince(Self.now) < 60, "it starts at that instant and ticks on")
        #expect(TapedeckClock.fixed(Self.now).now() == Self.now)
        #expect {
            try TapedeckClock.fromEnvironment(["TAPEDECK_NOW": "tomorrow"])
        } throws: { error in
            String(describing: error)
                == "TAPEDECK_NOW: error: expected an RFC 3339 time such as 2028-01-06T00:00:00Z, found \"tomorrow\". Unset it to use the system clock"
        }
    }

    /// A DDM window recorded at `now` from `{now-7d}`/`{now}`, noted with its expressions.
    static func recordedWindow() throws -> RecordedRequest {
        let start = try RelativeTime("{now-7d}").resolved(format: .epochMillis)
        let end = try RelativeTime("{now}").resolved(format: .epochMillis)
        let bindings = [
            RelativeTime.Binding(name: "start_time", time: start, value: start.value(at: now)),
            RelativeTime.Binding(name: "end_time", time: end, value: end.value(at: now)),
        ]
        let url = "http://127.0.0.1:9/v3/p/jobs?limit=10&start_time=\(bindings[0].value)&end_time=\(bindings[1].value)"
        let cassette = Cassette(interactions: [
            Interaction(request: RecordedRequest(method: "GET", url: url), response: RecordedResponse(status: 200), recordedAt: now, duration: 0)
        ]).notingRelativeTimes(bindings)
        return cassette.interactions[0].request
    }

    static func request(start: Int64, end: Int64, limit: Int = 10) -> RecordedRequest {
        RecordedRequest(method: "GET", url: "http://127.0.0.1:9/v3/p/jobs?limit=\(limit)&start_time=\(start)&end_time=\(end)")
    }

    @Test func replayAYearLaterMatchesByExpression() throws {
        let recorded = try Self.recordedWindow()
        #expect(recorded.relativeTimes.keys.sorted() == ["end_time", "start_time"])
        let later = Int64(Self.now.timeIntervalSince1970 * 1000) + 400 * 86_400_000
        let matcher = RequestMatcher()
        #expect(matcher.differences(recorded: recorded, requested: Self.request(start: later - 7 * 86_400_000, end: later)).isEmpty)
        // The same values without the note do not match: the note is what makes them comparable.
        var bare = recorded
        bare.relativeTimes = [:]
        #expect(matcher.differences(recorded: bare, requested: Self.request(start: later - 7 * 86_400_000, end: later)).count == 2)
    }

    @Test func aWindowOfAnotherLengthOrAnotherParameterStillMisses() throws {
        let recorded = try Self.recordedWindow()
        let later = Int64(Self.now.timeIntervalSince1970 * 1000) + 86_400_000
        let matcher = RequestMatcher()
        let wider = matcher.differences(recorded: recorded, requested: Self.request(start: later - 8 * 86_400_000, end: later))
        #expect(wider.map(\.part) == ["relative times"])
        #expect(wider.first?.recorded.contains("{now-7d}") == true)
        let otherLimit = matcher.differences(recorded: recorded, requested: Self.request(start: later - 7 * 86_400_000, end: later, limit: 20))
        #expect(otherLimit.map(\.part) == ["query limit"])
        let notATime = matcher.differences(
            recorded: recorded, requested: RecordedRequest(method: "GET", url: "http://127.0.0.1:9/v3/p/jobs?limit=10&start_time=soon&end_time=\(later)"))
        #expect(notATime.map(\.part) == ["query start_time"])
    }

    @Test func theCassetteKeepsTheExpressionAndItsFormat() throws {
        let recorded = try Self.recordedWindow()
        let cassette = Cassette(interactions: [Interaction(request: recorded, response: RecordedResponse(status: 200), recordedAt: Self.now, duration: 0)])
        let text = String(decoding: cassette.jsonData(), as: UTF8.self)
        #expect(text.contains(#""start_time": {"#))
        #expect(text.contains(#""expression": "{now-7d}""#))
        #expect(text.contains(#""format": "epoch-millis""#))
        #expect(try Cassette(jsonData: cassette.jsonData(), file: "c.json") == cassette)
        let broken = Data(text.replacingOccurrences(of: #""format": "epoch-millis""#, with: #""format": "unix""#).utf8)
        #expect {
            try Cassette(jsonData: broken, file: "c.json")
        } throws: { error in
            String(describing: error).hasPrefix("c.json: $.interactions[0].request.relativeTimes.end_time.format: error: expected a time format")
        }
    }
}
