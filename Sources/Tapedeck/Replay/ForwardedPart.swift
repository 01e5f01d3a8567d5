package import Foundation

/// Part of an upstream's answer, handed on as it arrives.
package enum ForwardedPart: Sendable {
    case head(status: Int, headers: HeaderFields)
    case body(Data)
    /// The answer is complete and recorded: the last part, with the whole response.
    case recorded(RecordedResponse)
    /// The upstream failed; nothing is recorded. The last part.
    case failed(any Error)
}
