/// One redaction under way, over interactions that may be seen one at a time:
/// each goes through `structural` (which finds the secrets, by rule, and
/// numbers their placeholders in order of first appearance), and once all have,
/// through `scrubbed` (which replaces every other copy of every secret found).
/// Run `structural` over the same interactions in the same order twice, and
/// the second pass gives the same result with no new placeholder: a recording
/// journaled to disk is redacted that way without being held in memory.
package struct Redaction {
    private let redactor: Redactor
    private let message: MessageRedactor
    private var table: PlaceholderTable

    /// - Parameter numberedAfter: the highest placeholder number already in the interactions.
    package init(_ redactor: Redactor, numberedAfter: Int) {
        self.redactor = redactor
        message = MessageRedactor(
            catalogue: redactor.catalogue, rules: Redactor.CompiledRules(redactor.rules, catalogue: redactor.catalogue))
        table = PlaceholderTable(numberedAfter: numberedAfter)
        for secret in redactor.literalSecrets { table.registerLiteral(secret) }
    }

    /// What the redaction could not do, one line per exchange (a body that does not decode), never naming a secret.
    package private(set) var warnings: [String] = []

    /// `interaction` with its identifiers pseudonymised and the secrets its
    /// rules find (credentials, the user's rules) replaced.
    package mutating func structural(_ interaction: Interaction) -> Interaction {
        let pseudonyms = redactor.pseudonyms
        var copy = interaction
        copy.request = pseudonyms.apply(to: copy.request)
        copy.response.headers = copy.response.headers.mapValues { pseudonyms.apply(to: $0.value) }
        copy.response.body = pseudonyms.apply(to: copy.response.body)
        let issuesCredentials =
            redactor.catalogue.readsByDesign
            && (CredentialName.pathIssuesCredentials(copy.request.url) || CredentialName.callIssuesCredentials(copy.request.body.json))
        let request = message.reading(requestTo: copy.request.url)
        copy.request.url = request.redact(url: copy.request.url, table: &table)
        copy.request.headers = message.redact(headers: copy.request.headers, table: &table)
        copy.request.body = request.redact(body: copy.request.body, headers: copy.request.headers, table: &table)
        copy.response.headers = message.redact(headers: copy.response.headers, table: &table)
        copy.response.body = message.redact(
            body: copy.response.body, headers: copy.response.headers, issuesCredentials: issuesCredentials, table: &table)
        for (side, body) in [("request", copy.request.body), ("response", copy.response.body)] where body.content == .text(Placeholder.undecodableBody) {
            let warning =
                "\(copy.request.method) \(table.scrub(url: copy.request.url)): the \(side) body's Content-Encoding "
                + "\(body.originalEncoding ?? "") does not decode, so it was replaced rather than stored unread"
            if !warnings.contains(warning) { warnings.append(warning) }
        }
        return copy
    }

    /// How many secrets were found so far.
    package var secretCount: Int { table.found.count }

    /// Every form of the secrets found after the first `count`, to look for in
    /// what was written before they were found.
    func secretsFound(after count: Int) -> SecretIndex {
        var index = SecretIndex()
        for (secret, placeholder) in table.found.dropFirst(count) where !SecretForms.isWeak(secret) { index.add(secret, placeholder: placeholder) }
        return index
    }

    /// `interaction` (through `structural`) with every secret found anywhere scrubbed from every other place too.
    package func scrubbed(_ interaction: Interaction) -> Interaction {
        var copy = interaction
        copy.request.url = table.scrub(url: copy.request.url)
        copy.request.headers = copy.request.headers.mapValues { table.scrub($0.value) }
        copy.response.headers = copy.response.headers.mapValues { table.scrub($0.value) }
        copy.request.body = table.scrub(copy.request.body)
        copy.response.body = table.scrub(copy.response.body)
        return copy
    }
}
