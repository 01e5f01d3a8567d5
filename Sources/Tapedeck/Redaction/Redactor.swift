import Foundation
import Synchronization

/// Replaces secrets with placeholders before a cassette reaches the disk. It
/// reads each message by its structure, never by its layout: header values,
/// cookies (every value, each `Set-Cookie` its own field), the URL's user info
/// and query, and bodies as what they are (JSON of any formatting, forms, XML,
/// multipart part by part, decoded first when compressed, base64-transferred or
/// in another charset), finding secrets by the names and shapes of its
/// `CredentialCatalogue`, then the user's `rules`; and then it scrubs every
/// other copy of every secret it found or was given, in every encoding,
/// wherever it appears. Registered identifiers (`pseudonyms`) are replaced by
/// stand-ins first.
///
/// Placeholders are `REDACTED-<kind>-<n>`, numbered in order of first
/// appearance within a cassette, so the same secret always gets the same
/// placeholder and matching and reviews still work. They are never derived
/// from the secret.
public struct Redactor: Sendable {
    /// The credential names and shapes it redacts by.
    public var catalogue: CredentialCatalogue
    /// Literal secret values (credentials from the environment, say) scrubbed wherever they appear.
    public var literalSecrets: [String]
    /// JSON path and regular-expression rules, applied after the catalogue.
    public var rules: [RedactionRule]
    /// Identifiers replaced by stand-ins that still replay (give the same
    /// `Pseudonyms` to the `RequestMatcher`); empty by default.
    public var pseudonyms: Pseudonyms
    /// Query parameters whose values change on every request (a provider profile's
    /// signatures, nonces, timestamps): the matchers this redactor makes ignore them.
    public var volatileQueryParameters: Set<String> = []

    /// A redactor that knows `catalogue`'s credentials and no more (`Redactor.standard` has the defaults to start from).
    public init(
        catalogue: CredentialCatalogue, literalSecrets: [String] = [], rules: [RedactionRule] = [], pseudonyms: Pseudonyms = Pseudonyms()
    ) {
        self.catalogue = catalogue
        self.literalSecrets = literalSecrets
        self.rules = rules
        self.pseudonyms = pseudonyms
    }

    /// A redactor for exactly these header, parameter and JSON names (and no credential shapes).
    public init(
        headers: Set<String>, queryParameters: Set<String>, jsonKeys: Set<String>, literalSecrets: [String] = [],
        rules: [RedactionRule] = [], pseudonyms: Pseudonyms = Pseudonyms()
    ) {
        let catalogue = CredentialCatalogue(names: [], shapes: []).adding(Array(headers.union(queryParameters)), only: .parameter)
            .adding(Array(jsonKeys), only: .document)
        self.init(catalogue: catalogue, literalSecrets: literalSecrets, rules: rules, pseudonyms: pseudonyms)
    }

    /// The standard catalogue (`docs/redaction.md` lists it): the big clouds' and
    /// the common APIs' credential names and shapes. `ProfileCatalogue.standardRedactor`
    /// (TapedeckProviders) adds the built-in provider profiles' own.
    public static let standard = Redactor(catalogue: .standard)

    /// The same redactor, also scrubbing `secrets` (those under 4 characters are ignored).
    public func addingLiteralSecrets(_ secrets: [String]) -> Redactor {
        var copy = self
        copy.literalSecrets += secrets.filter { $0.count >= SecretForms.shortest }
        return copy
    }

    /// The same redactor, also scrubbing the values of the environment
    /// `variables` that are set. A weak value (see `weakSecretWarning`) is
    /// reported on standard error once per variable and process, by name only.
    public func addingLiteralSecrets(fromVariables variables: [String], in environment: [String: String]) -> Redactor {
        let set = variables.compactMap { variable in environment[variable].map { (variable, $0) } }
        for (variable, value) in set where Self.warnedVariables.withLock({ $0.insert(variable).inserted }) {
            if let warning = Self.weakSecretWarning(variable: variable, value: value) {
                FileHandle.standardError.write(Data("tapedeck: \(warning)\n".utf8))
            }
        }
        return addingLiteralSecrets(set.map(\.1))
    }

    /// The variables already warned about: a process builds several redactors from one environment.
    private static let warnedVariables = Mutex<Set<String>>([])

    /// The same redactor, also applying `rules`.
    public func adding(_ rules: [RedactionRule]) -> Redactor {
        var copy = self
        copy.rules += rules
        return copy
    }

    /// The same redactor, also replacing `identifier` (a project id, a user id)
    /// by the stand-in `pseudo-<kind>-<n>` in the URL, headers and bodies. An
    /// identifier the catalogue takes for a credential (a shape it knows) gets
    /// no stand-in, which would replay: it is scrubbed as a secret instead.
    public func pseudonymising(_ identifier: String, kind: String) -> Redactor {
        var copy = self
        if catalogue.hasShape(identifier) {
            copy.literalSecrets.append(identifier)
        } else {
            copy.pseudonyms.register(identifier, kind: kind)
        }
        return copy
    }

    /// The same redactor, whose matchers also ignore `names` in the query.
    public func ignoringVolatileQueryParameters(_ names: some Sequence<String>) -> Redactor {
        var copy = self
        copy.volatileQueryParameters.formUnion(names)
        return copy
    }

    /// A matcher that maps this redactor's identifiers to their stand-ins, so a
    /// request made with a real identifier finds its pseudonymised recording, and
    /// ignores the volatile query parameters it was given.
    public func matcher(_ base: RequestMatcher = RequestMatcher()) -> RequestMatcher {
        var matcher = base
        matcher.pseudonyms = pseudonyms
        matcher.ignoredQueryParameters.formUnion(volatileQueryParameters)
        return matcher
    }

    /// Whether `value` holds a placeholder written by a redactor (anywhere in it;
    /// `Placeholder.isWhole` tells whether it is one and nothing else).
    public static func isPlaceholder(_ value: String) -> Bool { value.contains(Placeholder.marker) }

    /// A request as a log line or an error message may show it: every secret replaced.
    public func redacted(_ request: RecordedRequest) -> RecordedRequest {
        redact([Interaction(request: request, response: RecordedResponse(status: 0), recordedAt: Date(), duration: 0)])[0].request
    }

    /// Free text as a log line, a near-miss report, a journal entry or an error
    /// message may carry it, with every secret it can recognise replaced: the
    /// values of credential names (`token=…`, `"password": "…"`,
    /// `Authorization: Bearer …`, `aws_secret_access_key = …`), URL passwords,
    /// credential shapes, the registered literal secrets and the rules' patterns.
    public func redacting(text: String) -> String {
        var table = PlaceholderTable(numberedAfter: 0)
        for secret in literalSecrets { table.registerLiteral(secret) }
        let message = MessageRedactor(catalogue: catalogue, rules: CompiledRules(rules, catalogue: catalogue))
        return table.scrub(message.redact(text: text, type: MediaType(nil), table: &table))
    }

    /// A warning for a credential value registered from `variable` that is a
    /// word or low in entropy (`tasks`), or `nil` for a strong one: such a value is
    /// replaced only as a whole token and never inside URL paths, where it is more
    /// likely a resource's name. The warning names the variable, never the value.
    public static func weakSecretWarning(variable: String, value: String) -> String? {
        guard SecretForms.isWeak(value) else { return nil }
        return "warning: the value of \(variable) is short, a plain word or low in entropy; "
            + "it is redacted only as a whole token and never inside URL paths"
    }

    /// The cassette with every secret replaced.
    public func redact(_ cassette: Cassette) -> Cassette {
        Cassette(interactions: redact(cassette.interactions))
    }

    /// The interactions with every secret replaced, placeholders numbered across all of them.
    public func redact(_ interactions: [Interaction]) -> [Interaction] {
        var redaction = Redaction(self, numberedAfter: PlaceholderTable.highestNumber(in: interactions))
        let structural = interactions.map { redaction.structural($0) }
        for warning in redaction.warnings { FileHandle.standardError.write(Data("tapedeck: warning: \(warning)\n".utf8)) }
        return structural.map(redaction.scrubbed)
    }
}
