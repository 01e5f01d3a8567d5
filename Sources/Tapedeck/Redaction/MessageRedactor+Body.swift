import Foundation

extension MessageRedactor {
    /// The body with its secrets replaced, read as what it is: JSON (compact or
    /// not), a form, XML, multipart (part by part), or other text; a compressed
    /// body (`Content-Encoding: gzip` or `deflate`) is decoded first, and text in
    /// another `charset` read in it. A body in which something was replaced is
    /// kept decoded (with a note of its `Content-Encoding`); one in which nothing
    /// was stays exactly as it was.
    func redact(body: RecordedBody, headers: HeaderFields, table: inout PlaceholderTable) -> RecordedBody {
        let type = MediaType(headers["Content-Type"])
        switch body.content {
        case .empty: return body
        case .json(let value): return RecordedBody(content: .json(redact(json: value, table: &table)), originalEncoding: body.originalEncoding)
        case .text(let text): return RecordedBody(content: .text(redact(text: text, type: type, table: &table)), originalEncoding: body.originalEncoding)
        case .binary(let data):
            if body.originalEncoding == nil, let encoding = headers["Content-Encoding"], let decoded = ContentDecoding.decode(data, encoding: encoding) {
                let plain = RecordedBody(data: decoded, contentType: headers["Content-Type"], originalEncoding: encoding)
                let redacted = redact(body: plain, headers: headers, table: &table)
                return redacted == plain ? body : redacted
            }
            if let transferred = headers["Content-Transfer-Encoding"], transferred.lowercased() == "base64" {
                return redactBase64(data, type: type, table: &table).map { RecordedBody(content: .binary($0), originalEncoding: body.originalEncoding) } ?? body
            }
            return redact(data: data, type: type, table: &table).map { RecordedBody(content: .binary($0), originalEncoding: body.originalEncoding) } ?? body
        }
    }

    /// Bytes read as text in their `charset` (Latin-1, which keeps every byte, for
    /// a multipart body or text with none), redacted and encoded back; `nil` when nothing changed.
    private func redact(data: Data, type: MediaType, table: inout PlaceholderTable) -> Data? {
        let encoding = type.charset ?? .isoLatin1
        guard let text = String(data: data, encoding: encoding) else { return nil }
        let redacted = redact(text: text, type: type, table: &table)
        return redacted == text ? nil : redacted.data(using: encoding)
    }

    /// Base64 text's bytes redacted and encoded back; `nil` when nothing changed.
    private func redactBase64(_ data: Data, type: MediaType, table: inout PlaceholderTable) -> Data? {
        let text = String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace }
        guard let decoded = Data(base64Encoded: text), let redacted = redact(data: decoded, type: type, table: &table) else { return nil }
        return Data(redacted.base64EncodedString().utf8)
    }

    /// Text read by its media type, or by its look when the type does not say.
    func redact(text: String, type: MediaType, table: inout PlaceholderTable) -> String {
        let bom = text.hasPrefix("\u{FEFF}") ? "\u{FEFF}" : ""
        let body = String(text.dropFirst(bom.count))
        let start = body.first { !$0.isWhitespace }
        var result = body
        if type.isMultipart, let boundary = type.parameters["boundary"] {
            result = MultipartBody.replacingParts(in: body, boundary: boundary) { headers, content in
                if let name = MultipartBody.fieldName(headers), catalogue.isCredential(name: name, value: content, at: .parameter) {
                    return table.placeholder(for: content, kind: name)
                }
                if headers["Content-Transfer-Encoding"]?.lowercased() == "base64" {
                    let data = redactBase64(Data(content.utf8), type: MediaType(headers["Content-Type"]), table: &table)
                    return data.map { String(decoding: $0, as: UTF8.self) } ?? content
                }
                return redact(text: content, type: MediaType(headers["Content-Type"]), table: &table)
            }
        } else if type.isJSON || start == "{" || start == "[", let value = try? JSONParser.parse(body) {
            let redacted = redact(json: value, table: &table)
            return bom + (redacted == value ? body : JSONTextEdit.splice(body, original: value, redacted: redacted)
                ?? JSONWriter(style: .pretty()).string(from: redacted))
        } else if type.isXML || start == "<" {
            result = XMLFields.replacingValues(in: body) { name, value in
                catalogue.isCredential(name: name, value: value, at: .document) ? table.placeholder(for: value, kind: name) : nil
            }
        } else if type.isForm || FormFields.looksLikeForm(body) {
            result = FormFields.replacingValues(in: body) { name, value in
                catalogue.isCredential(name: name, value: value, at: .parameter) ? table.placeholder(for: value, kind: name) : nil
            }
        }
        return bom + rules.redact(text: result, table: &table)
    }

    /// A JSON value with the values of credential members replaced (strings and
    /// numbers, also inside an array under the name), then the rules applied.
    func redact(json value: JSONValue, table: inout PlaceholderTable) -> JSONValue {
        rules.redact(json: redactMembers(value, table: &table), table: &table)
    }

    private func redactMembers(_ value: JSONValue, table: inout PlaceholderTable) -> JSONValue {
        switch value {
        case .object(let object):
            var members: [JSONObject.Member] = []
            members.reserveCapacity(object.count)
            for member in object.members {
                let redacted: JSONValue
                if let credential = redactCredential(member.value, name: member.key, table: &table) {
                    redacted = credential
                } else {
                    redacted = redactMembers(member.value, table: &table)
                }
                members.append(.init(key: member.key, value: redacted))
            }
            return .object(JSONObject(members))
        case .array(let elements):
            var result: [JSONValue] = []
            result.reserveCapacity(elements.count)
            for element in elements { result.append(redactMembers(element, table: &table)) }
            return .array(result)
        default: return value
        }
    }

    /// `value` as the value of a credential member named `name`, or `nil` when it is not one.
    private func redactCredential(_ value: JSONValue, name: String, table: inout PlaceholderTable) -> JSONValue? {
        switch value {
        case .string(let text) where !text.isEmpty && catalogue.isCredential(name: name, value: text, at: .document):
            return .string(table.placeholder(for: text, kind: name))
        case .number(let lexeme) where catalogue.lists(name, at: .document):
            return .string(table.placeholder(for: lexeme, kind: name))
        case .array(let elements) where catalogue.lists(name, at: .document) && elements.allSatisfy({ $0.stringValue != nil }):
            return .array(elements.map { element in
                element.stringValue.map { .string($0.isEmpty ? $0 : table.placeholder(for: $0, kind: name)) } ?? element
            })
        default: return nil
        }
    }
}
