public import Tapedeck

/// Drafts an OpenAPI 3.1 contract with `x-tapedeck` extensions from a recording
/// (`tapedeck contract draft`): an operation per method and path template,
/// parameters with schemas, response schemas inferred across every page, and
/// the paging guessed from how the pages chain. Every guess is stated in the
/// YAML (`x-tapedeck-draft`) and in `ContractDraft.guesses`, with how sure it is,
/// so that a person finishes the contract.
///
/// ```swift
/// let draft = ContractDrafter(provider: "charges").draft(cassette, recording: "charges.json")
/// try draft.yaml.write(to: url, atomically: true, encoding: .utf8)
/// ```
public struct ContractDrafter: Sendable {
    /// The provider id the draft declares; a path that starts with it (the simulator's prefix) is read without it.
    public var provider: String

    public init(provider: String) { self.provider = provider }

    /// The draft for `cassette`; `recording` names it in the document.
    public func draft(_ cassette: Cassette, recording: String) -> ContractDraft {
        var operations: [(key: String, method: String, template: PathTemplate, pages: [DraftPage])] = []
        var authorization: Set<String> = []
        let targets = cassette.interactions.map { RequestTarget(request: $0.request) }
        let templates = PathTemplate.templates(
            of: targets.map { $0.segments.first == provider ? Array($0.segments.dropFirst()) : $0.segments })
        for (interaction, (target, template)) in zip(cassette.interactions, zip(targets, templates)) {
            let method = interaction.request.method.uppercased()
            let page = DraftPage(
                target: target, status: interaction.response.status, headers: interaction.response.headers,
                body: interaction.response.body.json)
            if let scheme = interaction.request.headers["Authorization"]?.split(separator: " ").first {
                authorization.insert(scheme.lowercased())
            }
            let key = method + " " + template.text
            if let index = operations.firstIndex(where: { $0.key == key }) {
                operations[index].pages.append(page)
            } else {
                operations.append((key, method, template, [page]))
            }
        }
        var draft = ContractDraft()
        var yaml = DraftYAML()
        yaml.comment(
            """
            Drafted by `tapedeck contract draft` from \(recording): \(cassette.interactions.count) exchanges, \
            \(operations.count) operations.
            A draft: each guess is listed in x-tapedeck-draft with how sure it is. Check them against the
            API's documentation, add what the recording cannot show (values it lacks, limits, errors), then
            remove the x-tapedeck-draft entries.
            """)
        yaml.scalar("openapi", .string("3.1.0"))
        yaml.mapping("info") {
            $0.scalar("title", .string("\(provider) (drafted from \(recording))"))
            $0.scalar("version", .string("draft"))
        }
        yaml.scalar("x-tapedeck-provider", .string(provider))
        yaml.scalar("x-tapedeck-seed", .string(recording))
        let schemes = authorization.intersection(["bearer", "basic"]).sorted()
        yaml.mapping("paths") { yaml in
            for template in Set(operations.map(\.template.text)).sorted() {
                yaml.mapping(template) { yaml in
                    for operation in operations where operation.template.text == template {
                        yaml.mapping(operation.method.lowercased()) { yaml in
                            let guesses = writeOperation(
                                operation.method, operation.template, operation.pages, schemes: schemes, into: &yaml)
                            draft.guesses += guesses.map { ContractDraft.Guess(operation: operation.key, confidence: $0.0, text: $0.1) }
                        }
                    }
                }
            }
        }
        if !schemes.isEmpty {
            yaml.mapping("components") { yaml in
                yaml.mapping("securitySchemes") { yaml in
                    for scheme in schemes {
                        yaml.mapping(scheme) {
                            $0.scalar("type", .string("http"))
                            $0.scalar("scheme", .string(scheme))
                            $0.scalar("description", .string("Seen in the recording's Authorization header (redacted); name where the credential comes from."))
                        }
                    }
                }
            }
        }
        draft.yaml = yaml.text
        return draft
    }

    /// Writes one operation; answers its guesses with how sure each is.
    private func writeOperation(
        _ method: String, _ template: PathTemplate, _ pages: [DraftPage], schemes: [String], into yaml: inout DraftYAML
    ) -> [(DraftConfidence, String)] {
        var guesses: [(DraftConfidence, String)] = []
        var notes: [String] = []
        let paging = PagingGuess.guess(pages)
        if let paging {
            guesses += paging.evidence.map { (paging.confidence, $0) }
            if !paging.isComplete {
                guesses.append(
                    (
                        .unsure,
                        "x-tapedeck-paging left out: paging style \(paging.style.rawValue) needs the page size's parameter (limit-param), which no request sent"
                    ))
            }
        } else {
            guesses.append((.likely, "paging: none; no page led to another and no answer names a next page"))
        }
        yaml.scalar("operationId", .string(Self.operationID(method, template)))
        yaml.scalar("summary", .string("Drafted from \(pages.count) recorded exchanges."))
        var responses: [Int: SchemaSketch] = [:]
        var counts: [Int: Int] = [:]
        for page in pages {
            counts[page.status, default: 0] += 1
            if let body = page.body { responses[page.status, default: SchemaSketch()].add(body) }
        }
        func writeResponses(into yaml: inout DraftYAML, notes: inout [String]) {
            yaml.mapping("responses") { yaml in
                for status in counts.keys.sorted() {
                    yaml.mapping(String(status)) { yaml in
                        yaml.scalar("description", .string("Recorded \(counts[status]!) times."))
                        guard let sketch = responses[status] else { return }
                        yaml.mapping("content") { yaml in
                            yaml.mapping("application/json") { yaml in
                                yaml.mapping("schema") { sketch.write(into: &$0, name: nil, notes: &notes, path: "\(status) $") }
                            }
                        }
                    }
                }
            }
        }
        // The schema notes are known once the responses are written; they are written last.
        var bodyNotes: [String] = []
        var scratch = DraftYAML()
        writeResponses(into: &scratch, notes: &bodyNotes)
        notes += bodyNotes
        yaml.mapping("x-tapedeck-draft") { yaml in
            for (confidence, text) in guesses { yaml.item(.string("\(confidence.rawValue): \(text)")) }
            for note in notes { yaml.item(.string("schema: " + note)) }
        }
        if let paging, !paging.entries.isEmpty, paging.isComplete {
            yaml.mapping("x-tapedeck-paging") { yaml in
                yaml.scalar("style", .string(paging.style.rawValue))
                for (key, value) in paging.entries { yaml.scalar(key, value) }
            }
            if !paging.volatile.isEmpty { yaml.list("x-tapedeck-volatile-params", paging.volatile.map { .string($0) }) }
        }
        if !schemes.isEmpty {
            yaml.mapping("security") { yaml in
                for scheme in schemes { yaml.entry { $0.list(scheme, []) } }
            }
        }
        writeParameters(template, pages, into: &yaml)
        var ignored: [String] = []
        writeResponses(into: &yaml, notes: &ignored)
        return guesses + bodyNotes.map { (.likely, "schema: " + $0) }
    }

    private func writeParameters(_ template: PathTemplate, _ pages: [DraftPage], into yaml: inout DraftYAML) {
        var names: [String] = []
        for page in pages {
            for name in page.target.queryNames where !names.contains(name) { names.append(name) }
        }
        guard !template.parameters.isEmpty || !names.isEmpty else { return }
        yaml.mapping("parameters") { yaml in
            for name in template.parameters {
                yaml.entry { yaml in
                    yaml.scalar("name", .string(name))
                    yaml.scalar("in", .string("path"))
                    yaml.scalar("required", .bool(true))
                    yaml.mapping("schema") { $0.scalar("type", .string("string")) }
                }
            }
            for name in names {
                let values = pages.compactMap { $0.target.query[name] }
                yaml.entry { yaml in
                    yaml.scalar("name", .string(name))
                    yaml.scalar("in", .string("query"))
                    if values.count == pages.count { yaml.scalar("required", .bool(true)) }
                    yaml.mapping("schema") { Self.writeParameterSchema(name, values, into: &$0) }
                }
            }
        }
    }

    /// A query parameter's type (and time format) from every value sent.
    private static func writeParameterSchema(_ name: String, _ values: [String], into yaml: inout DraftYAML) {
        var sketch = SchemaSketch()
        for value in values {
            // A long digit string (a marker, an id) is a string: the next one may not fit an integer.
            if Int64(value) != nil, value.count <= 15 {
                sketch.add(.number(value))
            } else if value == "true" || value == "false" {
                sketch.add(.bool(value == "true"))
            } else {
                sketch.add(.string(value))
            }
        }
        var ignored: [String] = []
        sketch.write(into: &yaml, name: name, notes: &ignored, path: name, enumerations: false)
    }

    /// `listReposWidgets` for `GET /repos/{owner}/{repo}/widgets`.
    static func operationID(_ method: String, _ template: PathTemplate) -> String {
        let words = template.segments.compactMap { segment -> String? in
            guard case .literal(let literal) = segment else { return nil }
            let letters = literal.filter { $0.isLetter || $0.isNumber }
            return letters.isEmpty ? nil : letters.prefix(1).uppercased() + letters.dropFirst()
        }
        return method.lowercased() + (words.isEmpty ? "Root" : words.joined())
    }
}
