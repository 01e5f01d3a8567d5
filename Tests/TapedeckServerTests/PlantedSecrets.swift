import Foundation
import Tapedeck

/// A corpus of traffic as real clients send it and providers answer it, with
/// secrets planted in every shape and place the redactor must handle: JSON
/// compact, pretty, with a byte-order mark and in UTF-16; forms with odd
/// Content-Types; XML elements and attributes; multipart parts (one
/// base64-transferred); gzip answers; cookies and repeated Set-Cookie lines;
/// credential headers and query parameters; URL user info; PEM keys, JWTs and
/// the provider and common token shapes; and copies of found secrets in a
/// path, percent-encoded, JSON-escaped and in base64. Values are made when the
/// corpus is built (none is written in the source), from a fixed seed.
struct PlantedSecrets {
    private(set) var secrets: [String] = []
    private(set) var interactions: [Interaction] = []
    private var state: UInt64 = 14

    private static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    private static let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    private static let hex = Array("0123456789abcdef")
    private static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// `prefix` and `count` characters from `alphabet`, drawn from the seed.
    private mutating func random(_ prefix: String = "", _ count: Int, from alphabet: [Character] = letters) -> String {
        var value = prefix
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            value.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
        }
        return value
    }

    /// A planted secret: `prefix` and `count` characters from `alphabet`.
    private mutating func plant(_ prefix: String = "", _ count: Int = 24, from alphabet: [Character] = letters) -> String {
        plantWhole(random(prefix, count, from: alphabet))
    }

    private mutating func jwt() -> String {
        let header = Data(#"{"alg":"RS256","typ":"JWT"}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        return plantWhole(header + "." + random("eyJ", 40) + "." + random("", 43))
    }

    /// Records `value` as a planted secret.
    private mutating func plantWhole(_ value: String) -> String {
        secrets.append(value)
        return value
    }

    private mutating func add(_ request: RecordedRequest, _ response: RecordedResponse) {
        interactions.append(Interaction(request: request, response: response, recordedAt: Date(timeIntervalSince1970: 1_790_000_000), duration: 0.01))
    }

    private static func text(_ text: String) -> RecordedBody { RecordedBody(content: .text(text)) }

    /// `data` as a zlib stream (`Content-Encoding: deflate`) of one stored block: valid, if not smaller.
    private static func deflated(_ data: Data) -> Data {
        var stream = Data([0x78, 0x01, 0x01])
        let length = UInt16(data.count)
        stream += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
        stream += data
        var (a, b): (UInt32, UInt32) = (1, 0)
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let adler = b << 16 | a
        return stream + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
    }
    private static func bytes(_ data: Data) -> RecordedBody { RecordedBody(content: .binary(data)) }

    /// The corpus, its requests against `base` (`http://host:port`).
    init(base: String) {
        let host = base.replacingOccurrences(of: "http://", with: "")
        // 1. An IAM password login, pretty-printed as Python's json.dumps(indent=4) writes it; the token comes back in a header.
        let password = plant("Pw-", 16)
        let pkiToken = plant("MII", 90, from: Self.base64)
        add(
            RecordedRequest(
                method: "POST", url: base + "/v3/auth/tokens", headers: ["Content-Type": "application/json;charset=UTF-8"],
                body: Self.text(
                    """
                    {
                        "auth": {
                            "identity": {
                                "methods": [
                                    "password"
                                ],
                                "password": {
                                    "user": {
                                        "name": "alice",
                                        "domain": {
                                            "name": "corp"
                                        },
                                        "password": "\(password)"
                                    }
                                }
                            }
                        }
                    }
                    """)),
            RecordedResponse(
                status: 201, headers: ["X-Subject-Token": pkiToken, "Content-Type": "application/json"],
                body: Self.text("{\n  \"token\": {\n    \"expires_at\": \"2026-12-03T10:00:00Z\",\n    \"methods\": [\"password\"]\n  }\n}")))

        // 2. An OAuth password grant: a form with an odd Content-Type, a pretty answer with three tokens.
        let formPassword = plant("p@ss w/", 14)
        let clientSecret = plant("cs_", 30)
        let accessToken = jwt()
        let refreshToken = plant("rt.", 40)
        let idToken = jwt()
        let encodedPassword = formPassword.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? formPassword
        add(
            RecordedRequest(
                method: "POST", url: base + "/oauth/token", headers: ["Content-Type": "Application/X-WWW-Form-Urlencoded; Charset=UTF-8"],
                body: Self.text("grant_type=password&username=alice&password=\(encodedPassword)&client_id=app&clientSecret=\(clientSecret)")),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json; charset=utf-8"],
                body: Self.text(
                    """
                    {"access_token": "\(accessToken)", "token_type": "Bearer", "expires_in": 3600,
                     "refresh_token": "\(refreshToken)", "id_token": "\(idToken)"}
                    """)))

        // 3. An STS exchange: signed query parameters, an XML answer with keys in elements and an attribute.
        let signingKey = plant("AK" + "IA", 16, from: Self.upper)
        let signature = plant("", 64, from: Self.hex)
        let sessionToken = plant("FwoG", 60, from: Self.base64)
        let temporaryKey = plant("AS" + "IA", 16, from: Self.upper)
        let secretAccessKey = plant("", 40, from: Self.base64)
        let stsToken = plant("IQoJ", 80, from: Self.base64)
        let vaultPassword = plant("vault-", 18)
        let signedQuery =
            "Action=AssumeRole&Version=2011-06-15&X-Amz-Credential=\(signingKey)%2F20261202%2Fus-east-1%2Fsts%2Faws4_request"
            + "&X-Amz-Signature=\(signature)&X-Amz-Security-Token=\(sessionToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        add(
            RecordedRequest(method: "GET", url: base + "/sts/?" + signedQuery),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "text/xml"],
                body: Self.text(
                    """
                    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <AssumeRoleResult>
                        <Credentials>
                          <AccessKeyId>\(temporaryKey)</AccessKeyId>
                          <SecretAccessKey>\(secretAccessKey)</SecretAccessKey>
                          <SessionToken>\(stsToken)</SessionToken>
                          <Expiration>2026-12-02T14:00:00Z</Expiration>
                        </Credentials>
                        <v:Vault xmlns:v="urn:vault" Password="\(vaultPassword)" region="eu"/>
                      </AssumeRoleResult>
                    </AssumeRoleResponse>
                    """)))

        // 4. API keys under the names clouds give them, in the query and in headers.
        let googleKey = plant("AI" + "za", 35)
        let queryKey = plant("k_", 30)
        let accessTokenParameter = plant("at_", 30)
        let headerGoogleKey = plant("AI" + "za", 35)
        let subscriptionKey = plant("", 32, from: Self.hex)
        let apiKey = plant("xak_", 28)
        add(
            RecordedRequest(
                method: "GET", url: base + "/maps/api/geocode/json?address=Berlin&key=\(googleKey)&api_key=\(queryKey)&access_token=\(accessTokenParameter)",
                headers: ["X-Goog-Api-Key": headerGoogleKey, "Ocp-Apim-Subscription-Key": subscriptionKey, "X-Api-Key": apiKey]),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: RecordedBody(data: Data(#"{"results":[]}"#.utf8), contentType: "application/json")))

        // 5. A password in the URL's user info.
        let userInfoPassword = plant("ui-", 20)
        add(
            RecordedRequest(method: "GET", url: "http://svc-reports:\(userInfoPassword)@\(host)/private/report"),
            RecordedResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Self.text("report for svc-reports")))

        // 6. A multipart upload: a password field, a JSON file with a client secret, a base64-transferred form with a token.
        let multipartPassword = plant("mp-", 20)
        let fileSecret = plant("fs_", 30)
        let transferredToken = plant("tt_", 30)
        let transferred = Data("token=\(transferredToken)&scope=read".utf8).base64EncodedString()
        add(
            RecordedRequest(
                method: "POST", url: base + "/upload", headers: ["Content-Type": "multipart/form-data; boundary=----PlantedBoundary7"],
                body: Self.text(
                    [
                        "------PlantedBoundary7", "Content-Disposition: form-data; name=\"username\"", "", "alice",
                        "------PlantedBoundary7", "Content-Disposition: form-data; name=\"password\"", "", multipartPassword,
                        "------PlantedBoundary7", "Content-Disposition: form-data; name=\"config\"; filename=\"config.json\"",
                        "Content-Type: application/json", "", "{\"client_secret\": \"\(fileSecret)\", \"region\": \"eu\"}",
                        "------PlantedBoundary7", "Content-Disposition: form-data; name=\"grant\"",
                        "Content-Type: application/x-www-form-urlencoded", "Content-Transfer-Encoding: base64", "", transferred,
                        "------PlantedBoundary7--", "",
                    ].joined(separator: "\r\n"))),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: RecordedBody(data: Data(#"{"uploaded":true}"#.utf8), contentType: "application/json")))

        // 7. Cookies: two sent, three set on separate lines (an Expires date holds a comma).
        let sessionCookie = plant("sid", 26)
        let csrfCookie = plant("csrf", 28)
        var setCookies = HeaderFields()
        let (session, refresh, remember) = (plant("s3", 30), plant("r3", 30), plant("m3", 30))
        setCookies.append(name: "Set-Cookie", value: "session=\(session); Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly")
        setCookies.append(name: "Set-Cookie", value: "refresh=\(refresh); Path=/auth; Secure")
        setCookies.append(name: "Set-Cookie", value: "remember_me=\(remember); Max-Age=2592000")
        setCookies.append(name: "Content-Type", value: "text/plain")
        add(
            RecordedRequest(method: "GET", url: base + "/session", headers: ["Cookie": "sid=\(sessionCookie); theme=dark; csrftoken=\(csrfCookie)"]),
            RecordedResponse(status: 200, headers: setCookies, body: Self.text("signed in")))

        // 8. A gzip answer with a refresh token and an API key (camelCase).
        let gzipRefresh = plant("gz.", 36)
        let gzipKey = plant("gk-", 30)
        add(
            RecordedRequest(method: "GET", url: base + "/v1/profile", headers: ["Accept-Encoding": "gzip"]),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json", "Content-Encoding": "gzip"],
                body: Self.bytes(ContentDecoding.gzip(Data(#"{"user":"alice","refresh_token":"\#(gzipRefresh)","apiKey":"\#(gzipKey)"}"#.utf8)))))

        // 9. A UTF-16 JSON answer, and a JSON request with a byte-order mark.
        let utf16Password = plant("u16-", 20)
        let bomKey = plant("bom-", 24)
        add(
            RecordedRequest(
                method: "PUT", url: base + "/v1/settings", headers: ["Content-Type": "application/json"],
                body: Self.text("\u{FEFF}{\n  \"Api-Key\": \"\(bomKey)\",\n  \"theme\": \"dark\"\n}")),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json; charset=utf-16"],
                body: Self.bytes("{\n  \"password\" : \"\(utf16Password)\",\n  \"user\" : \"bob\"\n}".data(using: .utf16)!)))

        // 10. A service account: a PEM private key (JSON-escaped newlines) and its high-entropy key id.
        let pemBody = (0..<4).map { _ in random("", 64, from: Self.base64) }
        let pem = plantWhole("-----BEGIN PRIVATE KEY-----\n" + pemBody.joined(separator: "\n") + "\n-----END PRIVATE KEY-----\n")
        let keyID = plant("", 40, from: Self.hex)
        add(
            RecordedRequest(method: "GET", url: base + "/v1/service-accounts/reporter/key"),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Self.text(
                    String(
                        decoding: JSONWriter(style: .pretty()).bytes(from: [
                            "type": "service_account", "private_key_id": .string(keyID), "private_key": .string(pem),
                            "client_email": "reporter@project.iam.example",
                        ]), as: UTF8.self))))

        // 11. Yandex: an OAuth passport token exchanged for an IAM token.
        let oauthToken = plant("y0" + "_", 58)
        let iamToken = plant("t1.", 80)
        add(
            RecordedRequest(
                method: "POST", url: base + "/iam/v1/tokens", headers: ["Content-Type": "application/json"],
                body: RecordedBody(data: Data(#"{"yandexPassportOauthToken":"\#(oauthToken)"}"#.utf8), contentType: "application/json")),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: RecordedBody(data: Data(#"{"iamToken":"\#(iamToken)","expiresAt":"2026-12-03T10:00:00Z"}"#.utf8), contentType: "application/json")))

        // 12. Common token prefixes in Authorization schemes and a text answer.
        let githubToken = plant("gh" + "p_", 36)
        let slackToken = plant("xo" + "xb-", 40)
        let stripeKey = plant("sk" + "_live_", 32)
        let webhookSecret = plant("wh" + "sec_", 32)
        add(
            RecordedRequest(method: "GET", url: base + "/user/repos", headers: ["Authorization": "token \(githubToken)", "X-Slack": "Bearer \(slackToken)"]),
            RecordedResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Self.text("stripe key \(stripeKey), webhook \(webhookSecret)")))

        // 13. Provider signatures: Alibaba RPC query, Huawei SDK-HMAC header.
        let alibabaKey = plant("LT" + "AI", 20)
        let alibabaSignature = plant("", 28, from: Self.base64)
        let nonce = plant("nonce-", 20)
        let huaweiKey = plant("HPUA", 16, from: Self.upper)
        let huaweiSignature = plant("", 64, from: Self.hex)
        add(
            RecordedRequest(
                method: "GET",
                url: base
                    + "/?Action=DescribeTasks&AccessKeyId=\(alibabaKey)&Signature=\(alibabaSignature.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&SignatureNonce=\(nonce)",
                headers: ["Authorization": "SDK-HMAC-SHA256 Access=\(huaweiKey), SignedHeaders=host;x-sdk-date, Signature=\(huaweiSignature)"]),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: RecordedBody(data: Data(#"{"TotalCount":0}"#.utf8), contentType: "application/json")))

        // 14. Names that are not listed but look like credentials' names, with random values.
        let customHeader = plant("", 32)
        let signingSecret = plant("", 32)
        add(
            RecordedRequest(method: "GET", url: base + "/v1/hooks", headers: ["X-Custom-Session-Token": customHeader]),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: RecordedBody(
                    data: Data(#"{"hooks":[{"url":"https://example.com/h","webhookSigningSecret":"\#(signingSecret)"}]}"#.utf8), contentType: "application/json"
                )))

        // 15. Copies of secrets found above: in a path, percent-encoded, JSON-escaped, in base64 and inside a longer base64 text.
        let echoed = Data("client \(clientSecret) used".utf8).base64EncodedString()
        add(
            RecordedRequest(
                method: "POST", url: base + "/v1/sessions/\(refreshToken)/revoke?note=\(encodedPassword)", headers: ["Content-Type": "text/plain"],
                body: Self.text("revoking \(accessToken) for \(Data(apiKey.utf8).base64EncodedString())")),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Self.text(
                    String(decoding: JSONWriter(style: .pretty()).bytes(from: ["echo": .string(formPassword), "trace": .string(echoed)]), as: UTF8.self))))

        // 16. A deflate (zlib) answer holding a client secret in a form.
        let deflatedSecret = plant("df_", 30)
        add(
            RecordedRequest(method: "GET", url: base + "/v1/apps/reporter", headers: ["Accept-Encoding": "deflate"]),
            RecordedResponse(
                status: 200, headers: ["Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": "deflate"],
                body: Self.bytes(Self.deflated(Data("app=reporter&client_secret=\(deflatedSecret)".utf8)))))
    }
}
