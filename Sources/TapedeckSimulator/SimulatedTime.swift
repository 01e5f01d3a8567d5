import Foundation

/// The time formats the five providers document.
enum SimulatedTime {
    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    private static func parse(_ text: String, _ pattern: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.date(from: text)
    }

    /// Alibaba: `YYYY-MM-DDTHH:mm:ssZ`.
    static func alibaba(_ date: Date) -> String { format(date, "yyyy-MM-dd'T'HH:mm:ss'Z'") }
    static func parseAlibaba(_ text: String) -> Date? { parse(text, "yyyy-MM-dd'T'HH:mm:ss'Z'") }
    /// Huawei: `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`.
    static func millis(_ date: Date) -> String { format(date, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'") }
    /// Kafka's query times: `YYYYMMDDHHmmss`.
    static func parseCompact(_ text: String) -> Date? { parse(text, "yyyyMMddHHmmss") }
    /// DDM: `yyyy-mm-ddThh:mm:ss+0000`.
    static func offset(_ date: Date) -> String { format(date, "yyyy-MM-dd'T'HH:mm:ss'+0000'") }
    /// Yandex: RFC 3339 with a fraction of 0 to 9 digits.
    static func rfc3339(_ date: Date, fractionDigits: Int) -> String {
        let base = format(date, "yyyy-MM-dd'T'HH:mm:ss")
        guard fractionDigits > 0 else { return base + "Z" }
        let nanos = Int((date.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)) * 1_000_000_000)
        let digits = String(String(format: "%09d", nanos).prefix(fractionDigits))
        return base + "." + digits + "Z"
    }
    /// The "other format" the time-format drift serves.
    static func drifted(_ date: Date) -> String { format(date, "dd/MM/yyyy HH:mm:ss") }
}
