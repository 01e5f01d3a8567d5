import Foundation

/// Finds the secrets in one message's URL, headers and body by their structure
/// (names and shapes from the catalogue, then the user's rules) and replaces
/// each with its placeholder, leaving every other byte as it was.
struct MessageRedactor {
    let catalogue: CredentialCatalogue
    let rules: Redactor.CompiledRules

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

    /// The URL with secrets in its path's segments replaced: a random-looking
    /// segment after one that holds a secret in it (`/sessions/<token>`,
    /// `/password-reset/<token>`, `/hooks/<secret>`), and a generated-looking one
    /// anywhere, read under the segment before it (`/files/<id>` stays), unless it
    /// names a file (`/s/roboto/v30/KFOmCnqEu92Fr1Mu4mxK.woff2` stays).
    /// Replay matches such a segment by its placeholder (`PlaceholderPattern`).
    private func redact(pathSegmentsOf url: String, table: inout PlaceholderTable) -> String {
        let pathStart = url.firstRange(of: "://").map { url[$0.upperBound...].firstIndex(of: "/") ?? url.endIndex } ?? url.startIndex
        let pathEnd = url[pathStart...].firstIndex { $0 == "?" || $0 == "#" || $0 == ";" } ?? url.endIndex
        guard pathStart < pathEnd else { return url }
        var segments = url[pathStart..<pathEnd].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var changed = false
        // Both rules want 16 characters or more: most segments are shorter and cost nothing more.
        for index in segments.indices.dropFirst() where segments[index].utf8.count >= 16 && !Redactor.isPlaceholder(segments[index]) {
            let parent = segments[index - 1]
            let decoded = FormFields.decode(segments[index])
            let kind: String
            if CredentialName.words(parent).contains(where: { Self.secretParents.contains($0) }), CredentialCatalogue.looksRandom(decoded) {
                kind = parent
            } else if !decoded.contains("."), CredentialCatalogue.looksGenerated(decoded, name: parent, hexIsAnId: true) {
                kind = "high-entropy"
            } else {
                continue
            }
            segments[index] = table.placeholder(for: decoded, kind: kind)
            changed = true
        }
        return changed ? url[..<pathStart] + segments.joined(separator: "/") + url[pathEnd...] : url
    }

    /// Words of a path segment whose next segment, when it looks random, is a secret.
    private static let secretParents: Set<String> = [
        "session", "sessions", "token", "tokens", "secret", "secrets", "webhook", "webhooks", "hook", "hooks", "password", "passwords",
        "reset", "magic", "invite", "invites", "invitation", "invitations", "verify", "verification", "confirm", "confirmation",
        "activate", "activation", "unsubscribe", "share", "shared",
    ]

    /// `name=value&…` fields (a query, a fragment, a form body) with credential values replaced: by
    /// name, by an OAuth `code`'s look, by a generated look under a name that is not
    /// bookkeeping, by a sibling that names them, and inside a document carried in a value
    /// (a URL `redirect_uri=…%3Fcode%3D…`, JSON `json={…}`, pairs `hdnts=exp=…~hmac=…`).
    func redact(fields: String, table: inout PlaceholderTable) -> String {
        let pairs = catalogue.readsByDesign ? FormFields.pairs(fields) : []
        // `u=alice&p=…` (Subsonic, InfluxDB 1.x): a one-letter password beside a user.
        let signsIn = pairs.contains { ["u", "user", "username", "login"].contains($0.name.lowercased()) }
        // `Parameters.member.1.ParameterKey=DbPassword&Parameters.member.1.ParameterValue=…`.
        let namedByKey = Set(
            pairs.compactMap { pair -> String? in
                let (prefix, last) = Self.splitLast(pair.name)
                return ["parameterkey", "parametername", "key", "name"].contains(last) && catalogue.namesCredential(pair.value, at: .document) ? prefix : nil
            })
        return FormFields.replacingValues(in: fields) { name, value in
            let (prefix, last) = Self.splitLast(name)
            if catalogue.isCredential(name: name, value: value, at: .parameter) || catalogue.isGeneratedOrCode(value, name: name)
                || signsIn && name.lowercased() == "p" && !value.isEmpty
                || namedByKey.contains(prefix) && ["parametervalue", "value"].contains(last) && !value.isEmpty
            {
                return table.placeholder(for: value, kind: name)
            }
            guard catalogue.readsByDesign || value.contains("://") else { return nil }
            let inner = catalogue.readsByDesign ? redactEmbedded(value, context: false, depth: 0, table: &table) : redact(url: value, table: &table)
            return inner == value ? nil : inner.addingPercentEncoding(withAllowedCharacters: FormFields.valueAllowed)
        }
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
        for field in headers {
            switch CredentialCatalogue.fold(field.name) {
            case "authorization", "proxyauthorization":
                result.append(name: field.name, value: redactAuthorization(field.value, table: &table))
            case "cookie":
                result.append(name: field.name, value: redactCookies(field.value, table: &table))
            case "setcookie":
                for cookie in HeaderFields.splitSetCookie(field.value) {
                    result.append(name: field.name, value: redactSetCookie(cookie, table: &table))
                }
            default:
                let value: String
                if catalogue.isCredential(name: field.name, value: field.value, at: .parameter)
                    || catalogue.readsByDesign && Self.isVendorKeyHeader(field.name)
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
    /// names (`token=…`, `password: …`, `"secret": "…"`) and URL passwords replaced.
    func redact(freeText text: String, table: inout PlaceholderTable) -> String {
        TextAssignments.replacingValues(in: text) { name, value in
            catalogue.isCredential(name: name, value: value, at: .parameter) || catalogue.namesCredential(name, at: .document)
                || catalogue.readsByDesign && CredentialCatalogue.isAuthorizationCode(name: name, value: value)
                ? table.placeholder(for: value, kind: name) : nil
        }
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
