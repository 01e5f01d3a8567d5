import Foundation
import Tapedeck

/// Generated members of the classes of secrets (docs/redaction.md): random
/// secrets under random credential-word names, at random depths, in random
/// formats (JSON, nested JSON and base64 JSON in strings, form, XML, plist,
/// HTML, YAML, `.env`, multipart, NDJSON, SSE, headers, query, URL user info,
/// connection strings), each also copied elsewhere in a random form (percent-
/// encoded once or twice, JSON-escaped, `\u` escapes, HTML entities, base64
/// at any offset). And a corpus modelled on the public API documentation of
/// 16 vendors, with secrets in the places and shapes those APIs use.
struct PlantedSecretGenerator {
    private(set) var secrets: [String] = []
    private(set) var interactions: [Interaction] = []
    private var state: UInt64
    private let base: String

    init(seed: UInt64, base: String) {
        state = seed
        self.base = base
    }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    private static let alphanumerics = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
    private static let hex = Array("0123456789abcdef")

    mutating func random(_ count: Int, from alphabet: [Character] = alphanumerics) -> String {
        String((0..<count).map { _ in alphabet[next(alphabet.count)] })
    }

    /// A planted secret: random (16 to 40 characters) or, a third of the time, a plain password people choose.
    private mutating func secret() -> String {
        let value =
            next(3) == 0
            ? pick(["Summer", "Winter", "Orange", "Falcon"]) + random(4, from: Array("0123456789")) + pick(["!", "#", ""])
            : random(16 + next(25))
        return plant(value)
    }

    @discardableResult
    mutating func plant(_ value: String) -> String {
        secrets.append(value)
        return value
    }

    private static let words = [
        ["password"], ["passwd"], ["secret"], ["token"], ["api", "key"], ["access", "key"], ["private", "key"], ["client", "secret"],
        ["client", "key", "data"], ["account", "key"], ["passphrase"], ["session", "token"], ["auth", "token"], ["refresh", "token"],
        ["signing", "secret"], ["master", "user", "password"], ["csrf", "token"], ["registry", "auth"], ["webhook", "secret"],
        ["license", "key"], ["pwd"], ["credentials"], ["bearer", "token"], ["shared", "key"],
    ]
    private static let modifiers = [[], ["db"], ["new"], ["my"], ["old"], ["admin"], ["service"], ["github"], ["x", "vendor"]]

    private mutating func name(header: Bool = false) -> String {
        let words = pick(Self.modifiers) + pick(Self.words)
        switch header ? 2 : next(7) {
        case 0: return words.joined(separator: "_")
        case 1: return words.joined(separator: "_").uppercased()
        case 2: return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
        case 3: return words.joined(separator: ".")
        case 4: return words.enumerated().map { $0 == 0 ? $1 : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
        case 5: return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        default: return words.joined(separator: "-")
        }
    }

    /// `value` nested `depth` levels deep in JSON objects and arrays.
    private mutating func nested(_ member: String, depth: Int) -> String {
        var text = member
        for level in 0..<depth { text = next(2) == 0 ? "{\"level\(level)\": \(text)}" : "[{\"item\": \(text)}]" }
        return text.hasPrefix("{") ? text : "{\"root\": \(text)}"
    }

    private static func jsonString(_ text: String) -> String { JSONWriter().string(from: .string(text)) }

    /// A copy of `secret` in a random form, as an echo would carry it.
    private mutating func copy(of secret: String) -> String {
        var forms = [secret, secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!]
        forms.append(forms[1].replacingOccurrences(of: "%", with: "%25"))
        forms.append(Data(secret.utf8).base64EncodedString())
        forms.append(Data((random(next(3)) + secret + random(5)).utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-"))
        return pick(forms)
    }

    /// One exchange with a generated secret in a generated place.
    mutating func addGenerated() {
        let name = name()
        let secret = secret()
        let quoted = Self.jsonString(secret)
        var url = base + "/v1/things/\(interactions.count)"
        var requestHeaders: HeaderFields = ["Content-Type": "application/json"]
        var requestBody = ""
        var responseType = "application/json"
        var responseBody = "{\"ok\": true}"
        var responseHeaders = HeaderFields()
        switch next(16) {
        case 0: requestBody = nested("{\(Self.jsonString(name)): \(quoted)}", depth: next(6))
        case 1: responseBody = nested("{\(Self.jsonString(name)): \(quoted)}", depth: next(6))
        case 2: responseBody = nested("[{\"name\": \(Self.jsonString(name)), \"value\": \(quoted)}]", depth: next(4))
        case 3: responseBody = "{\"config\": \(Self.jsonString("{\(Self.jsonString(name)): \(quoted)}"))}"
        case 4: responseBody = "{\"blob\": \"\(Data("{\(Self.jsonString(name)): \(quoted)}".utf8).base64EncodedString())\"}"
        case 5:
            requestHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            requestBody =
                "a=1&\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        case 6:
            responseType = "application/xml"
            responseBody =
                next(2) == 0 ? "<r><a><\(name)>\(secret)</\(name)></a></r>" : "<plist><dict><key>\(name)</key><string>\(secret)</string></dict></plist>"
        case 7:
            responseType = "text/html"
            responseBody = "<form><input type=\"hidden\" name=\"\(name)\" value=\"\(secret)\"></form>"
        case 8:
            responseType = "application/yaml"
            responseBody = "spec:\n  template:\n    \(name): \(secret)\n"
        case 9:
            responseType = "text/plain"
            responseBody = "# env\nA=1\n\(name)=\(secret)\n"
        case 10:
            responseType = "application/x-ndjson"
            responseBody = "{\"n\":1}\n{\(Self.jsonString(name)):\(quoted),\"x\":NaN}\n"
        case 11:
            responseType = "text/event-stream"
            responseBody = "event: m\ndata: {\(Self.jsonString(name)): \(quoted)}\n\n"
        case 12: requestHeaders.append(name: "X-" + self.name(header: true), value: secret)
        case 13:
            url +=
                "?page=2&\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        case 14:
            responseBody = "{\"conn\": \(Self.jsonString("Server=db;User Id=app;Password=\(secret);Encrypt=true"))}"
        default:
            let boundary = "b0undary\(next(1000))"
            requestHeaders = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
            requestBody = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(secret)\r\n--\(boundary)--\r\n"
        }
        // A copy of a long, random secret somewhere else, in a random form.
        if secret.count >= 16, next(2) == 0 { responseHeaders.append(name: "X-Echo", value: "seen " + copy(of: secret)) }
        responseHeaders.append(name: "Content-Type", value: responseType)
        interactions.append(
            Interaction(
                request: RecordedRequest(
                    method: requestBody.isEmpty ? "GET" : "POST", url: url, headers: requestHeaders,
                    body: requestBody.isEmpty ? RecordedBody(content: .empty) : RecordedBody(content: .text(requestBody))),
                response: RecordedResponse(status: 200, headers: responseHeaders, body: RecordedBody(content: .text(responseBody))),
                recordedAt: Date(timeIntervalSince1970: 1_790_000_000), duration: 0.01))
    }

    mutating func add(
        _ method: String, _ path: String, headers: HeaderFields = [:], body: String = "", type: String = "application/json", answer: String,
        answerHeaders: HeaderFields = [:]
    ) {
        var responseHeaders = answerHeaders
        responseHeaders.append(name: "Content-Type", value: type)
        var requestHeaders = headers
        if !body.isEmpty, requestHeaders["Content-Type"] == nil { requestHeaders.append(name: "Content-Type", value: "application/json") }
        interactions.append(
            Interaction(
                request: RecordedRequest(
                    method: method, url: base + path, headers: requestHeaders,
                    body: body.isEmpty ? RecordedBody(content: .empty) : RecordedBody(content: .text(body))),
                response: RecordedResponse(status: 200, headers: responseHeaders, body: RecordedBody(content: .text(answer))),
                recordedAt: Date(timeIntervalSince1970: 1_790_000_000), duration: 0.01))
    }
}
