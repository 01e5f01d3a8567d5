import Foundation
import Testing

@testable import TapedeckSimulator

/// The providers' time formats, checked against Foundation's own formatter over many dates.
struct SimulatedTimeTests {
    static func reference(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    static let dates: [Date] =
        (0..<400).map { step in
            // From 1999 to 2040 in uneven steps, with whole and fractional seconds, leap days included.
            Date(timeIntervalSince1970: 915_148_800 + Double(step) * 3_318_211.379)
        } + [Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 1_709_164_800.25)]

    @Test func everyFormatMatchesFoundation() {
        for date in Self.dates {
            #expect(SimulatedTime.alibaba(date) == Self.reference(date, "yyyy-MM-dd'T'HH:mm:ss'Z'"))
            #expect(SimulatedTime.offset(date) == Self.reference(date, "yyyy-MM-dd'T'HH:mm:ss'+0000'"))
            #expect(SimulatedTime.drifted(date) == Self.reference(date, "dd/MM/yyyy HH:mm:ss"))
            #expect(SimulatedTime.rfc3339(date, fractionDigits: 0) == Self.reference(date, "yyyy-MM-dd'T'HH:mm:ss'Z'"))
            #expect(SimulatedTime.millis(date).prefix(20) == Self.reference(date, "yyyy-MM-dd'T'HH:mm:ss.").prefix(20))
        }
    }

    @Test func parsingReadsWhatWritingWrote() {
        for date in Self.dates {
            let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
            #expect(SimulatedTime.parseAlibaba(SimulatedTime.alibaba(date)) == whole)
            let compact = Self.reference(date, "yyyyMMddHHmmss")
            #expect(SimulatedTime.parseCompact(compact) == whole)
        }
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01 00:00:00Z", "2026-1-01T00:00:00Z", ""])
    func malformedTimesAreRefused(text: String) {
        #expect(SimulatedTime.parseAlibaba(text) == nil)
    }

    @Test func fractionsKeepTheirDigits() {
        let date = Date(timeIntervalSince1970: 1_795_000_000.123_456)
        #expect(SimulatedTime.millis(date).hasSuffix(".123Z"))
        #expect(SimulatedTime.rfc3339(date, fractionDigits: 6).hasSuffix(".123456Z"))
        #expect(SimulatedTime.rfc3339(date, fractionDigits: 2).hasSuffix(".12Z"))
    }
}
