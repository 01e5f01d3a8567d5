import Tapedeck

/// One recorded exchange as the drafter sees it: the request taken apart and the answer.
struct DraftPage {
    var target: RequestTarget
    var status: Int
    var headers: HeaderFields
    /// The body as JSON, when it is JSON.
    var body: JSONValue?

    var isSuccess: Bool { (200..<300).contains(status) && body != nil }
}
