import Foundation

/// The times HAR writers put in `startedDateTime`: ISO 8601 with any number of
/// fraction digits (mitmproxy writes microseconds, Fiddler seven digits), `Z`, an
/// offset with or without a colon (Firefox, Charles), or no zone at all (taken as UTC).
enum HARDate {
    static func date(from text: String) -> Date? {
        let scalars = Array(text.utf8)
        var position = 0
        func number(_ width: Int) -> Int? {
            guard position + width <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[position..<position + width] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += width
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard position < scalars.count, scalars[position] == character.asciiValue else { return false }
            position += 1
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2),
            skip("T") || skip(" "), let hour = number(2), skip(":"), let minute = number(2), skip(":"), let second = number(2)
        else { return nil }
        var fraction = 0.0
        if skip(".") || skip(",") {
            var scale = 0.1
            let start = position
            while position < scalars.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scalars[position]) {
                fraction += Double(scalars[position] - UInt8(ascii: "0")) * scale
                scale /= 10
                position += 1
            }
            guard position > start else { return nil }
        }
        var offset = 0
        if skip("Z") || skip("z") {
        } else if position < scalars.count, scalars[position] == UInt8(ascii: "+") || scalars[position] == UInt8(ascii: "-") {
            let sign = scalars[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            guard let hours = number(2) else { return nil }
            _ = skip(":")
            let minutes = number(2) ?? 0
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard position == scalars.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let whole = calendar.date(from: components) else { return nil }
        return whole.addingTimeInterval(fraction - Double(offset))
    }
}
