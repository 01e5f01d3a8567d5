/// A drafted contract: the YAML, and what was guessed with how sure (for standard error).
public struct ContractDraft: Sendable {
    /// One guess about one operation.
    public struct Guess: Sendable, CustomStringConvertible {
        /// `GET /v1/charges`.
        public var operation: String
        public var confidence: DraftConfidence
        public var text: String

        public var description: String { "\(operation): \(confidence.rawValue): \(text)" }
    }

    /// The OpenAPI 3.1 document, with `x-tapedeck-draft` notes.
    public var yaml = ""
    public var guesses: [Guess] = []
}
