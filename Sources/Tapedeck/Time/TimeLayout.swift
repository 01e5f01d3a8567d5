package import Foundation

/// Dates written and read by a layout of field letters, with plain arithmetic
/// on UTC (no `DateFormatter`: building one per call cost the simulator nine
/// tenths of its time on a page of 100 tasks). The simulator writes its
/// providers' formats with it, and `TimeFormat` writes a contract's formats.
package enum TimeLayout {
    /// A UTC date's calendar fields.
    private struct Fields {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        /// Nanoseconds past the second.
        var nanos: Int

        init(_ date: Date) {
            let interval = date.timeIntervalSince1970
            let seconds = Int(interval.rounded(.down))
            nanos = Int(((interval - Double(seconds)) * 1_000_000_000).rounded(.down))
            let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            let clock = seconds - days * 86_400
            (hour, minute, second) = (clock / 3_600, clock % 3_600 / 60, clock % 60)
            (year, month, day) = TimeLayout.civil(fromDays: days)
        }
    }

    /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date `days` after 1970-01-01.
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Hinnant's `days_from_civil`, the inverse of `civil(fromDays:)`.
    package static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static let powersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// `fields` written as `layout`: each run of `y M d H m s` is that field, zero-padded
    /// to the run's length; a run of `S` is the fraction of a second to that many digits;
    /// any other character is written as it is.
    private static func format(_ fields: Fields, _ layout: String) -> String {
        let pattern = Array(layout.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(pattern.count)
        var index = 0
        while index < pattern.count {
            let letter = pattern[index]
            var width = 1
            while index + width < pattern.count, pattern[index + width] == letter { width += 1 }
            let value: Int? =
                switch letter {
                case UInt8(ascii: "y"): fields.year
                case UInt8(ascii: "M"): fields.month
                case UInt8(ascii: "d"): fields.day
                case UInt8(ascii: "H"): fields.hour
                case UInt8(ascii: "m"): fields.minute
                case UInt8(ascii: "s"): fields.second
                case UInt8(ascii: "S"): fields.nanos / Self.powersOfTen[9 - min(width, 9)]
                default: nil
                }
            if let value {
                var divisor = Self.powersOfTen[min(width, Self.powersOfTen.count) - 1]
                while divisor > 0 {
                    output.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            } else {
                output.append(contentsOf: repeatElement(letter, count: width))
            }
            index += width
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Reads `text` laid out as `layout`, where each of `y M d H m s` stands for one digit of
    /// that field and any other character must appear as it is; `nil` for anything else or an impossible date.
    package static func date(_ text: String, layout: String) -> Date? {
        let bytes = Array(text.utf8)
        let pattern = Array(layout.utf8)
        guard bytes.count == pattern.count else { return nil }
        var values: [UInt8: Int] = [:]
        for (byte, slot) in zip(bytes, pattern) {
            if let letter = "yMdHms".utf8.first(where: { $0 == slot }) {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                values[letter, default: 0] = values[letter, default: 0] * 10 + Int(byte - UInt8(ascii: "0"))
            } else if byte != slot {
                return nil
            }
        }
        let field = { (letter: Character) in values[letter.asciiValue!] ?? 0 }
        let (year, month, day) = (field("y"), field("M"), field("d"))
        guard (1...12).contains(month), (1...31).contains(day), field("H") < 24, field("m") < 60, field("s") < 60,
            civil(fromDays: days(year: year, month: month, day: day)) == (year, month, day)
        else { return nil }
        let seconds = days(year: year, month: month, day: day) * 86_400 + field("H") * 3_600 + field("m") * 60 + field("s")
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `date` in UTC written as `layout` (see `format`).
    package static func string(_ date: Date, layout: String) -> String { format(Fields(date), layout) }
}
