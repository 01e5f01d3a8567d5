package import Foundation

/// A timestamp format a contract documents, named in a schema's `format`
/// (`date-time` is RFC 3339; the others are Tapedeck names listed in
/// `docs/contracts.md`). Parsing is hand-written over UTF-8 so checking a
/// million items stays cheap.
package enum TimeFormat: String, Sendable, CaseIterable {
    /// RFC 3339: `2024-05-01T12:00:00Z`, 0 to 9 fraction digits, `Z` or `±hh:mm`.
    case rfc3339 = "date-time"
    /// `YYYY-MM-DDTHH:mm:ssZ` with a literal `Z` (Alibaba).
    case utcSeconds = "utc-seconds"
    /// `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` (IoTDA).
    case utcMillis = "utc-millis"
    /// `yyyy-mm-ddThh:mm:ssZ` where Z is `Z` or an offset such as `+0100` (DDM).
    case offsetSeconds = "offset-seconds"
    /// `YYYYMMDDHHmmss` (Kafka query parameters).
    case compact = "compact-datetime"
    /// `HH:mm`, a time of day (IoTDA maintenance windows).
    case hourMinute = "hh-mm"
    /// Milliseconds since 1970 as an integer (DDM query parameters).
    case epochMillis = "epoch-millis"
    /// Seconds since 1970 as an integer (Stripe-style `created`).
    case epochSeconds = "epoch-seconds"

    /// The format named by an OpenAPI `format` value, if it is a time format.
    package init?(format: String) { self.init(rawValue: format) }

    /// A human description for messages.
    package var pattern: String {
        switch self {
        case .rfc3339: "RFC 3339 date-time"
        case .utcSeconds: "YYYY-MM-DDTHH:mm:ssZ"
        case .utcMillis: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        case .offsetSeconds: "yyyy-mm-ddThh:mm:ssZ (Z or an offset such as +0100)"
        case .compact: "YYYYMMDDHHmmss"
        case .hourMinute: "HH:mm"
        case .epochMillis: "milliseconds since 1970"
        case .epochSeconds: "seconds since 1970"
        }
    }

    /// Seconds since 1970 (seconds of the day for `hh-mm`), or `nil` when `text` is not in this format.
    package func seconds(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = TimeScanner(bytes: bytes)
            return scanner.scan(self)
        }
    }

    /// `date` written in this format, in UTC (to the second, or to the millisecond where the format has them).
    package func string(from date: Date) -> String {
        switch self {
        case .rfc3339, .utcSeconds: TimeLayout.string(date, layout: "yyyy-MM-ddTHH:mm:ssZ")
        case .utcMillis: TimeLayout.string(date, layout: "yyyy-MM-ddTHH:mm:ss.SSSZ")
        case .offsetSeconds: TimeLayout.string(date, layout: "yyyy-MM-ddTHH:mm:ss+0000")
        case .compact: TimeLayout.string(date, layout: "yyyyMMddHHmmss")
        case .hourMinute: TimeLayout.string(date, layout: "HH:mm")
        case .epochMillis: String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
        case .epochSeconds: String(Int64(date.timeIntervalSince1970.rounded(.down)))
        }
    }

    /// The smallest step between two times this format can write, in seconds.
    package var resolution: TimeInterval {
        switch self {
        case .utcMillis, .epochMillis: 0.001
        case .hourMinute: 60
        default: 1
        }
    }
}

/// A cursor over the bytes of one timestamp (`TimeNotation` reads with it too).
struct TimeScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func scan(_ format: TimeFormat) -> Double? {
        switch format {
        case .epochMillis:
            // Fifteen digits reach the year 33658; more would overflow before they mean anything.
            guard bytes.count <= 15, let millis = digits(bytes.count) else { return nil }
            return Double(millis) / 1000
        case .epochSeconds:
            // Twelve digits reach the year 33658, as epoch-millis's fifteen do.
            guard bytes.count <= 12, let seconds = digits(bytes.count) else { return nil }
            return Double(seconds)
        case .hourMinute:
            guard let hour = digits(2), literal(":"), let minute = digits(2), atEnd, hour < 24, minute < 60 else {
                return nil
            }
            return Double(hour * 3600 + minute * 60)
        case .compact:
            guard let year = digits(4), let month = digits(2), let day = digits(2), let hour = digits(2),
                let minute = digits(2), let second = digits(2), atEnd
            else { return nil }
            return civil(year, month, day, hour, minute, second)
        case .rfc3339, .utcSeconds, .utcMillis, .offsetSeconds:
            guard let year = digits(4), literal("-"), let month = digits(2), literal("-"), let day = digits(2),
                literal("T") || (format == .rfc3339 && literal("t")), let hour = digits(2), literal(":"),
                let minute = digits(2), literal(":"), let second = digits(2),
                var seconds = civil(year, month, day, hour, minute, second)
            else { return nil }
            if let fraction = fraction(for: format) {
                seconds += fraction
            } else {
                return nil
            }
            guard let offset = zone(for: format), atEnd else { return nil }
            return seconds - offset
        }
    }

    var atEnd: Bool { index == bytes.count }

    mutating func literal(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func digits(_ count: Int) -> Int? {
        guard count > 0, index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    /// The fraction of a second the format allows here (0 when none is written), or `nil` when it is malformed.
    private mutating func fraction(for format: TimeFormat) -> Double? {
        let hasDot = index < bytes.count && bytes[index] == UInt8(ascii: ".")
        switch format {
        case .utcMillis:
            guard literal("."), let millis = digits(3) else { return nil }
            return Double(millis) / 1000
        case .epochSeconds:
            // Twelve digits reach the year 33658, as epoch-millis's fifteen do.
            guard bytes.count <= 12, let seconds = digits(bytes.count) else { return nil }
            return Double(seconds)
        case .rfc3339:
            guard hasDot else { return 0 }
            index += 1
            var count = 0
            var value = 0.0
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value += Double(bytes[index] - 0x30) * scale
                scale /= 10
                count += 1
                index += 1
            }
            return (1...9).contains(count) ? value : nil
        default:
            return hasDot ? nil : 0
        }
    }

    /// The zone's offset from UTC in seconds, or `nil` when the format does not allow what is written.
    private mutating func zone(for format: TimeFormat) -> Double? {
        if literal("Z") || (format == .rfc3339 && literal("z")) { return 0 }
        guard format == .rfc3339 || format == .offsetSeconds, index < bytes.count else { return nil }
        let sign: Double
        if literal("+") {
            sign = 1
        } else if literal("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = digits(2) else { return nil }
        // RFC 3339 writes the offset `+01:00`; the DDM tables write it `+0100`.
        if literal(":") != (format == .rfc3339) { return nil }
        guard let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
        return sign * Double(hours * 3600 + minutes * 60)
    }

    /// Seconds since 1970 for a proleptic Gregorian date and time, or `nil` when a field is out of range.
    func civil(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Double? {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24,
            minute < 60, second <= 60
        else { return nil }
        let days = TimeLayout.days(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
