public import Foundation
public import Tapedeck
import TapedeckContracts
import Yams

/// A drift run's settings, from a YAML file (`drift.yaml`; format in docs/drift.md):
/// the class of each change kind, accepted changes with their reasons, JSON
/// paths never compared, and how old a committed cassette may be.
public struct DriftConfig: Sendable, Equatable {
    /// A change known and accepted: reported, never failing.
    public struct Acceptance: Sendable, Equatable {
        public var scenario: String?
        public var kind: ChangeKind
        public var path: String?
        public var reason: String

        func covers(_ finding: DriftFinding) -> Bool {
            finding.kind == kind && (scenario == nil || scenario == finding.scenario) && (path == nil || path == finding.path)
        }
    }

    public var severity: [ChangeKind: DriftClass] = [:]
    public var accepted: [Acceptance] = []
    public var excluded: [String] = []
    /// Committed cassettes older than this many days are reported.
    public var maximumAgeDays: Int?

    public init() {}

    /// Reads a config file.
    /// - Throws: `InputError` naming the file, the line and the key that is wrong.
    public init(contentsOf url: URL) throws(InputError) {
        let text = try InputError.read(url, expecting: "a drift config file")
        try self.init(yaml: String(decoding: text, as: UTF8.self), file: url.path)
    }

    public init(yaml: String, file: String) throws(InputError) {
        let root = try YAMLReader.document(yaml, file: file, expected: "a drift config mapping")
        let reader = YAMLReader(file: file)
        let mapping = try reader.mapping(root, key: "the document")
        try reader.rejectUnknownKeys(mapping, allowed: ["severity", "accept", "exclude", "max-age-days"])
        if let node = mapping["severity"] {
            for (name, value) in try reader.pairs(node, key: "severity") {
                guard let kind = ChangeKind(rawValue: name) else {
                    throw reader.error(
                        node, expected: "a change kind (" + ChangeKind.allCases.map(\.rawValue).joined(separator: ", ") + ")", found: "\"\(name)\"")
                }
                severity[kind] = try Self.driftClass(value, reader: reader, node: node)
            }
        }
        if let node = mapping["exclude"] {
            guard let sequence = node.sequence else { throw reader.error(node, expected: "exclude to be a list of JSON paths", found: reader.describe(node)) }
            for element in sequence {
                let path = try reader.string(element, key: "exclude")
                guard path.hasPrefix("$") else { throw reader.error(element, expected: "a JSON path starting with $", found: "\"\(path)\"") }
                excluded.append(path)
            }
        }
        if let node = mapping["accept"] {
            guard let sequence = node.sequence else {
                throw reader.error(node, expected: "accept to be a list of {scenario, kind, path, reason}", found: reader.describe(node))
            }
            for element in sequence {
                let entry = try reader.mapping(element, key: "an accept entry")
                try reader.rejectUnknownKeys(entry, allowed: ["scenario", "kind", "path", "reason"])
                let kindNode = try reader.required(entry, "kind", in: element)
                guard let kind = ChangeKind(rawValue: try reader.string(kindNode, key: "accept.kind")) else {
                    throw reader.error(
                        kindNode, expected: "a change kind (" + ChangeKind.allCases.map(\.rawValue).joined(separator: ", ") + ")",
                        found: reader.describe(kindNode))
                }
                let reason = try reader.string(try reader.required(entry, "reason", in: element), key: "accept.reason")
                guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw reader.error(entry["reason"], expected: "a reason saying why the change is accepted", found: "an empty reason")
                }
                accepted.append(
                    Acceptance(
                        scenario: try entry["scenario"].map(reader.string(key: "accept.scenario")), kind: kind,
                        path: try entry["path"].map(reader.string(key: "accept.path")), reason: reason))
            }
        }
        if let node = mapping["max-age-days"] {
            guard let days = Int(try reader.string(node, key: "max-age-days")), days > 0 else {
                throw reader.error(node, expected: "max-age-days to be a positive number of days", found: reader.describe(node))
            }
            maximumAgeDays = days
        }
    }

    /// `finding` with the configured class, and the acceptance that covers it.
    func settle(_ finding: DriftFinding) -> DriftFinding {
        var settled = finding
        if let override = severity[finding.kind] { settled.driftClass = override }
        settled.acceptedBecause = accepted.first { $0.covers(finding) }?.reason
        return settled
    }

    private static func driftClass(_ text: String, reader: YAMLReader, node: Node) throws(InputError) -> DriftClass {
        guard let value = DriftClass(rawValue: text) else {
            throw reader.error(node, expected: "a class (" + DriftClass.allCases.map(\.rawValue).joined(separator: ", ") + ")", found: "\"\(text)\"")
        }
        return value
    }
}
