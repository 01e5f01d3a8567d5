public import Foundation
public import OpenAPIRuntime
import Tapedeck

/// Dates as cloud providers write them in JSON: RFC 3339 with 0 to 9 digits
/// of fraction (`2026-12-02T10:28:33.303207Z`) and `Z` or an offset. The runtime's
/// default transcoder takes no fraction and `.iso8601WithFractionalSeconds` takes
/// exactly three, so a generated client for such an API fails to decode its
/// answers without this: `Configuration(dateTranscoder: RFC3339DateTranscoder())`.
/// Dates are written to the second.
public struct RFC3339DateTranscoder: DateTranscoder {
    public init() {}

    public func encode(_ date: Date) throws -> String { TimeFormat.rfc3339.string(from: date) }

    public func decode(_ text: String) throws -> Date {
        guard let seconds = TimeFormat.rfc3339.seconds(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "Expected an RFC 3339 date-time (0 to 9 fraction digits, Z or an offset), found \"\(text)\""))
        }
        return Date(timeIntervalSince1970: seconds)
    }
}
