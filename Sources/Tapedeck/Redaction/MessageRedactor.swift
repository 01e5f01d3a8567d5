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
            let query = FormFields.replacingValues(in: String(result[result.index(after: question)..<fragment])) { name, value in
                catalogue.isCredential(name: name, value: value, at: .parameter) ? table.placeholder(for: value, kind: name) : nil
            }
            result = result[...question] + query + result[fragment...]
        }
        return rules.redact(text: result, table: &table)
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
                let value =
                    catalogue.isCredential(name: field.name, value: field.value, at: .parameter)
                    ? table.placeholder(for: field.value, kind: field.name) : rules.redact(text: field.value, table: &table)
                result.append(name: field.name, value: value)
            }
        }
        return result
    }

    /// `Scheme credential` with the credential replaced; for `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`
    /// and AWS's `Credential=…, Signature=…`, the key and the signature (the signed header list stays).
    private func redactAuthorization(_ value: String, table: inout PlaceholderTable) -> String {
        guard let space = value.firstIndex(of: " ") else { return table.placeholder(for: value, kind: "authorization") }
        let scheme = String(value[..<space])
        let credential = value[value.index(after: space)...].trimmingCharacters(in: .whitespaces)
        guard credential.contains("=") && credential.contains(",") || scheme.hasSuffix("HMAC-SHA256") else {
            return scheme + " " + table.placeholder(for: credential, kind: scheme)
        }
        let parts = credential.split(separator: ",").map { part -> String in
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return part.trimmingCharacters(in: .whitespaces) }
            switch CredentialCatalogue.fold(pair[0]) {
            case "access", "credential": return pair[0] + "=" + table.placeholder(for: pair[1], kind: "access-key")
            case "signature": return pair[0] + "=" + table.placeholder(for: pair[1], kind: "signature")
            default: return pair[0] + "=" + pair[1]
            }
        }
        return scheme + " " + parts.joined(separator: ", ")
    }

    /// `a=1; b=2` with every value replaced (the names stay).
    private func redactCookies(_ value: String, table: inout PlaceholderTable) -> String {
        value.split(separator: ";").map { cookie -> String in
            let trimmed = cookie.trimmingCharacters(in: .whitespaces)
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
