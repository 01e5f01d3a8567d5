import Foundation

/// Finds the secrets in one message's URL, headers and body by their structure
/// (names and shapes from the catalogue, then the user's rules) and replaces
/// each with its placeholder, leaving every other byte as it was.
struct MessageRedactor {
    let catalogue: CredentialCatalogue
    let rules: Redactor.CompiledRules
    /// The message is a request whose path verifies a one-time code (`OneTimeCode`):
    /// a code under a generic name (`code`, `value`) in its query or body is a secret.
    var verifiesCodes = false
    /// The message is a request whose path sets a password (`PasswordChange`): the old
    /// and the new one under plain words (`current`, `next`) in its query or body are secrets.
    var setsPassword = false

    /// The same reader, for a request to `url`.
    func reading(requestTo url: String) -> MessageRedactor {
        var copy = self
        copy.verifiesCodes = catalogue.readsByDesign && OneTimeCode.pathVerifiesCode(url)
        copy.setsPassword = catalogue.readsByDesign && PasswordChange.pathSetsPassword(url)
        return copy
    }

    /// The URL with its user info's password, its credential query values and any credential shape replaced.
    func redact(url: String, table: inout PlaceholderTable) -> String {
        var result = url
        if let scheme = url.firstRange(of: "://") {
            let authorityEnd = url[scheme.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
            if let at = url[scheme.upperBound..<authorityEnd].lastIndex(of: "@") {
                let userInfo = url[scheme.upperBound..<at]
                let replaced: String
                if let colon = userInfo.firstIndex(of: ":") {
                    let password = String(userInfo[userInfo.index(after: colon)...])
                    replaced = userInfo[...colon] + placeholder(FormFields.decode(password), raw: password, kind: "password", table: &table)
                } else {
                    replaced = placeholder(FormFields.decode(userInfo), raw: String(userInfo), kind: "user-info", table: &table)
                }
                result = String(url[..<scheme.upperBound]) + replaced + url[at...]
            }
        }
        if let question = result.firstIndex(of: "?") {
            let fragment = result[question...].firstIndex(of: "#") ?? result.endIndex
            let query = redact(fields: String(result[result.index(after: question)..<fragment]), table: &table)
            result = result[...question] + query + result[fragment...]
        }
        // `#access_token=…&state=…`: a fragment of fields is read as a query is.
        if let hash = result.firstIndex(of: "#"), result[hash...].contains("=") {
            result = result[...hash] + redact(fields: String(result[result.index(after: hash)...]), table: &table)
        }
        if catalogue.readsByDesign { result = redact(pathSegmentsOf: result, table: &table) }
        // `;jsessionid=…` and other matrix parameters in the path.
        let pathEnd = result.firstIndex { $0 == "?" || $0 == "#" } ?? result.endIndex
        if result[..<pathEnd].contains(";") {
            result =
                TextAssignments.replacingValues(in: String(result[..<pathEnd])) { name, value in
                    catalogue.isCredential(name: name, value: value, at: .parameter) ? table.placeholder(for: value, kind: name) : nil
                } + result[pathEnd...]
        }
        return rules.redact(text: result, table: &table)
    }

    /// The URL with the secrets in its path's segments replaced (`PathSegments` says
    /// which: `/sessions/<token>`, `/with/key/<key>`, `/api/<key>/lights`, a
    /// generated-looking segment anywhere). Replay matches such a segment by its
    /// placeholder (`PlaceholderPattern`).
    private func redact(pathSegmentsOf url: String, table: inout PlaceholderTable) -> String {
        let pathStart = url.firstRange(of: "://").map { url[$0.upperBound...].firstIndex(of: "/") ?? url.endIndex } ?? url.startIndex
        let pathEnd = url[pathStart...].firstIndex { $0 == "?" || $0 == "#" || $0 == ";" } ?? url.endIndex
        guard pathStart < pathEnd else { return url }
        var segments = url[pathStart..<pathEnd].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // Every rule wants 6 characters or more: most paths have no longer segment and cost nothing more.
        guard segments.contains(where: { $0.utf8.count >= 6 }) else { return url }
        let decoded = segments.map { FormFields.decode($0) }
        var changed = false
        for index in segments.indices.dropFirst() where segments[index].utf8.count >= 6 && !Redactor.isPlaceholder(segments[index]) {
            guard let kind = PathSegments.secretKind(decoded, at: index) else { continue }
            segments[index] = table.placeholder(for: decoded[index], kind: kind)
            changed = true
        }
        return changed ? url[..<pathStart] + segments.joined(separator: "/") + url[pathEnd...] : url
    }

    /// `name=value&…` fields (a query, a fragment, a form body) with credential values replaced: by
    /// name, by an OAuth `code`'s look, by a generated look under a name that is not
    /// bookkeeping, by a sibling that names them (a signed request's `hash`, a verification's
    /// `Code`, a GraphQL query's variables), and inside a document carried in a value
    /// (a URL `redirect_uri=…%3Fcode%3D…`, JSON `json={…}`, pairs `hdnts=exp=…~hmac=…`).
    func redact(fields: String, table: inout PlaceholderTable) -> String {
        let pairs = catalogue.readsByDesign ? FormFields.pairs(fields) : []
        let names = pairs.map(\.name)
        // `auth_date=…&hash=…` (a Telegram login), `timestamp=…&nonce=…&sign=…`: signed against replay, so the hash is a signature.
        let signed = names.contains { CredentialCatalogue.signingSiblings.contains(CredentialCatalogue.fold($0)) }
        let variables = graphQLVariables(in: pairs, table: &table)
        // `u=alice&p=…` (Subsonic, InfluxDB 1.x): a one-letter password beside a user.
        let signsIn = pairs.contains { ["u", "user", "username", "login"].contains($0.name.lowercased()) }
        // `Parameters.member.1.ParameterKey=DbPassword&Parameters.member.1.ParameterValue=…`.
        let namedByKey = Set(
            pairs.compactMap { pair -> String? in
                let (prefix, last) = Self.splitLast(pair.name)
                return ["parameterkey", "parametername", "key", "name"].contains(last) && catalogue.namesCredential(pair.value, at: .document) ? prefix : nil
            })
        return FormFields.replacingValues(in: fields) { name, value in
            if name == "variables", let variables { return variables }
            let (prefix, last) = Self.splitLast(name)
            if catalogue.isCredential(name: name, value: value, at: .parameter) || catalogue.isGeneratedOrCode(value, name: name)
                || signsIn && name.lowercased() == "p" && !value.isEmpty || isVerifiedCode(value, name: name) || isChangedPassword(value, name: name)
                || namedByKey.contains(prefix) && ["parametervalue", "value"].contains(last) && !value.isEmpty
                || signed && CredentialCatalogue.isRequestSignature(name: name, value: value)
                || catalogue.readsByDesign && CredentialCatalogue.isVerificationCode(name: name, value: value, siblings: names)
            {
                return table.placeholder(for: value, kind: name)
            }
            guard catalogue.readsByDesign || value.contains("://") else { return nil }
            let inner = catalogue.readsByDesign ? redactEmbedded(value, context: false, depth: 0, table: &table) : redact(url: value, table: &table)
            return inner == value ? nil : inner.addingPercentEncoding(withAllowedCharacters: FormFields.valueAllowed)
        }
    }

    /// The `variables` field of a GraphQL request sent as fields (a GET's query, a form),
    /// with those its `query` passes to a credential argument replaced, encoded as a
    /// field's value; `nil` when it holds none.
    private func graphQLVariables(in pairs: [(name: String, value: String)], table: inout PlaceholderTable) -> String? {
        guard let query = pairs.first(where: { $0.name == "query" })?.value, let text = pairs.first(where: { $0.name == "variables" })?.value,
            let variables = try? JSONParser.parse(text)
        else { return nil }
        let request = JSONObject([.init(key: "query", value: .string(query)), .init(key: "variables", value: variables)])
        guard let redacted = redactGraphQLVariables(request, table: &table)["variables"], redacted != variables else { return nil }
        return JSONWriter().string(from: redacted).addingPercentEncoding(withAllowedCharacters: FormFields.valueAllowed)
    }

    /// A dotted field name's prefix and its last part, lower case (`Parameters.member.1`, `parameterkey`).
    private static func splitLast(_ name: String) -> (prefix: String, last: String) {
        guard let dot = name.lastIndex(of: ".") else { return ("", name.lowercased()) }
        return (name[..<dot].lowercased(), name[name.index(after: dot)...].lowercased())
    }

    private func placeholder(_ secret: String, raw: String, kind: String, table: inout PlaceholderTable) -> String {
        secret.isEmpty ? raw : table.placeholder(for: secret, kind: kind)
    }

    /// The headers with credentials replaced: the credential after an
    /// `Authorization` scheme, every cookie value, whole values of credential
    /// headers, credential shapes anywhere. A `Set-Cookie` that holds several
    /// cookies becomes one field per cookie.
    func redact(headers: HeaderFields, table: inout PlaceholderTable) -> HeaderFields {
        var result = HeaderFields()
        let siblings = catalogue.readsByDesign ? HeaderCredentials.credentialSiblings(in: headers) : []
        for field in headers {
            let folded = CredentialCatalogue.fold(field.name)
            switch folded {
            case "authorization", "proxyauthorization":
                result.append(name: field.name, value: redactAuthorization(field.value, table: &table))
            case _ where catalogue.readsByDesign && HeaderCredentials.challenges.contains(folded):
                let value = HeaderCredentials.replacingChallengeTokens(in: field.value) { table.placeholder(for: $1, kind: $0) }
                result.append(name: field.name, value: value)
            case "cookie":
                result.append(name: field.name, value: redactCookies(field.value, table: &table))
            case "setcookie":
                for cookie in HeaderFields.splitSetCookie(field.value) {
                    result.append(name: field.name, value: redactSetCookie(cookie, table: &table))
                }
            default:
                let value: String
                if catalogue.isCredential(name: field.name, value: field.value, at: .parameter)
                    || catalogue.readsByDesign && Self.isVendorKeyHeader(field.name) || siblings.contains(folded)
                {
                    value = table.placeholder(for: field.value, kind: field.name)
                } else if catalogue.readsByDesign, CredentialCatalogue.looksGenerated(field.value, name: field.name) {
                    value = table.placeholder(for: field.value, kind: "high-entropy")
                } else {
                    value = rules.redact(text: redact(freeText: field.value, table: &table), table: &table)
                }
                result.append(name: field.name, value: value)
            }
        }
        return result
    }

    /// Vendor headers named `X-…-Key`, `X-…-Token`, `X-…-Secret` (`X-Gotify-Key`,
    /// `X-Instana-Key`) or `X-…-Team` (Honeycomb): their value is the vendor's key, however short.
    private static func isVendorKeyHeader(_ name: String) -> Bool {
        let words = CredentialName.words(name)
        guard words.count >= 3, words.first == "x", let last = words.last else { return false }
        return ["key", "token", "secret", "team"].contains(last)
    }

    /// Free text (a header value, a text body, a log line) with the values of credential
    /// names (`token=…`, `password: …`, `"secret": "…"`), URL passwords and the URLs in it
    /// (a link in a mail, read as a URL is) redacted.
    func redact(freeText text: String, table: inout PlaceholderTable) -> String {
        var text = text
        if catalogue.readsByDesign {
            text = redact(urlsIn: text, table: &table)
            text = redact(conventionsIn: text, table: &table)
        }
        // `name: DB_PASSWORD` then `value: …` (a YAML environment list, `{key: "…", value: "…"}` in a
        // GraphQL document): the first names the second, and is no secret itself.
        var named: String?
        return TextAssignments.replacingValues(in: text) { name, value in
            let folded = CredentialCatalogue.fold(name)
            if catalogue.readsByDesign, Self.pairNames.contains(folded), catalogue.namesCredential(value, at: .document) {
                named = value
                return nil
            }
            defer { named = nil }
            if let named, Self.pairValues.contains(folded) { return table.placeholder(for: value, kind: named) }
            return catalogue.isCredential(name: name, value: value, at: .parameter) || catalogue.namesCredential(name, at: .document)
                || catalogue.readsByDesign
                    && (CredentialCatalogue.isAuthorizationCode(name: name, value: value) || Self.isGeneratedAssignment(name: name, value: value))
                ? table.placeholder(for: value, kind: name) : nil
        }
    }

    /// Text with each URL in it (`scheme://…` up to a space, a quote or a bracket, less a
    /// sentence's closing punctuation) read as a URL is.
    private func redact(urlsIn text: String, table: inout PlaceholderTable) -> String {
        var text = text
        let urls: [Range<Int>] = text.withUTF8 { bytes in
            var found: [Range<Int>] = []
            var from = 0
            while let separator = ByteSearch.find(Self.schemeSeparator, in: bytes, from: from) {
                var start = separator
                while start > 0, Self.schemeBytes.contains(bytes[start - 1]) { start -= 1 }
                var end = separator + Self.schemeSeparator.count
                while end < bytes.count, bytes[end] > 0x20, !Self.urlEnds.contains(bytes[end]) { end += 1 }
                while end > separator + 3, Self.closingPunctuation.contains(bytes[end - 1]) { end -= 1 }
                if separator - start >= 2, end > separator + 3 { found.append(start..<end) }
                from = max(end, separator + 1)
            }
            return found
        }
        guard !urls.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for range in urls.reversed() {
            let url = String(decoding: bytes[range], as: UTF8.self)
            let redacted = redact(url: url, table: &table)
            if redacted != url { bytes.replaceSubrange(range, with: Array(redacted.utf8)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let schemeSeparator = Array("://".utf8)
    private static let schemeBytes = ByteSet("A-Za-z0-9+.-")
    private static let urlEnds = ByteSet("\"'<>`()[]{}|\\^")
    private static let closingPunctuation = ByteSet(".,;:!?")

    /// Whether free text's `name=value` assigns a generated value (`MAILCHIMP=<hex>-us21`,
    /// `encrypt = "<base64>"`): a name with a letter in it, and a value without a dot, which
    /// in text is a host, a file or a version (`127.0.0.1:9/s/KFOm….woff2`).
    private static func isGeneratedAssignment(name: String, value: String) -> Bool {
        name.utf8.contains(where: ByteSet.letters.contains) && !value.utf8.contains(UInt8(ascii: ".")) && CredentialCatalogue.looksGenerated(value, name: name)
    }

    /// `Scheme credential` with the credential replaced; for a parameter list
    /// (`SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`, AWS SigV4, OAuth
    /// 1.0a, Digest, Hawk…) every value but the few public ones (`realm`, `algorithm`, `SignedHeaders`…).
    private func redactAuthorization(_ value: String, table: inout PlaceholderTable) -> String {
        guard let space = value.firstIndex(of: " ") else { return table.placeholder(for: value, kind: "authorization") }
        let scheme = String(value[..<space])
        let credential = String(value[value.index(after: space)...].trimmingSpaces)
        let pairs = Self.parameters(credential)
        guard pairs.count > 1 || (pairs.count == 1 && !credential.hasSuffix("=")) else {
            return scheme + " " + table.placeholder(for: credential, kind: scheme)
        }
        let parts = pairs.map { name, raw -> String in
            let quoted = raw.count >= 2 && raw.hasPrefix("\"") && raw.hasSuffix("\"")
            let inner = quoted ? String(raw.dropFirst().dropLast()) : raw
            guard !inner.isEmpty, !Self.publicAuthorizationParameters.contains(CredentialCatalogue.fold(name)) else { return name + "=" + raw }
            let kind: String
            switch CredentialCatalogue.fold(name) {
            case "access", "credential": kind = "access-key"
            case "signature": kind = "signature"
            default: kind = name
            }
            let replaced = table.placeholder(for: inner, kind: kind)
            return name + "=" + (quoted ? "\"\(replaced)\"" : replaced)
        }
        return scheme + " " + parts.joined(separator: ", ")
    }

    /// `k=v, k="v, w"` split into pairs (commas inside quotes kept), or an empty list when it is not such a list.
    private static func parameters(_ text: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        var quoted = false
        var start = text.startIndex
        var index = text.utf8.startIndex
        while true {
            let atEnd = index == text.utf8.endIndex
            let byte = atEnd ? UInt8(ascii: ",") : text.utf8[index]
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == UInt8(ascii: ","), !quoted || atEnd {
                let part = text[start..<index].trimmingSpaces
                if !part.isEmpty {
                    guard let equals = part.firstIndex(of: "="), equals != part.startIndex,
                        part[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || "_-".contains($0) })
                    else { return [] }
                    pairs.append((String(part[..<equals]), String(part[part.index(after: equals)...])))
                }
                if atEnd { return pairs }
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
    }

    /// Authorization parameters whose values are public: they name the scheme's
    /// choices, not the credential (folded; `docs/redaction.md` lists them).
    static let publicAuthorizationParameters: Set<String> = [
        "realm", "algorithm", "signedheaders", "qop", "uri", "nc", "charset", "stale", "oauthsignaturemethod", "oauthversion", "version",
        "signaturemethod", "headers", "keyid", "ts", "timestamp", "oauthtimestamp", "created", "expires",
    ]

    /// `a=1; b=2` with every value replaced (the names stay).
    private func redactCookies(_ value: String, table: inout PlaceholderTable) -> String {
        value.split(separator: ";").map { cookie -> String in
            let trimmed = String(cookie.trimmingSpaces)
            // `=value` is a cookie with an empty name: its value is still a value.
            let pair = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pair.count == 2, !pair[1].isEmpty, !Placeholder.isWhole(pair[1]) else { return trimmed }
            return pair[0] + "=" + table.placeholder(for: pair[1], kind: "cookie")
        }.joined(separator: "; ")
    }

    /// One `Set-Cookie` line with the cookie's value replaced (its attributes stay).
    private func redactSetCookie(_ value: String, table: inout PlaceholderTable) -> String {
        var attributes = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let first = attributes.first else { return value }
        attributes[0] = redactCookies(first, table: &table)
        return attributes.joined(separator: ";")
    }
}
