public import Foundation

/// Looks for secrets that survived redaction in cassettes and HAR files, with
/// the redactor's own eyes: each interaction is read as the redactor reads it
/// (bodies decoded, JSON by key, forms, XML, multipart, cookies, the
/// catalogue's names and shapes, high-entropy values under credential-like
/// names), and whatever the redactor would replace is a finding. HAR files'
/// `cookies`, `queryString` and `postData.params` are read too, every string
/// anywhere is checked for credential shapes and registered values, and only a
/// value that is a placeholder as a whole is clean. A finding names the file,
/// the JSON path and the kind, never the secret.
public struct SecretScanner: Sendable {
    /// One surviving secret.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var path: JSONPath
        public var kind: String
        public var description: String { "\(file): \(path): \(kind)" }
    }

    /// Literal values (from credential environment variables, say) that must not appear anywhere.
    public var literalSecrets: [String]
    /// What the scan takes for a secret: the redactor's catalogue and rules.
    public var redactor: Redactor

    /// Findings accepted on purpose (`file: path: kind`, as `Finding.description` prints them): not reported again.
    public var baseline: Set<String> = []

    public init(literalSecrets: [String] = [], redactor: Redactor = .standard) {
        self.literalSecrets = literalSecrets.filter { $0.count >= SecretForms.shortest }
        self.redactor = redactor
    }

    /// Reads a baseline file: `{"accepted": ["file: path: kind", …]}` (what `baselineDocument` writes).
    /// - Throws: `InputError` naming the file and the JSON path of what does not read.
    public static func baseline(from file: URL) throws(InputError) -> Set<String> {
        let data = try InputError.read(file, expecting: "a readable scan baseline")
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw InputError(file: file.path, parseError: error)
        }
        let reader = JSONDocumentReader(file: file.path)
        let top = try reader.object(document, at: .root, members: ["accepted"])
        return Set(try reader.strings(top, "accepted", at: .root))
    }

    /// A baseline file accepting `findings`.
    public static func baselineDocument(accepting findings: [Finding]) -> String {
        JSONWriter(style: .pretty()).string(from: .object(JSONObject([.init(key: "accepted", value: .array(findings.map { .string($0.description) }))])))
    }

    /// Scans files and folders (recursing for `*.json` and `*.har`).
    /// - Throws: `InputError` for a file that cannot be read or is not JSON.
    public func scan(paths: [String]) throws(InputError) -> [Finding] {
        var findings: [Finding] = []
        for path in paths {
            for file in try Self.files(at: path) {
                findings += try scan(file: file).filter { !baseline.contains($0.description) }
            }
        }
        return findings
    }

    /// Scans one cassette or HAR file.
    /// - Throws: `InputError` when it cannot be read, is not JSON, or is a cassette or HAR that does not read.
    public func scan(file: String) throws(InputError) -> [Finding] {
        let data = try InputError.read(URL(fileURLWithPath: file), expecting: "a readable cassette or HAR file")
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw InputError(file: file, parseError: error)
        }
        guard case .object = root else {
            throw InputError(file: file, location: .path(.root), expected: "a cassette or HAR document (a JSON object)", found: root.typeName)
        }
        var scan = InteractionScan(file: file, redactor: redactor, literalSecrets: literalSecrets)
        if root["interactions"] != nil {
            let cassette = try Cassette(jsonData: data, file: file)
            let base = JSONPath.root.appending("interactions")
            for (index, interaction) in cassette.interactions.enumerated() {
                scan.check(interaction, at: base.appending(index: index), layout: .cassette)
            }
        } else if root["log"]?["entries"] != nil {
            let base = JSONPath.root.appending("log").appending("entries")
            for (index, interaction) in try HARImporter.interactions(fromHAR: root, file: file).enumerated() {
                scan.check(interaction, at: base.appending(index: index), layout: .har)
            }
            scan.checkHARFields(root, at: .root)
        }
        scan.checkStrings(root, at: .root)
        return scan.findings
    }

    private static func files(at path: String) throws(InputError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, expected: "a cassette, a HAR file or a folder of them", found: "no such file")
        }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            if name.hasSuffix(".json") || name.hasSuffix(".har") { files.append((path as NSString).appendingPathComponent(name)) }
        }
        return files.sorted()
    }
}
