import Foundation

/// Looks for secrets that survived redaction in cassettes and HAR files: known
/// credential shapes, credential-bearing headers and query parameters that are
/// not placeholders, and registered literal values. A finding names the file,
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

    public init(literalSecrets: [String] = []) {
        self.literalSecrets = literalSecrets.filter { $0.count >= 4 }
    }

    static let shapes: [(kind: String, pattern: String)] = [
        ("alibaba-access-key", #"LTAI[0-9A-Za-z]{12,}"#),
        ("iam-pki-token", #"MII[A-Za-z0-9+/=_-]{60,}"#),
        ("yandex-iam-token", #"t1\.[A-Za-z0-9_-]{40,}"#),
        ("jwt", #"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"#),
        ("bearer-token", #"Bearer (?!REDACTED-)[A-Za-z0-9._~+/=-]{16,}"#),
        ("ak-sk-signature", #"(Access|Signature)=(?!REDACTED-)[A-Za-z0-9+/=]{10,}"#),
    ]

    static let credentialHeaders: Set<String> = [
        "authorization", "x-auth-token", "x-subject-token", "x-security-token", "cookie", "set-cookie", "proxy-authorization",
    ]
    static let credentialParameters: Set<String> = ["AccessKeyId", "Signature", "SignatureNonce", "SecurityToken"]

    private static let expressions: [(String, NSRegularExpression)] = shapes.map { ($0.kind, try! NSRegularExpression(pattern: $0.pattern)) }

    /// Scans files and folders (recursing for `*.json` and `*.har`).
    /// - Throws: `InputError` for a file that cannot be read or is not JSON.
    public func scan(paths: [String]) throws(InputError) -> [Finding] {
        var findings: [Finding] = []
        for path in paths {
            for file in try Self.files(at: path) {
                findings += try scan(file: file)
            }
        }
        return findings
    }

    /// Scans one cassette or HAR file.
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
        var findings: [Finding] = []
        visit(root, path: .root, file: file, into: &findings)
        return findings
    }

    private func visit(_ value: JSONValue, path: JSONPath, file: String, into findings: inout [Finding]) {
        switch value {
        case .object(let object):
            // HAR headers and query strings: {"name": …, "value": …}.
            if let name = object["name"]?.stringValue, let text = object["value"]?.stringValue {
                check(name: name, value: text, path: path.appending("value"), file: file, into: &findings)
            }
            for member in object.members { visit(member.value, path: path.appending(member.key), file: file, into: &findings) }
        case .array(let elements):
            // Cassette headers: ["Name", "value"].
            if elements.count == 2, let name = elements[0].stringValue, let text = elements[1].stringValue {
                check(name: name, value: text, path: path.appending(index: 1), file: file, into: &findings)
            }
            for (index, element) in elements.enumerated() { visit(element, path: path.appending(index: index), file: file, into: &findings) }
        case .string(let text):
            check(text, path: path, file: file, into: &findings)
        default: break
        }
    }

    private func check(name: String, value: String, path: JSONPath, file: String, into findings: inout [Finding]) {
        guard Self.credentialHeaders.contains(name.lowercased()) || Self.credentialParameters.contains(name) else { return }
        guard !value.isEmpty, !Redactor.isPlaceholder(value) else { return }
        findings.append(Finding(file: file, path: path, kind: "credential in \(name)"))
    }

    private func check(_ text: String, path: JSONPath, file: String, into findings: inout [Finding]) {
        let range = NSRange(text.startIndex..., in: text)
        for (kind, expression) in Self.expressions where expression.firstMatch(in: text, range: range) != nil {
            findings.append(Finding(file: file, path: path, kind: kind))
        }
        if let components = URLComponents(string: text), components.scheme != nil {
            for item in components.queryItems ?? [] where Self.credentialParameters.contains(item.name) {
                if let value = item.value, !value.isEmpty, !Redactor.isPlaceholder(value) {
                    findings.append(Finding(file: file, path: path, kind: "credential in query parameter \(item.name)"))
                }
            }
        }
        for secret in literalSecrets where text.contains(secret) {
            findings.append(Finding(file: file, path: path, kind: "registered secret value"))
        }
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
