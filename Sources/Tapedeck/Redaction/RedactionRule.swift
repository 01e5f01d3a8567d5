/// A user rule for a `Redactor`: where a secret is, and the kind name its
/// placeholder carries (`REDACTED-<kind>-<n>`).
public struct RedactionRule: Sendable, Hashable {
    /// Where the rule looks.
    package enum Target: Sendable, Hashable {
        /// The values at a JSON path in JSON bodies (requests and responses); an
        /// object or array there has every scalar inside it replaced.
        case jsonPath(JSONPathPattern)
        /// What a regular expression finds in text bodies, JSON string values, header values and the URL.
        case text(TextPattern)
    }

    package var target: Target
    /// The kind in the placeholder: letters, digits and `-` (anything else becomes `-`).
    public var kind: String

    package init(_ target: Target, kind: String) {
        self.target = target
        self.kind = kind
    }

    /// A rule for the values at `path` in JSON bodies: `.jsonPath("$.credentials[*].secret", kind: "secret")`.
    /// - Throws: `InputError` when `path` does not parse.
    public static func jsonPath(_ path: String, kind: String) throws(InputError) -> RedactionRule {
        RedactionRule(.jsonPath(try JSONPathPattern(path)), kind: kind)
    }

    /// A rule for what `expression` finds in free text: `.regex("sk_live_[A-Za-z0-9]+", kind: "api-key")`.
    /// - Throws: `InputError` when `expression` is not a valid regular expression, or matches empty text.
    public static func regex(_ expression: String, kind: String) throws(InputError) -> RedactionRule {
        RedactionRule(.text(try TextPattern(expression)), kind: kind)
    }
}
