public import Tapedeck

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

    /// The draft loaded as a contract, as `check` would load it from `file`: a draft is
    /// written only once it reads back.
    /// - Throws: `InputError` saying where the draft does not load.
    public func readBack(file: String) throws(InputError) -> Contract {
        try Contract(yaml: yaml, file: file)
    }
}
