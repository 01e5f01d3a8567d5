package import Foundation

/// How one time value is written, as replay infers it from the value alone:
/// epoch seconds (10 digits) or milliseconds (13), compact date-times
/// (`20240501120000`, `20240501T120000Z`), dates (`2024-05-01`) and RFC 3339
/// date-times with or without a fraction and a zone (`Z`, `+01:00`, `+0100`).
/// Two values are "in the same format" when their notations are equal; a
/// zone's offset is part of the value, not of the notation, so `+01:00` and
/// `+02:00` (either side of a daylight-saving change) are one format.
package struct TimeNotation: Hashable, Sendable, CustomStringConvertible {
    package enum Kind: Hashable, Sendable {
        case epochSeconds, epochMillis
        /// `yyyyMMddHHmmss`.
        case compact
        /// `yyyyMMddTHHmmssZ` (ISO 8601 basic, as request signatures write it).
        case basic
        /// `yyyy-MM-dd`.
        case date
        /// `yyyy-MM-ddTHH:mm:ss`, then `fractionDigits` digits and `zone`.
        case dateTime
    }

    package enum Zone: Hashable, Sendable {
        case none, utc, colonOffset, compactOffset
    }

    package var kind: Kind
    package var fractionDigits = 0
    package var zone = Zone.none

    /// One value read: seconds since 1970 in UTC, and the zone offset it was written in.
    package struct Reading: Sendable, Equatable {
        package var seconds: Double
        package var notation: TimeNotation
        /// Seconds east of UTC the value was written in.
        package var zoneOffset: Int
    }

    /// Reads `text` as a time in any notation inference knows, or `nil`. Rejects
    /// most non-times on their length and first byte before looking further.
    package static func read(_ text: String) -> Reading? {
        let count = text.utf8.count
        guard count >= 10, count <= 35, let first = text.utf8.first, first >= 0x30, first <= 0x39 else { return nil }
        var text = text
        return text.withUTF8 { bytes in
            var scanner = TimeScanner(bytes: bytes)
            return scanner.scanNotation()
        }
    }

    /// The smallest step between two values this notation can write, in seconds.
    package var resolution: TimeInterval {
        switch kind {
        case .epochMillis: 0.001
        case .date: 86_400
        case .dateTime: pow(10, -Double(fractionDigits))
        default: 1
        }
    }

    /// The layout, for messages: `yyyy-MM-ddTHH:mm:ss.SSSZ`, `epoch milliseconds`.
    package var description: String {
        switch kind {
        case .epochSeconds: return "epoch seconds"
        case .epochMillis: return "epoch milliseconds"
        case .compact: return "yyyyMMddHHmmss"
        case .basic: return "yyyyMMddTHHmmssZ"
        case .date: return "yyyy-MM-dd"
        case .dateTime:
            let fraction = fractionDigits > 0 ? "." + String(repeating: "S", count: fractionDigits) : ""
            let zoneText =
                switch zone {
                case .none: ""
                case .utc: "Z"
                case .colonOffset: "±hh:mm"
                case .compactOffset: "±hhmm"
                }
            return "yyyy-MM-ddTHH:mm:ss" + fraction + zoneText
        }
    }

    /// `seconds` written in this notation, in the zone `zoneOffset` seconds east of UTC,
    /// rounded to the notation's resolution.
    package func string(seconds: Double, zoneOffset: Int = 0) -> String {
        let rounded = (seconds / resolution).rounded() * resolution
        switch kind {
        case .epochSeconds: return String(Int64(rounded))
        case .epochMillis: return String(Int64((rounded * 1000).rounded()))
        default: break
        }
        // The fraction is written from its own digits: through `Date`, 0.123 can come out as 0.122999.
        var whole = rounded.rounded(.down)
        var fraction = ""
        if fractionDigits > 0 {
            let scale = pow(10, Double(fractionDigits))
            var digits = Int64(((rounded - whole) * scale).rounded())
            if Double(digits) >= scale {
                whole += 1
                digits = 0
            }
            let written = String(digits)
            fraction = "." + String(repeating: "0", count: max(0, fractionDigits - written.count)) + written
        }
        let date = Date(timeIntervalSince1970: whole + (zone == .colonOffset || zone == .compactOffset ? Double(zoneOffset) : 0))
        switch kind {
        case .compact: return TimeLayout.string(date, layout: "yyyyMMddHHmmss")
        case .basic: return TimeLayout.string(date, layout: "yyyyMMddTHHmmss") + "Z"
        case .date: return TimeLayout.string(date, layout: "yyyy-MM-dd")
        default: break
        }
        let text = TimeLayout.string(date, layout: "yyyy-MM-ddTHH:mm:ss") + fraction
        switch zone {
        case .none: return text
        case .utc: return text + "Z"
        case .colonOffset, .compactOffset:
            let minutes = abs(zoneOffset) / 60
            let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
            return text + (zoneOffset < 0 ? "-" : "+") + twoDigits(minutes / 60) + (zone == .colonOffset ? ":" : "") + twoDigits(minutes % 60)
        }
    }
}

extension TimeScanner {
    /// Reads the bytes as a time in any notation `TimeNotation` knows, trying each in turn.
    mutating func scanNotation() -> TimeNotation.Reading? {
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            switch bytes.count {
            case 10: return Self.reading(Double(digits(10)!), .epochSeconds)
            case 13: return Self.reading(Double(digits(13)!) / 1000, .epochMillis)
            case 14:
                guard let year = digits(4), let month = digits(2), let day = digits(2), let hour = digits(2), let minute = digits(2),
                    let second = digits(2), let seconds = civil(year, month, day, hour, minute, second)
                else { return nil }
                return Self.reading(seconds, .compact)
            default: return nil
            }
        }
        if bytes.count == 16 {
            guard let year = digits(4), let month = digits(2), let day = digits(2), literal("T"), let hour = digits(2),
                let minute = digits(2), let second = digits(2), literal("Z"),
                let seconds = civil(year, month, day, hour, minute, second)
            else { return nil }
            return Self.reading(seconds, .basic)
        }
        guard let year = digits(4), literal("-"), let month = digits(2), literal("-"), let day = digits(2) else { return nil }
        if atEnd {
            guard let seconds = civil(year, month, day, 0, 0, 0) else { return nil }
            return Self.reading(seconds, .date)
        }
        guard literal("T"), let hour = digits(2), literal(":"), let minute = digits(2), literal(":"), let second = digits(2),
            var seconds = civil(year, month, day, hour, minute, second)
        else { return nil }
        var notation = TimeNotation(kind: .dateTime)
        if literal(".") {
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                seconds += Double(bytes[index] - 0x30) * scale
                scale /= 10
                notation.fractionDigits += 1
                index += 1
            }
            guard (1...9).contains(notation.fractionDigits) else { return nil }
        }
        var offset = 0
        if literal("Z") {
            notation.zone = .utc
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = digits(2) else { return nil }
            notation.zone = literal(":") ? .colonOffset : .compactOffset
            guard let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard atEnd else { return nil }
        return TimeNotation.Reading(seconds: seconds - Double(offset), notation: notation, zoneOffset: offset)
    }

    private static func reading(_ seconds: Double, _ kind: TimeNotation.Kind) -> TimeNotation.Reading {
        TimeNotation.Reading(seconds: seconds, notation: TimeNotation(kind: kind), zoneOffset: 0)
    }
}
