import Foundation
import Tapedeck

/// The time formats the five providers document, written and read by `TimeLayout`.
enum SimulatedTime {
    /// Alibaba: `YYYY-MM-DDTHH:mm:ssZ`.
    static func alibaba(_ date: Date) -> String { TimeLayout.string(date, layout: "yyyy-MM-ddTHH:mm:ssZ") }
    static func parseAlibaba(_ text: String) -> Date? { TimeLayout.date(text, layout: "yyyy-MM-ddTHH:mm:ssZ") }
    /// Huawei: `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`.
    static func millis(_ date: Date) -> String { TimeLayout.string(date, layout: "yyyy-MM-ddTHH:mm:ss.SSSZ") }
    /// Kafka's query times: `YYYYMMDDHHmmss`.
    static func parseCompact(_ text: String) -> Date? { TimeLayout.date(text, layout: "yyyyMMddHHmmss") }
    /// DDM: `yyyy-mm-ddThh:mm:ss+0000`.
    static func offset(_ date: Date) -> String { TimeLayout.string(date, layout: "yyyy-MM-ddTHH:mm:ss+0000") }
    /// Yandex: RFC 3339 with a fraction of 0 to 9 digits.
    static func rfc3339(_ date: Date, fractionDigits: Int) -> String {
        let fraction = fractionDigits > 0 ? "." + String(repeating: "S", count: min(fractionDigits, 9)) : ""
        return TimeLayout.string(date, layout: "yyyy-MM-ddTHH:mm:ss" + fraction + "Z")
    }
    /// The "other format" the time-format drift serves: `dd/MM/yyyy HH:mm:ss`.
    static func drifted(_ date: Date) -> String { TimeLayout.string(date, layout: "dd/MM/yyyy HH:mm:ss") }
}
