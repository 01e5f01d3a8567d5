package import Foundation

/// A request that matched no recorded interaction, with the closest recorded
/// interactions and how each differs: the near-miss report.
public struct CassetteMiss: Sendable, CustomStringConvertible, Error {
    public var method: String
    public var url: String
    /// The closest recorded interactions (index in the cassette) and how each differs.
    public var nearest: [(index: Int, differences: [RequestMatcher.Difference])]

    public var description: String {
        var text = "no recorded interaction matches \(method) \(url)"
        if nearest.isEmpty { return text + " (the cassette has no \(method) request to that path)" }
        for (index, differences) in nearest {
            let detail = differences.isEmpty ? Self.alreadyServed : differences.map(\.description).joined(separator: "; ")
            text += "\n  interaction \(index): " + detail
        }
        if nearest.contains(where: { $0.differences.contains(where: \.isTime) }) { text += "\n  " + Self.timeHint }
        return text
    }

    /// What to do when times are what differs.
    package static let timeHint =
        "hint: times are matched by their offset from now (\"now−7d\"), in the format recorded, all moved alike; "
        + "a client that reads its clock long before sending needs a larger tolerance (--time-tolerance, TimeMatching.tolerance; docs/server.md, \"Times\")"

    /// Why an identical recorded request did not answer.
    package static let alreadyServed =
        "matches, but was already served: each recording answers once, in recorded order (allow repeats to serve it again)"

    /// The report as it may be shown in a log, an error or a test issue: the URL
    /// and what the request sent, with every secret replaced by `redactor`'s placeholders.
    package func redacted(by redactor: Redactor, request: RecordedRequest) -> CassetteMiss {
        let cleaned =
            redactor.redact(
                Cassette(interactions: [Interaction(request: request, response: RecordedResponse(status: 0), recordedAt: Date(), duration: 0)])
            ).interactions.first?.request ?? request
        let query = RequestParts(cleaned.url).query
        var shown = self
        shown.url = cleaned.url
        shown.nearest = nearest.map { index, differences in
            (
                index,
                differences.map { difference in
                    var copy = difference
                    if copy.part == "body" { copy.requested = RequestMatcher.summary(cleaned.body) }
                    if copy.part.hasPrefix("query ") {
                        copy.requested = query[String(copy.part.dropFirst("query ".count))].map(RequestMatcher.quote) ?? "nothing"
                    }
                    return copy
                }
            )
        }
        return shown
    }

    /// The error a client sees for this miss: `URLError(.resourceUnavailable)`
    /// whose description is the report, so that a test that fails on the
    /// client's error still shows what differs.
    package var urlError: URLError {
        URLError(.resourceUnavailable, userInfo: [NSLocalizedDescriptionKey: "Tapedeck: " + description])
    }

    /// Whether `error` is what a client threw for a miss: the miss itself, its
    /// `urlError`, or an error that wraps either and repeats its description (a
    /// generated client's `ClientError`, say).
    public static func isReported(by error: any Error) -> Bool {
        if error is CassetteMiss { return true }
        if let urlError = error as? URLError, urlError.code == .resourceUnavailable { return true }
        return String(describing: error).contains("no recorded interaction matches")
    }
}
