import Foundation
import Testing

@testable import Tapedeck

/// Bodies are read by their structure: whatever their layout, the secret goes
/// and every other byte stays.
struct StructuralRedactionTests {
    static func redactedBody(_ body: RecordedBody, contentType: String?, extra: HeaderFields = [:]) -> RecordedBody {
        var headers = extra
        if let contentType { headers.append(name: "Content-Type", value: contentType) }
        let interaction = Interaction(
            request: RecordedRequest(method: "POST", url: "http://127.0.0.1:1/x", headers: headers, body: body),
            response: RecordedResponse(status: 200), recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        return Redactor.standard.redact([interaction])[0].request.body
    }

    @Test(arguments: [
        (
            "application/json", "{\n    \"user\": \"alice\",\n    \"password\": \"plantedPw1\"\n}",
            "{\n    \"user\": \"alice\",\n    \"password\": \"REDACTED-password-1\"\n}"
        ),
        (nil, "\u{FEFF}{ \"Client-Secret\" : \"plantedCs1\" , \"n\" : 1 }", "\u{FEFF}{ \"Client-Secret\" : \"REDACTED-client-secret-1\" , \"n\" : 1 }"),
        ("Application/X-WWW-Form-Urlencoded; Charset=UTF-8", "a=1&client_secret=planted%2BCs&b=2", "a=1&client_secret=REDACTED-client-secret-1&b=2"),
        (
            "text/xml", "<r><sts:SessionToken>plantedSt1</sts:SessionToken><Creds Password='plantedAttr'/></r>",
            "<r><sts:SessionToken>REDACTED-sessiontoken-1</sts:SessionToken><Creds Password='REDACTED-password-2'/></r>"
        ),
        (
            "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nplantedMp1\r\n--XyZ--\r\n",
            "--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nREDACTED-password-1\r\n--XyZ--\r\n"
        ),
    ])
    func theSecretGoesAndTheLayoutStays(contentType: String?, text: String, expected: String) {
        let body = Self.redactedBody(RecordedBody(content: .text(text)), contentType: contentType)
        #expect(body.content == .text(expected))
    }

    @Test func aGzipBodyIsDecodedAndKeptDecodedOnlyWhenSomethingWasReplaced() {
        let secret = RecordedBody(content: .binary(ContentDecoding.gzip(Data(#"{"refresh_token":"plantedGz1"}"#.utf8))))
        let redacted = Self.redactedBody(secret, contentType: "application/json", extra: ["Content-Encoding": "gzip"])
        #expect(redacted.content == .json(["refresh_token": "REDACTED-refresh-token-1"]))
        #expect(redacted.originalEncoding == "gzip")
        let clean = RecordedBody(content: .binary(ContentDecoding.gzip(Data(#"{"page":1}"#.utf8))))
        #expect(Self.redactedBody(clean, contentType: "application/json", extra: ["Content-Encoding": "gzip"]) == clean)
    }

    @Test func aBrotliBodyIsDecodedAndRedactedLikeGzip() {
        let plain = Data(#"{"access_token":"plantedBr1","page":1}"#.utf8)
        let encoded = ContentDecoding.brotli(plain)
        #expect(!encoded.isEmpty && encoded != plain)
        #expect(ContentDecoding.decode(encoded, encoding: "br") == plain)
        #expect(ContentDecoding.decode(Data("not brotli".utf8), encoding: "br") == nil)
        let redacted = Self.redactedBody(RecordedBody(content: .binary(encoded)), contentType: "application/json", extra: ["Content-Encoding": "br"])
        #expect(redacted.content == .json(["access_token": "REDACTED-access-token-1", "page": 1]))
        #expect(redacted.originalEncoding == "br")
    }

    @Test func aBodyInAnotherCharsetIsReadInItAndWrittenBackInIt() throws {
        let data = try #require("{\"password\": \"plantedU16\"}".data(using: .utf16))
        let redacted = Self.redactedBody(RecordedBody(content: .binary(data)), contentType: "application/json; charset=utf-16")
        guard case .binary(let bytes) = redacted.content else { return #expect(Bool(false), "stays bytes") }
        #expect(String(data: bytes, encoding: .utf16) == "{\"password\": \"REDACTED-password-1\"}")
    }

    @Test func userInfoAndEveryCopyOfASecretGo() {
        let interaction = Interaction(
            request: RecordedRequest(
                method: "GET", url: "https://svc:plantedUserPw1@api.example/v1/plantedUserPw1/x?echo=\(Data("plantedUserPw1".utf8).base64EncodedString())"),
            response: RecordedResponse(status: 200, body: RecordedBody(content: .text("{\"echo\": \"plantedUserPw1\"}"))),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        let redacted = Redactor.standard.redact([interaction])[0]
        #expect(redacted.request.url == "https://svc:REDACTED-password-1@api.example/v1/REDACTED-password-1/x?echo=REDACTED-password-1")
        #expect(redacted.response.body.content == .text("{\"echo\": \"REDACTED-password-1\"}"))
    }

    @Test func joinedSetCookieLinesBecomeOneRedactedFieldEach() {
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/"),
            response: RecordedResponse(status: 200, headers: ["Set-Cookie": "a=plantedA1; Path=/, b=plantedB1; Expires=Wed, 21 Oct 2026 07:28:00 GMT"]),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        let headers = Redactor.standard.redact([interaction])[0].response.headers
        #expect(headers.values(for: "Set-Cookie") == ["a=REDACTED-cookie-1; Path=/", "b=REDACTED-cookie-2; Expires=Wed, 21 Oct 2026 07:28:00 GMT"])
    }
}
