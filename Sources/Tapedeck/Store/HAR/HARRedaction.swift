/// Keeps the secrets redaction took out of the headers, URL and bodies out of
/// the HAR details too: the `cookies` arrays, the `queryString` (then the redacted
/// URL's), a form's `params`. A cookie whose value its header holds keeps no
/// value of its own; the export takes it from the (redacted) header.
enum HARRedaction {
    static func scrub(_ original: Interaction, redacted: Interaction) -> Interaction {
        var result = redacted
        result.request.har["cookies"] = cookies(
            redacted.request.har["cookies"], sentIn: HARCookies.requestCookies(original.request.headers),
            headersRedacted: original.request.headers != redacted.request.headers)
        result.response.har["cookies"] = cookies(
            redacted.response.har["cookies"], sentIn: HARCookies.responseCookies(original.response.headers),
            headersRedacted: original.response.headers != redacted.response.headers)
        if original.request.url != redacted.request.url {
            result.request.har["url"] = nil
            if result.request.har["queryString"] != nil { result.request.har["queryString"] = HARExporter.queryString(of: redacted.request.url) }
        }
        if original.request.body != redacted.request.body, var post = result.request.har["postData"]?.objectValue, post["params"] != nil {
            post["params"] = HARForm.params(String(decoding: redacted.request.body.data, as: UTF8.self))
            result.request.har["postData"] = .object(post)
        }
        let location = (original.response.headers["Location"], redacted.response.headers["Location"])
        if let before = location.0, let after = location.1, before != after, result.response.har["redirectURL"]?.stringValue == before {
            result.response.har["redirectURL"] = .string(after)
        }
        return result
    }

    private static func cookies(_ value: JSONValue?, sentIn header: [String: String], headersRedacted: Bool) -> JSONValue? {
        guard let list = value?.arrayValue else { return value }
        return .array(
            list.map { cookie in
                guard var object = cookie.objectValue, let name = object["name"]?.stringValue, let value = object["value"]?.stringValue
                else { return cookie }
                if header[name] == value || headersRedacted { object["value"] = nil }
                return .object(object)
            })
    }
}
