/// The scan of one file: each interaction read by the redactor's structure, and
/// every string in the file checked for shapes and registered values; at most
/// one finding per JSON path.
struct InteractionScan {
    /// Where a file keeps an interaction's parts.
    enum Layout {
        case cassette, har
    }

    let file: String
    private let message: MessageRedactor
    /// A scratch table: the scan wants to know what would be replaced, not by what.
    private var table = PlaceholderTable(numberedAfter: 0)
    private var literals = PlaceholderTable(numberedAfter: 0)
    private(set) var findings: [SecretScanner.Finding] = []
    private var seen: Set<String> = []
    private let detectors = IndependentDetectors()

    init(file: String, redactor: Redactor, literalSecrets: [String]) {
        self.file = file
        message = MessageRedactor(catalogue: redactor.catalogue, rules: Redactor.CompiledRules(redactor.rules, catalogue: redactor.catalogue))
        for secret in literalSecrets + redactor.literalSecrets { _ = literals.placeholder(for: secret, kind: "secret") }
    }

    private mutating func report(_ path: JSONPath, _ kind: String) {
        guard seen.insert(path.description).inserted else { return }
        findings.append(SecretScanner.Finding(file: file, path: path, kind: kind))
    }

    /// The interaction's URL, headers and bodies, each as the redactor reads it.
    mutating func check(_ interaction: Interaction, at base: JSONPath, layout: Layout) {
        let request = base.appending("request")
        let url = message.redact(url: interaction.request.url, table: &table)
        if url != interaction.request.url {
            let query = { (text: String) in text.firstIndex(of: "?").map { FormFields.pairs(text[text.index(after: $0)...]) } ?? [] }
            let changed = zip(query(interaction.request.url), query(url)).filter { $0.value != $1.value }.map(\.0.name)
            report(request.appending("url"), changed.first.map { "credential in query parameter \($0)" } ?? "credential in the URL")
        }
        check(interaction.request.headers, at: request.appending("headers"), layout: layout)
        check(interaction.request.body, headers: interaction.request.headers, at: layout == .har ? request.appending("postData") : request, layout: layout)
        let response = base.appending("response")
        check(interaction.response.headers, at: response.appending("headers"), layout: layout)
        check(interaction.response.body, headers: interaction.response.headers, at: layout == .har ? response.appending("content") : response, layout: layout)
    }

    private mutating func check(_ headers: HeaderFields, at path: JSONPath, layout: Layout) {
        for (index, field) in headers.enumerated() where message.redact(headers: HeaderFields([field]), table: &table) != HeaderFields([field]) {
            let at = path.appending(index: index)
            report(layout == .har ? at.appending("value") : at.appending(index: 1), "credential in \(field.name)")
        }
    }

    private mutating func check(_ body: RecordedBody, headers: HeaderFields, at path: JSONPath, layout: Layout) {
        let redacted = message.redact(body: body, headers: headers, table: &table)
        guard redacted != body else { return }
        switch (layout, body.content, redacted.content) {
        case (.cassette, .json(let before), .json(let after)): reportDifferences(before, after, at: path.appending("body").appending("json"))
        case (.cassette, .text, _): report(path.appending("body").appending("text"), "credential in the body")
        case (.cassette, _, _): report(path.appending("body").appending("base64"), "credential in the body")
        case (.har, _, _): report(path.appending("text"), "credential in the body")
        }
    }

    private mutating func reportDifferences(_ before: JSONValue, _ after: JSONValue, at path: JSONPath) {
        switch (before, after) {
        case (.object(let old), .object(let new)) where old.count == new.count:
            for (member, redacted) in zip(old.members, new.members) { reportDifferences(member.value, redacted.value, at: path.appending(member.key)) }
        case (.array(let old), .array(let new)) where old.count == new.count:
            for (index, pair) in zip(old, new).enumerated() { reportDifferences(pair.0, pair.1, at: path.appending(index: index)) }
        default:
            guard before != after else { return }
            report(path, before.stringValue.flatMap { message.catalogue.shapeKinds(in: $0).first } ?? "credential in the body")
        }
    }

    /// A HAR's `cookies`, `queryString` and `postData.params`, which repeat what the headers, URL and body hold.
    mutating func checkHARFields(_ value: JSONValue, at path: JSONPath) {
        switch value {
        case .object(let object):
            for member in object.members {
                let at = path.appending(member.key)
                if ["cookies", "queryString", "params"].contains(member.key), let list = member.value.arrayValue {
                    for (index, field) in list.enumerated() {
                        guard let name = field["name"]?.stringValue, let text = field["value"]?.stringValue, !text.isEmpty,
                            !Placeholder.isWhole(text), member.key == "cookies" || message.catalogue.isCredential(name: name, value: text, at: .parameter)
                        else { continue }
                        report(at.appending(index: index).appending("value"), member.key == "cookies" ? "cookie \(name)" : "credential in \(name)")
                    }
                } else {
                    checkHARFields(member.value, at: at)
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { checkHARFields(element, at: path.appending(index: index)) }
        default: break
        }
    }

    /// Every string in the file: credential shapes, registered values and the
    /// scan's own detectors (`IndependentDetectors`), wherever they are.
    /// - Parameter name: the member that holds `value` (a HAR's `{"name": …, "value": …}` pair's name for its value).
    mutating func checkStrings(_ value: JSONValue, at path: JSONPath, name: String? = nil) {
        switch value {
        case .string(let text):
            if let kind = message.catalogue.shapeKinds(in: text).first { report(path, kind) }
            if literals.scrub(text) != text { report(path, "registered secret value") }
            if let detector = detectors.detector(for: text, name: name) { report(path, detector) }
        case .object(let object):
            let pairName = object["name"]?.stringValue
            for member in object.members {
                checkStrings(member.value, at: path.appending(member.key), name: member.key == "value" ? pairName ?? member.key : member.key)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { checkStrings(element, at: path.appending(index: index), name: name) }
        default: break
        }
    }
}
