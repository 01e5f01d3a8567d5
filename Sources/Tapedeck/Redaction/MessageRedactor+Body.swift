import Foundation

extension MessageRedactor {
    /// The body with its secrets replaced, read as what it is: JSON (compact or
    /// not), a form, XML, multipart (part by part), or other text; a compressed
    /// body (`Content-Encoding: gzip` or `deflate`) is decoded first, and text in
    /// another `charset` read in it. A body in which something was replaced is
    /// kept decoded (with a note of its `Content-Encoding`); one in which nothing
    /// was stays exactly as it was.
    ///
    /// A body whose `Content-Encoding` does not decode is never stored as it is:
    /// it becomes `Placeholder.undecodableBody` (and the redaction warns).
    /// - Parameter issuesCredentials: the exchange's path names a credential
    ///   (`/keys`, `/oauth/token`, `Action=AssumeRole`), so the generic members of
    ///   its answer (`value`, `key`, `data`…) are suspect.
    func redact(body: RecordedBody, headers: HeaderFields, issuesCredentials: Bool = false, table: inout PlaceholderTable) -> RecordedBody {
        let type = MediaType(headers["Content-Type"])
        switch body.content {
        case .empty: return body
        case .json(let value):
            return RecordedBody(content: .json(redact(json: value, context: issuesCredentials, table: &table)), originalEncoding: body.originalEncoding)
        case .text(let text):
            return RecordedBody(
                content: .text(redact(text: text, type: type, context: issuesCredentials, table: &table)), originalEncoding: body.originalEncoding)
        case .binary(let data):
            if body.originalEncoding == nil, let encoding = headers["Content-Encoding"], !ContentDecoding.isIdentity(encoding) {
                guard let decoded = ContentDecoding.decode(data, encoding: encoding) else {
                    return RecordedBody(content: .text(Placeholder.undecodableBody), originalEncoding: encoding)
                }
                let plain = RecordedBody(data: decoded, contentType: headers["Content-Type"], originalEncoding: encoding)
                let redacted = redact(body: plain, headers: headers, issuesCredentials: issuesCredentials, table: &table)
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

    /// Text read by its media type, or by its look when the type does not say;
    /// text no strict reader takes (NDJSON, SSE, an XSSI prefix, YAML, a log) is
    /// read line by line and as free text, never left to the shapes alone.
    func redact(text: String, type: MediaType, context: Bool = false, table: inout PlaceholderTable) -> String {
        let bom = text.hasPrefix("\u{FEFF}") ? "\u{FEFF}" : ""
        let body = String(text.dropFirst(bom.count))
        let start = body.first { !$0.isWhitespace }
        var result = body
        if let boundary = type.isMultipart ? type.parameters["boundary"] : MultipartBody.boundary(byLookOf: body) {
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
            let redacted = redact(json: value, context: context, table: &table)
            return bom
                + (redacted == value
                    ? body
                    : JSONTextEdit.splice(body, original: value, redacted: redacted)
                        ?? JSONWriter(style: .pretty()).string(from: redacted))
        } else if type.isXML || start == "<" {
            // `<methodCall>`: XML-RPC passes the password by position.
            let call = catalogue.readsByDesign ? XMLRPCCalls.replacingPasswords(in: body) { table.placeholder(for: $0, kind: "password") } : body
            result = XMLFields.replacingValues(in: call) { name, value in
                if catalogue.isCredential(name: name, value: value, at: .document) { return table.placeholder(for: value, kind: name) }
                guard catalogue.readsByDesign else { return nil }
                // Text and attributes are values too: a generated one, or a document in one (base64 user data, a YAML).
                let embedded = redactEmbedded(value, context: context, depth: 0, table: &table)
                if embedded != value, !embedded.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) { return embedded }
                return CredentialCatalogue.looksGenerated(value, name: name) ? table.placeholder(for: value, kind: "high-entropy") : nil
            }
        } else if context, let token = Self.wholeToken(body) {
            // An answer that issues a credential as its whole text (`PUT /latest/api/token`).
            result = body.replacingOccurrences(of: token, with: table.placeholder(for: token, kind: "issued-token"))
        } else if catalogue.readsByDesign, let cells = DelimitedTable.secretCells(in: body, isSecret: { catalogue.namesCredential($0, at: .document) }) {
            result = Self.applying(
                cells.filter { CredentialCatalogue.isSecretValue($0.cell) }.map { ($0.range, table.placeholder(for: $0.cell, kind: $0.column)) }, to: body)
        } else if type.isForm || FormFields.looksLikeForm(body) {
            result = redact(fields: body, table: &table)
        } else {
            result = redact(lines: body, context: context, table: &table)
        }
        return bom + rules.redact(text: redact(freeText: result, table: &table), table: &table)
    }

    /// The text when it is one random token and nothing else (base64, base64url, a JWT), trimmed.
    private static func wholeToken(_ text: String) -> String? {
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.utf8.allSatisfy(tokenBytes.contains), CredentialCatalogue.looksRandom(token) else { return nil }
        return token
    }

    /// Text read one line at a time: a line that holds JSON after an optional
    /// prefix (`data:` of SSE, `)]}'` of XSSI, an NDJSON record) is redacted as JSON in place.
    private func redact(lines text: String, context: Bool, table: inout PlaceholderTable) -> String {
        guard text.contains("{") || text.contains("[") else { return text }
        var changed = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let open = line.firstIndex(where: { $0 == "{" || $0 == "[" }), line.distance(from: line.startIndex, to: open) <= 8,
                let value = try? JSONParser.parse(String(line[open...]))
            else { return String(line) }
            let redacted = redact(json: value, context: context, table: &table)
            guard redacted != value else { return String(line) }
            changed = true
            return String(line[..<open]) + JSONWriter().string(from: redacted)
        }
        return changed ? lines.joined(separator: "\n") : text
    }

    /// A JSON value with the values of credential members replaced (strings and
    /// numbers, also inside an array under the name), then the rules applied.
    /// - Parameter context: the answer issues credentials, so its generic members are suspect.
    func redact(json value: JSONValue, context: Bool = false, table: inout PlaceholderTable) -> JSONValue {
        rules.redact(json: redactMembers(value, name: "", context: context, depth: 0, table: &table), table: &table)
    }

    private func redactMembers(_ value: JSONValue, name: String, context: Bool, depth: Int, table: inout PlaceholderTable) -> JSONValue {
        switch value {
        case .object(var object):
            if catalogue.readsByDesign {
                object = redactGraphQLVariables(object, table: &table)
                object = redactSignInParameters(object, table: &table)
                object = redactBoundParameters(object, table: &table)
                object = MarkedSecrets.redacting(object, named: name) { Redactor.CompiledRules.replacingScalars($0, kind: $1, table: &table) } ?? object
            }
            let pair = catalogue.readsByDesign ? Self.pairedSecret(in: object, catalogue: catalogue) : nil
            let isJWK = catalogue.readsByDesign && object["kty"]?.stringValue != nil
            var members: [JSONObject.Member] = []
            members.reserveCapacity(object.count)
            for member in object.members {
                let redacted: JSONValue
                let folded = CredentialCatalogue.NameReading.of(member.key).folded
                if let credential = redactCredential(member.value, name: member.key, table: &table) {
                    redacted = credential
                } else if let code = member.value.stringValue ?? member.value.numberLexeme, isVerifiedCode(code, name: member.key) {
                    redacted = .string(table.placeholder(for: code, kind: "one-time-code"))
                } else if let password = member.value.stringValue, isChangedPassword(password, name: member.key) {
                    redacted = .string(table.placeholder(for: password, kind: "password"))
                } else if let pair, pair.value == member.key {
                    redacted = Redactor.CompiledRules.replacingScalars(member.value, kind: pair.name, table: &table)
                } else if folded == "code", catalogue.readsByDesign, let code = member.value.stringValue ?? member.value.numberLexeme,
                    CredentialCatalogue.isVerificationCode(name: member.key, value: code, siblings: object.members.map(\.key))
                {
                    redacted = .string(table.placeholder(for: code, kind: member.key))
                } else if isJWK && Self.publicJWKMembers.contains(member.key) {
                    // A key's public half (`n`, `e`, `x`, `y`, `x5c`) is published, also beside its private members.
                    redacted = member.value
                } else if isJWK && Self.privateJWKMembers.contains(member.key) || context && Self.genericCredentialMember(folded, member.value)
                    // `"github-oauth": {"github.com": "…"}`: a credential per host.
                    || context && member.key.utf8.contains(UInt8(ascii: ".")) && member.value.stringValue.map(CredentialCatalogue.isSecretValue) == true
                {
                    redacted = Redactor.CompiledRules.replacingScalars(member.value, kind: member.key, table: &table)
                } else {
                    let inner =
                        context || catalogue.namesCredential(member.key, at: .document)
                        || catalogue.readsByDesign && Self.credentialContainers.contains(folded)
                    redacted = redactMembers(member.value, name: member.key, context: inner, depth: depth, table: &table)
                }
                members.append(.init(key: member.key, value: redacted))
            }
            return .object(JSONObject(members))
        case .array(let elements):
            // `["Cookie", "sid=…"]`, `["X-Api-Token", "…"]`: a header or a setting as a pair.
            if catalogue.readsByDesign, elements.count == 2, let pairName = elements[0].stringValue, let pairValue = elements[1].stringValue,
                Self.isPairName(pairName), !pairValue.isEmpty, catalogue.isCredential(name: pairName, value: pairValue, at: .parameter)
            {
                return .array([elements[0], .string(table.placeholder(for: pairValue, kind: pairName))])
            }
            var result: [JSONValue] = []
            result.reserveCapacity(elements.count)
            for element in elements { result.append(redactMembers(element, name: name, context: context, depth: depth, table: &table)) }
            return .array(result)
        case .string(let text):
            guard catalogue.readsByDesign else { return value }
            let embedded = redactEmbedded(text, context: context, depth: depth, table: &table)
            // A document in base64 that holds placeholders was redacted inside already (a cassette read again, by `scan`).
            if embedded == text, CredentialCatalogue.looksGenerated(text, name: name), EmbeddedBase64(text)?.text.contains(Placeholder.marker) != true {
                return .string(table.placeholder(for: text, kind: "high-entropy"))
            }
            return .string(embedded)
        default: return value
        }
    }

    /// Whether `text` reads as a header's or a setting's name (`X-Api-Token`, `db.password`),
    /// not as an argument (`--db-password=…`) or a sentence.
    private static func isPairName(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "-"), text.utf8.count <= 64 else { return false }
        return text.utf8.allSatisfy(nameBytes.contains)
    }

    private static let tokenBytes = ByteSet("A-Za-z0-9+/=_.~-")
    private static let nameBytes = ByteSet("A-Za-z0-9_.-")

    /// What a string needs to hold a secret in free text: a separator, a quote, a space, a line break or an `@`.
    private static let textMarks = ByteSet("=:'\" \n\t@;")

    /// Whether `text` has two ASCII letters in a row, a byte of another script, a backslash or a percent sign.
    private static func mayHoldWord(_ text: String) -> Bool {
        var letters = 0
        for byte in text.utf8 {
            if byte >= 0x80 || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "%") { return true }
            letters = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") ? letters + 1 : 0
            if letters == 2 { return true }
        }
        return false
    }

    /// How deep documents inside strings are opened (JSON in a string in base64 in a string…).
    private static let embeddedDepth = 4

    /// A string that holds a document, redacted inside and written back the same
    /// way: JSON, hex or base64 (standard or URL-safe, padded or not) of text, a URL, or
    /// text of `name=value` and `name: value` pairs (`.env`, INI, YAML, connection strings).
    func redactEmbedded(_ text: String, context: Bool, depth: Int, table: inout PlaceholderTable) -> String {
        guard depth < Self.embeddedDepth, text.utf8.count >= 6 else { return text }
        let first = text.utf8.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\t") }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let inner = try? JSONParser.parse(text) {
            let redacted = redactMembers(inner, name: "", context: context, depth: depth + 1, table: &table)
            return redacted == inner ? text : JSONWriter().string(from: redacted)
        }
        if let decoded = EmbeddedHex(text) {
            let redacted = redactEmbedded(decoded.text, context: context, depth: depth + 1, table: &table)
            if redacted != decoded.text { return decoded.encoding(redacted) }
        }
        if let decoded = EmbeddedBase64(text) {
            let redacted = redactEmbedded(decoded.text, context: context, depth: depth + 1, table: &table)
            return redacted == decoded.text ? text : decoded.encoding(redacted)
        }
        if text.hasPrefix("http://") || text.hasPrefix("https://") { return redact(url: text, table: &table) }
        // Pairs need a separator or a quote, and conventions (command lines, statements, logons) a space, a line or an `@`:
        // one token (an id, a random value) holds none; a one-time code in a message may stand beside no such mark (`验证码123456`).
        guard text.utf8.contains(where: Self.textMarks.contains) || Self.mayHoldCode(text) else { return text }
        // Every reader of free text wants a word (a name, a keyword, a word for a code), an escape or a percent
        // form: a time, a date, a number or a version has none (`2026-12-07T21:08:21Z`, `1.2.3`, `+1 555 0100`).
        guard Self.mayHoldWord(text) else { return text }
        return redact(freeText: text, table: &table)
    }

    /// A GraphQL request (`query` and `variables`) with the variables its query passes
    /// to a credential argument replaced: `login(password: $p)` makes `p` a password.
    func redactGraphQLVariables(_ object: JSONObject, table: inout PlaceholderTable) -> JSONObject {
        guard let query = object["query"]?.stringValue, case .object(let variables)? = object["variables"] else { return object }
        let bound = GraphQLVariables.credentialArguments(in: query) { catalogue.namesCredential($0, at: .document) }
        guard !bound.isEmpty else { return object }
        var members: [JSONObject.Member] = []
        for member in variables.members {
            guard let argument = bound[member.key] else {
                members.append(member)
                continue
            }
            members.append(.init(key: member.key, value: Redactor.CompiledRules.replacingScalars(member.value, kind: argument, table: &table)))
        }
        return object.mapValues { key, value in key == "variables" ? .object(JSONObject(members)) : value }
    }

    /// A JSON-RPC call of a sign-in method (`{"method": "user.login", "params": ["alice", "…"]}`)
    /// with its positional string parameters replaced: which one is the password, only the method knows.
    private func redactSignInParameters(_ object: JSONObject, table: inout PlaceholderTable) -> JSONObject {
        let list = object["params"] != nil ? "params" : "args"
        guard case .array(let parameters)? = object[list], CredentialName.callIssuesCredentials(.object(object)) else { return object }
        var replaced: [JSONValue] = []
        for parameter in parameters {
            guard let text = parameter.stringValue, CredentialCatalogue.isSecretValue(text) else {
                replaced.append(parameter)
                continue
            }
            replaced.append(.string(table.placeholder(for: text, kind: "params")))
        }
        return object.mapValues { key, value in key == list ? .array(replaced) : value }
    }

    /// A statement sent with its parameters (`{"query": "ALTER ROLE r PASSWORD $1", "params": […]}`,
    /// `{"sql": …, "args": […]}`, Snowflake's `bindings`, the RDS Data API's named `parameters`)
    /// with the parameters it binds to a password replaced (`SQLSecrets` says which).
    private func redactBoundParameters(_ object: JSONObject, table: inout PlaceholderTable) -> JSONObject {
        guard object.members.contains(where: { Self.parameterLists.contains(CredentialCatalogue.NameReading.of($0.key).folded) }),
            let statement = object.members.first(where: { Self.statementNames.contains(CredentialCatalogue.NameReading.of($0.key).folded) })?.value
                .stringValue
        else { return object }
        let bound = SQLSecrets.boundParameters(in: statement)
        guard !bound.isEmpty else { return object }
        var members: [JSONObject.Member] = []
        for member in object.members {
            guard Self.parameterLists.contains(CredentialCatalogue.fold(member.key)) else {
                members.append(member)
                continue
            }
            members.append(.init(key: member.key, value: Self.replacingBound(member.value, bound, table: &table)))
        }
        return JSONObject(members)
    }

    /// A parameter list with the parameters in `bound` replaced: by position in an array,
    /// by name in an array of `{"name": …, "value": …}`, or by key in an object (`{"1": …}`, `{"pw": …}`).
    private static func replacingBound(_ list: JSONValue, _ bound: Set<SQLSecrets.Parameter>, table: inout PlaceholderTable) -> JSONValue {
        func unprefixed(_ name: String) -> String { String(name.drop { $0 == ":" || $0 == "@" || $0 == "$" }) }
        switch list {
        case .array(let elements):
            var result: [JSONValue] = []
            for (index, element) in elements.enumerated() {
                let named = element["name"]?.stringValue.map { bound.contains(.name(unprefixed($0))) } ?? false
                result.append(named || bound.contains(.position(index)) ? replacingParameter(element, table: &table) : element)
            }
            return .array(result)
        case .object(let object):
            var members: [JSONObject.Member] = []
            for member in object.members {
                let key = unprefixed(member.key)
                let hit = Int(key).map { bound.contains(.position($0 - 1)) } ?? bound.contains(.name(key))
                members.append(hit ? .init(key: member.key, value: replacingParameter(member.value, table: &table)) : member)
            }
            return .object(JSONObject(members))
        default: return list
        }
    }

    /// A bound parameter replaced: the value, or a typed one's `value` (`{"type": "TEXT", "value": …}`).
    private static func replacingParameter(_ parameter: JSONValue, table: inout PlaceholderTable) -> JSONValue {
        guard case .object(let object) = parameter, let value = object["value"] else {
            return Redactor.CompiledRules.replacingScalars(parameter, kind: "password", table: &table)
        }
        let replaced = Redactor.CompiledRules.replacingScalars(value, kind: "password", table: &table)
        return .object(object.mapValues { key, old in key == "value" ? replaced : old })
    }

    /// Members that hold a statement, and members that hold the parameters sent with it (folded).
    private static let statementNames: Set<String> = ["query", "sql", "statement", "stmt", "sqltext", "querytext", "command", "text"]
    private static let parameterLists: Set<String> = [
        "params", "parameters", "args", "arguments", "bindings", "binds", "bindvars", "namedargs", "values",
    ]

    /// The member holding the secret of a `{"name": "DB_PASSWORD", "value": …}` pair
    /// (environment lists, parameter stores, settings), and the credential's name.
    private static func pairedSecret(in object: JSONObject, catalogue: CredentialCatalogue) -> (name: String, value: String)? {
        guard object.count >= 2, object.count <= 8 else { return nil }
        var name: String?
        var value: String?
        for member in object.members {
            let folded = CredentialCatalogue.fold(member.key)
            // A validation error's `loc` (`["body", "password"]`) names the field by its last element.
            let named = member.value.stringValue ?? member.value.arrayValue?.last?.stringValue
            if pairNames.contains(folded), let text = named, catalogue.namesCredential(text, at: .document) { name = text }
            // A field typed secret: 1Password's `"type": "CONCEALED"`, SSM's `SecureString`.
            if pairTypes.contains(folded), let text = member.value.stringValue, secretTypes.contains(CredentialCatalogue.fold(text)) { name = text }
            if pairValues.contains(folded) { value = member.key }
        }
        guard let name, let value else { return nil }
        return (name, value)
    }

    static let pairNames: Set<String> = [
        "name", "key", "variable", "var", "parametername", "paramname", "envname", "env", "field", "attribute", "propertyname", "setting",
        "settingname", "label", "path", "param", "loc", "outputkey", "parameterkey",
    ]
    static let pairValues: Set<String> = [
        "value", "values", "val", "secret", "data", "content", "string", "stringvalue", "text", "defaultvalue", "input", "outputvalue",
        "parametervalue",
    ]
    /// Members that say which type a field's value has, and the types that make it a secret.
    private static let pairTypes: Set<String> = ["type", "kind", "fieldtype", "valuetype"]
    private static let secretTypes: Set<String> = ["concealed", "password", "secret", "securestring", "secrettext", "masked", "sensitive"]

    /// Members that hold the credential in an answer that issues one, under a generic name.
    private static func genericCredentialMember(_ folded: String, _ value: JSONValue) -> Bool {
        // A JSON-RPC answer's `result`, when it is one string: a sign-in's session.
        if folded == "result", case .string(let text) = value { return CredentialCatalogue.isSecretValue(text) }
        guard genericCredentialNames.contains(folded) else { return false }
        switch value {
        case .string(let text): return CredentialCatalogue.isSecretValue(text)
        case .object(let object): return object.members.allSatisfy { $0.value.stringValue != nil }
        default: return false
        }
    }

    private static let genericCredentialNames: Set<String> = [
        "value", "values", "key", "secret", "access", "data", "stringdata", "primarykey", "secondarykey", "primary", "secondary", "material",
        "keymaterial", "plaintext", "raw", "auth", "password", "credential", "connectionstring", "primaryconnectionstring",
        "secondaryconnectionstring", "streamname",
    ]
    /// Members whose subtree issues credentials (`"keys": [{"value": …}]`).
    /// A stream's ingestion settings (YouTube's `cdn.ingestionInfo`) hold its stream key under a generic name.
    private static let credentialContainers: Set<String> = [
        "keys", "accesskeys", "apikeys", "credentials", "secrets", "tokens", "kubeconfig", "ingestioninfo", "ingestion",
    ]
    /// The one member of an object that only says which type its string is.
    private static let scalarWrappers: Set<String> = ["s", "stringvalue", "value", "string", "text", "plaintext", "secretvalue"]
    /// The private members of a JSON Web Key (RFC 7517/7518), and its public ones.
    private static let privateJWKMembers: Set<String> = ["d", "p", "q", "dp", "dq", "qi", "k"]
    private static let publicJWKMembers: Set<String> = ["kty", "use", "key_ops", "alg", "kid", "x5u", "x5c", "x5t", "x5t#S256", "n", "e", "crv", "x", "y"]

    /// `value` as the value of a credential member named `name`, or `nil` when it is not one.
    private func redactCredential(_ value: JSONValue, name: String, table: inout PlaceholderTable) -> JSONValue? {
        switch value {
        case .string(let text) where !text.isEmpty && catalogue.isCredential(name: name, value: text, at: .document):
            return .string(table.placeholder(for: text, kind: name))
        case .number(let lexeme) where catalogue.lists(name, at: .document) || isNumericSecret(lexeme, name: name):
            return .string(table.placeholder(for: lexeme, kind: name))
        // A typed wrapper of one string: DynamoDB's `{"S": …}`, Firestore's `{"stringValue": …}`.
        case .object(let object) where object.count == 1 && Self.scalarWrappers.contains(CredentialCatalogue.fold(object.members[0].key)):
            guard let text = object.members[0].value.stringValue, !text.isEmpty, catalogue.isCredential(name: name, value: text, at: .document)
            else { return nil }
            return .object(JSONObject([.init(key: object.members[0].key, value: .string(table.placeholder(for: text, kind: name)))]))
        case .array(let elements) where catalogue.namesCredential(name, at: .document) && elements.allSatisfy({ $0.stringValue != nil }):
            return .array(
                elements.map { element in
                    element.stringValue.map { .string($0.isEmpty ? $0 : table.placeholder(for: $0, kind: name)) } ?? element
                })
        default: return nil
        }
    }
}
