public import Foundation
public import Tapedeck
import TapedeckProviders
import Yams

/// A scenario from `Scenarios/*.yaml`: which provider and cassette, the first
/// page the walk starts from, which rules to run, and the known deviations that
/// are reported but do not fail. The format is in `docs/scenarios.md`.
public struct Scenario: Sendable, Equatable {
    /// A scenario's name: the file name without `.yaml`, used as the test case name.
    public var name: String
    /// The file it was read from, for messages.
    public var file: String
    public var summary: String
    /// The provider id (`huawei-iotda`).
    public var provider: String
    /// The cassette, relative to `Cassettes/` (`huawei-iotda/marker-walk.json`).
    public var cassette: String
    /// The first page's path below the provider's base URL, with its non-paging query.
    public var path: String
    /// The first page's query as written: a relative time keeps its expression (`{now-7d}`).
    public var query: [URLQueryItem]
    /// The query parameters written as relative times, in written order.
    public var relativeTimes: [RelativeParameter]
    /// The most pages the walk fetches (`request.pages`); `nil` walks to the end.
    public var maximumPages: Int?
    /// The rules to run; all when the file names none.
    public var rules: Set<ContractRule>
    /// Known deviations, each with its reason.
    public var allowances: [Allowance]
    /// Whether the cassette is a fixed exhibit (a seed page's own example) that
    /// re-recording must never overwrite (`replay-only: true`).
    public var replayOnly: Bool
    /// Rules that must report at least one failing violation (a scenario that
    /// proves a deviation is caught); empty for a walk that must be clean.
    public var expectedViolations: Set<ContractRule>

    /// A query parameter written as a relative time, and where.
    public struct RelativeParameter: Sendable, Equatable {
        public var name: String
        public var time: RelativeTime
        public var line: Int
        public var column: Int
    }

    /// The first page's URL below `baseURL` (the provider's base URL), with each
    /// relative time written at `now` in the format `contract` documents for its
    /// parameter, and the values it gave (for the recording to keep their expressions).
    /// - Throws: `InputError` at the expression's line when the contract documents no
    ///   time format for its parameter and the expression names none.
    public func firstPage(
        baseURL: URL, contract: Contract, now: Date
    ) throws(InputError) -> (url: URL, relativeTimes: [RelativeTime.Binding]) {
        var bindings: [RelativeTime.Binding] = []
        var items = query
        let template = url(baseURL: baseURL, query: query)
        for parameter in relativeTimes {
            let time = parameter.time.resolved(format: contract.timeFormat(ofQueryParameter: parameter.name, inURL: template.absoluteString))
            guard time.format != nil else {
                throw InputError(
                    file: file, location: .line(parameter.line, column: parameter.column),
                    expected: "a time format for \(parameter.name) \(parameter.time): the contract (\(contract.file)) documents none",
                    found: "no format",
                    hint: "Name one in the expression, such as {now-7d:epoch-millis}, or give the parameter's schema a time format")
            }
            let value = time.value(at: now)
            bindings.append(RelativeTime.Binding(name: parameter.name, time: time, value: value))
            items = items.map { $0.name == parameter.name ? URLQueryItem(name: $0.name, value: value) : $0 }
        }
        return (url(baseURL: baseURL, query: items), bindings)
    }

    /// `baseURL` followed by the scenario's path, with `query`.
    private func url(baseURL: URL, query: [URLQueryItem]) -> URL {
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.path = components.path + path
        components.queryItems = query.isEmpty ? nil : query
        return components.url ?? baseURL
    }

    /// The providers a scenario in `file` may name: the built-in ones and those
    /// with a profile in the `contracts` folder beside it (`Scenarios/contracts`).
    static func knownProviders(besides file: String) -> Set<String> {
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("contracts")
        let added = (try? ProfileCatalogue().adding(folder: folder))?.profiles.map(\.id) ?? []
        return Set(ContractCatalogue.builtIn.profiles.profiles.map(\.id) + added)
    }

    /// Reads a scenario file.
    /// - Throws: `InputError` naming the file, the line and the key that is wrong.
    public init(contentsOf url: URL) throws(InputError) {
        let data = try InputError.read(url, expecting: "a readable scenario file")
        let text = try InputError.text(data, file: url.path, expecting: "a UTF-8 scenario file")
        try self.init(yaml: text, file: url.path, name: url.deletingPathExtension().lastPathComponent)
    }

    /// Parses a scenario from its YAML text.
    public init(yaml: String, file: String, name: String) throws(InputError) {
        let root = try YAMLReader.document(yaml, file: file, expected: "a scenario mapping")
        let reader = YAMLReader(file: file)
        let mapping = try reader.mapping(root, key: "the document")
        try reader.rejectUnknownKeys(
            mapping, allowed: ["summary", "provider", "cassette", "request", "rules", "allow", "expect", "replay-only"])
        self.name = name
        self.file = file
        replayOnly = try mapping["replay-only"].map(reader.string(key: "replay-only")) == "true"
        summary = try mapping["summary"].map(reader.string(key: "summary")) ?? ""
        let providerNode = try reader.required(mapping, "provider", in: root)
        provider = try reader.string(providerNode, key: "provider")
        let known = Self.knownProviders(besides: file)
        guard known.contains(provider) else {
            throw reader.error(
                providerNode, expected: "a provider id with a profile (" + known.sorted().joined(separator: ", ") + ")",
                found: "\"\(provider)\"")
        }
        let cassetteNode = try reader.required(mapping, "cassette", in: root)
        cassette = try reader.string(cassetteNode, key: "cassette")
        guard !cassette.hasPrefix("/"), !cassette.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            throw reader.error(cassetteNode, expected: "a cassette path below Cassettes/ (no leading '/', no '..')", found: "\"\(cassette)\"")
        }
        let requestNode = try reader.required(mapping, "request", in: root)
        let request = try reader.mapping(requestNode, key: "request")
        try reader.rejectUnknownKeys(request, allowed: ["path", "query", "pages"])
        path = try reader.string(try reader.required(request, "path", in: requestNode), key: "request.path")
        guard path.hasPrefix("/") else {
            throw reader.error(request["path"], expected: "request.path starting with '/'", found: "\"\(path)\"")
        }
        query = []
        relativeTimes = []
        if let node = request["query"] {
            for (nameNode, valueNode) in try reader.mapping(node, key: "request.query") {
                let name = try reader.string(nameNode, key: "request.query")
                let value = try reader.string(valueNode, key: "request.query.\(name)")
                query.append(URLQueryItem(name: name, value: value))
                guard RelativeTime.isExpression(value) else { continue }
                do {
                    relativeTimes.append(
                        RelativeParameter(
                            name: name, time: try RelativeTime(value), line: valueNode.mark?.line ?? 0, column: valueNode.mark?.column ?? 0))
                } catch {
                    throw reader.error(valueNode, expected: "request.query.\(name) to be a relative time: \(error.expected)", found: "\"\(value.prefix(80))\"")
                }
            }
        }
        maximumPages = nil
        if let node = request["pages"] {
            guard let pages = Int(try reader.string(node, key: "request.pages")), pages > 0 else {
                throw reader.error(node, expected: "request.pages to be a positive integer", found: reader.describe(node))
            }
            maximumPages = pages
        }
        rules = Set(try mapping["rules"].map(reader.rules(key: "rules")) ?? ContractRule.allCases)
        expectedViolations = Set(try mapping["expect"].map(reader.rules(key: "expect")) ?? [])
        allowances = try mapping["allow"].map(reader.allowances) ?? []
    }
}

/// The scenario-only readers: rules and allowances.
extension YAMLReader {
    /// `rules(_:key:)` with the key fixed, for `Optional.map`.
    func rules(key: String) -> (Node) throws(InputError) -> [ContractRule] {
        { node throws(InputError) in try rules(node, key: key) }
    }

    func rule(_ node: Node, key: String) throws(InputError) -> ContractRule {
        let text = try string(node, key: key)
        guard let rule = ContractRule(rawValue: text) else {
            throw error(
                node, expected: "a rule id (" + ContractRule.allCases.map(\.rawValue).joined(separator: ", ") + ")",
                found: "\"\(text)\"")
        }
        return rule
    }

    func rules(_ node: Node, key: String) throws(InputError) -> [ContractRule] {
        if node.scalar?.string == "all" { return ContractRule.allCases }
        guard let sequence = node.sequence else {
            throw error(node, expected: "\(key) to be `all` or a list of rule ids", found: describe(node))
        }
        var rules: [ContractRule] = []
        for element in sequence { rules.append(try rule(element, key: key)) }
        return rules
    }

    func allowances(_ node: Node) throws(InputError) -> [Allowance] {
        guard let sequence = node.sequence else {
            throw error(node, expected: "allow to be a list of {rule, path, reason}", found: describe(node))
        }
        var allowances: [Allowance] = []
        for element in sequence {
            let entry = try mapping(element, key: "an allow entry")
            try rejectUnknownKeys(entry, allowed: ["rule", "path", "reason"])
            let rule = try rule(try required(entry, "rule", in: element), key: "allow.rule")
            let path = try entry["path"].map(string(key: "allow.path"))
            if let path, !Allowance.isWellFormed(path: path) {
                throw error(entry["path"], expected: Allowance.pathSyntax, found: "\"\(path)\"")
            }
            let reason = try string(try required(entry, "reason", in: element), key: "allow.reason")
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw error(entry["reason"], expected: "a reason saying why the deviation is known", found: "an empty reason")
            }
            allowances.append(Allowance(rule: rule, path: path, reason: reason))
        }
        return allowances
    }
}

extension Scenario {
    /// Every `*.yaml` scenario directly in `directory`, sorted by name.
    /// - Throws: the first scenario's `InputError`, or one naming the folder when it cannot be read.
    public static func all(in directory: URL) throws(InputError) -> [Scenario] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw InputError(file: directory.path, expected: "a readable scenario folder", found: error.localizedDescription)
        }
        var scenarios: [Scenario] = []
        for name in names.sorted() where name.hasSuffix(".yaml") {
            scenarios.append(try Scenario(contentsOf: directory.appendingPathComponent(name)))
        }
        return scenarios
    }
}
