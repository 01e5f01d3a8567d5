public import Foundation
public import Tapedeck

/// What Tapedeck knows about one provider API, as data: a `<id>.profile.json`
/// document beside the provider's contract (the format is in `docs/providers.md`).
/// It feeds the recorder's signer (`authentication`), the redactor and the secret
/// scan (`redaction`, the credentials' values), the matcher (`volatileQueryParameters`)
/// and provider detection (`recognises`).
public struct ProviderProfile: Sendable {
    /// The provider id, as contracts, scenarios and `Cassettes/<id>/` name it.
    public var id: String
    /// One line on what the API is.
    public var summary: String
    /// The endpoint requests go to by default; `TAPEDECK_BASE_URL_<ID>` overrides it (`baseURLVariable`).
    public var baseURL: URL?
    /// The response header that carries the provider's request id.
    public var requestIDHeader: String?
    /// The ways the provider takes credentials, in the order they are tried.
    public var authentication: [AuthenticationScheme]
    /// Query parameters whose value changes on every request (signatures, nonces, timestamps): matchers ignore them.
    public var volatileQueryParameters: Set<String>
    /// Parameters (query, form field, or JSON body key) replay matches as times by their
    /// offset from now whatever their distance from the recording (`TimeMatching.parameters`).
    public var timeParameters: Set<String>
    /// Parameters never matched as times, though their values look like times near the recording.
    public var nonTimeParameters: Set<String>
    /// Extra names and shapes to redact, in the redaction rules file format (`docs/redaction.md`).
    public var redaction: JSONValue?
    /// Host names (`*` stands for one or more labels) the provider answers at.
    public var hosts: [String]
    /// The documented paths, with `{placeholders}` for single segments.
    public var pathTemplates: [String]
    /// Parameters (query, or form body) a request must carry to be the provider's; an empty value accepts any.
    public var parameters: [(name: String, value: String)]
    /// The file it was read from, for messages.
    public var file: String

    /// The members a profile may have (any other is an error, so a typo cannot silently drop a setting).
    static let members = ["id", "summary", "baseURL", "requestIDHeader", "authentication", "volatile", "times", "redaction", "recognise"]

    /// Reads a profile document.
    /// - Throws: `InputError` naming the file and the JSON path of the first bad member.
    public init(contentsOf url: URL) throws(InputError) {
        let data = try InputError.read(url, expecting: "a readable provider profile")
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw InputError(file: url.path, parseError: error)
        }
        try self.init(document: document, file: url.path)
    }

    /// A profile from its parsed document.
    /// - Throws: `InputError` naming `file` and the JSON path of the first bad member.
    public init(document: JSONValue, file: String) throws(InputError) {
        let reader = JSONDocumentReader(file: file)
        let top = try reader.object(document, at: .root, members: Self.members)
        self.file = file
        id = try reader.string(top, "id", at: .root) ?? ""
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw InputError(
                file: file, location: .path(JSONPath.root.appending("id")), expected: "a provider id of letters, digits and '-'",
                found: id.isEmpty ? "nothing" : "\"\(id)\"")
        }
        summary = try reader.string(top, "summary", at: .root) ?? ""
        baseURL = try reader.string(top, "baseURL", at: .root).map { text throws(InputError) in
            guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw InputError(
                    file: file, location: .path(JSONPath.root.appending("baseURL")), expected: "an http(s) URL", found: "\"\(text)\"")
            }
            return url
        }
        requestIDHeader = try reader.string(top, "requestIDHeader", at: .root)
        authentication = []
        for (entry, path) in try reader.objects(top, "authentication", at: .root) {
            authentication.append(try AuthenticationScheme(entry, at: path, reader: reader))
        }
        let volatilePath = JSONPath.root.appending("volatile")
        let volatile = try top["volatile"].map { value throws(InputError) in try reader.object(value, at: volatilePath, members: ["queryParameters"]) }
        volatileQueryParameters = Set(try volatile.map { object throws(InputError) in try reader.strings(object, "queryParameters", at: volatilePath) } ?? [])
        let timesPath = JSONPath.root.appending("times")
        let times = try top["times"].map { value throws(InputError) in try reader.object(value, at: timesPath, members: ["add", "exclude"]) }
        timeParameters = Set(try times.map { object throws(InputError) in try reader.strings(object, "add", at: timesPath) } ?? [])
        nonTimeParameters = Set(try times.map { object throws(InputError) in try reader.strings(object, "exclude", at: timesPath) } ?? [])
        redaction = top["redaction"]
        if let redaction {
            // Read once now, so a bad rule is reported when the profile loads, not when a cassette is written.
            _ = try Redactor(catalogue: CredentialCatalogue(names: [], shapes: []))
                .adding(rulesDocument: redaction, file: file, at: JSONPath.root.appending("redaction"), environment: [:])
        }
        let recognisePath = JSONPath.root.appending("recognise")
        let recognise =
            try top["recognise"].map { value throws(InputError) in
                try reader.object(value, at: recognisePath, members: ["hosts", "paths", "parameters"])
            } ?? JSONObject()
        hosts = try reader.strings(recognise, "hosts", at: recognisePath).map { $0.lowercased() }
        pathTemplates = try reader.strings(recognise, "paths", at: recognisePath)
        for (index, template) in pathTemplates.enumerated() where !template.hasPrefix("/") {
            throw InputError(
                file: file, location: .path(recognisePath.appending("paths").appending(index: index)), expected: "a path starting with '/'",
                found: "\"\(template)\"")
        }
        parameters = try reader.stringPairs(recognise, "parameters", at: recognisePath)
    }

    /// The environment variable that overrides `baseURL`: `TAPEDECK_BASE_URL_` and the id in
    /// capitals with `_` for `-` (`TAPEDECK_BASE_URL_HUAWEI_IOTDA`).
    public var baseURLVariable: String { "TAPEDECK_BASE_URL_" + id.uppercased().replacingOccurrences(of: "-", with: "_") }

    /// The base URL to send requests to: `baseURLVariable` when set, else `baseURL`.
    public func endpoint(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        environment[baseURLVariable].flatMap { $0.isEmpty ? nil : URL(string: $0) } ?? baseURL
    }

    /// Every environment variable the profile's authentication reads, in the order they are tried.
    public var environmentVariables: [String] { authentication.flatMap(\.secrets) }

    /// Whether a request is this provider's: its path fits a documented path (below
    /// `/<id>/` too, as the simulator serves it) and it carries the identifying
    /// parameters, or its host is one the provider answers at.
    public func recognises(host: String?, segments: [String], parameters given: [(String, String)]) -> Bool {
        let unprefixed = segments.first == id ? Array(segments.dropFirst()) : segments
        if pathTemplates.contains(where: { Self.fits(segments, $0) || Self.fits(unprefixed, $0) }),
            parameters.allSatisfy({ wanted in given.contains { $0.0 == wanted.name && (wanted.value.isEmpty || $0.1 == wanted.value) } })
        {
            return true
        }
        guard let host = host?.lowercased() else { return false }
        return hosts.contains { Self.fits(host: host, $0) }
    }

    /// Whether path segments fit a template, a `{placeholder}` standing for any one segment.
    static func fits(_ segments: [String], _ template: String) -> Bool {
        let parts = template.split(separator: "/")
        guard parts.count == segments.count else { return false }
        return zip(parts, segments).allSatisfy { part, segment in part.hasPrefix("{") || part == segment }
    }

    /// Whether a host fits a pattern, `*` standing for one or more labels. The pattern
    /// runs as a set of states over the labels (how many of its parts the labels so far
    /// can fill), so a pattern of many `*` against a long host costs labels × parts steps,
    /// never the exponential backtracking of trying each split.
    static func fits(host: String, _ pattern: String) -> Bool {
        let parts = pattern.split(separator: ".")
        // filled[p]: the labels read so far can match exactly parts[0..<p].
        var filled = [Bool](repeating: false, count: parts.count + 1)
        filled[0] = true
        for label in host.split(separator: ".") {
            var next = [Bool](repeating: false, count: parts.count + 1)
            var any = false
            for (index, part) in parts.enumerated() {
                let star = part == "*"
                // A part takes this label; a `*` that took the previous label may take this one too.
                if (filled[index] && (star || part == label)) || (star && filled[index + 1]) {
                    next[index + 1] = true
                    any = true
                }
            }
            guard any else { return false }
            filled = next
        }
        return filled[parts.count]
    }
}
