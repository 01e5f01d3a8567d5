import Tapedeck

/// Compiles one OpenAPI operation and its `x-tapedeck-…` extensions.
struct OperationCompiler {
    let document: ContractDocument
    /// Where the operation is (`paths`, the path, the method; or where a `$ref` led).
    let path: [String]

    var source: ContractSource { document.source }

    func compile(
        _ operation: JSONObject, pathItem: (object: JSONObject, pointer: [String]), template: String, method: String,
        schemas: inout SchemaCompiler, program: SchemaProgramBuilder
    ) throws(InputError) -> OperationContract {
        var parameters: [OperationContract.Parameter] = []
        let declared = try declaredParameters(in: pathItem.object, at: pathItem.pointer) + declaredParameters(in: operation, at: path)
        for (parameter, pointer) in declared {
            guard let location = parameter["in"]?.stringValue.flatMap(OperationContract.Parameter.Location.init(rawValue:)),
                let name = parameter["name"]?.stringValue
            else { continue }
            let description = parameter["description"]?.stringValue
            let schema = try self.schema(in: parameter, at: pointer)
            let node = schema.map { schemas.compile($0.value, at: $0.pointer, seed: description) } ?? schemas.plan.add(SchemaPlan.Node(seed: description))
            if schemas.plan[node].seed == nil { schemas.plan.update(node) { $0.seed = description } }
            var entry = OperationContract.Parameter(name: name, location: location, required: parameter["required"] == .bool(true), node: node)
            if let schema { entry.schema = try compiled(schema.pointer, in: program) }
            // An operation's parameter replaces the path item's of the same name and place.
            parameters.removeAll { $0.name == name && $0.location == location }
            parameters.append(entry)
        }
        var responses: [OperationContract.Response] = []
        for member in operation["responses"]?.objectValue?.members ?? [] {
            let response = try document.object(member.value, at: path + ["responses", member.key])
            let schema = try self.schema(in: response.object, at: response.pointer)
            var entry = OperationContract.Response(status: member.key)
            if let schema {
                entry.node = schemas.compile(schema.value, at: schema.pointer)
                entry.schema = try compiled(schema.pointer, in: program)
            }
            responses.append(entry)
        }
        func reader(_ key: String) -> ExtensionReader? {
            operation[key].map { ExtensionReader(value: $0, path: path + [key], source: source) }
        }
        let paging = try reader("x-tapedeck-paging").map(pagingSpec)
        if let paging {
            for name in [paging.pageParam, paging.limitParam, paging.offsetParam, paging.markerParam, paging.tokenParam, paging.cursorParam]
            where name != nil && !parameters.contains(where: { $0.name == name }) {
                throw source.error(
                    at: path + ["x-tapedeck-paging"], expected: "paging parameters that the operation documents",
                    found: "`\(name!)`, which is not among its parameters")
            }
        }
        return OperationContract(
            methods: [method] + (try reader("x-tapedeck-rpc-methods").map(strings) ?? []).map { $0.uppercased() }.filter { $0 != method },
            path: template, segments: PathSegment.parse(template),
            matchQuery: try reader("x-tapedeck-match-query").map(stringMap) ?? [:],
            parameters: parameters, responses: responses, plan: SchemaPlan(), paging: paging,
            echoes: try reader("x-tapedeck-echo").map(echoSpecs) ?? [],
            window: try reader("x-tapedeck-window").map(windowSpec),
            filters: try reader("x-tapedeck-filters").map(filterSpecs) ?? [],
            volatileParams: Set(try reader("x-tapedeck-volatile-params").map(strings) ?? []),
            conditions: try reader("x-tapedeck-conditions").map(ConditionSpec.read) ?? [],
            credentials: try reader("x-tapedeck-credentials").map(CredentialSpec.read))
    }

    /// The `parameters` of a path item or operation, each resolved, with where it is.
    private func declaredParameters(in object: JSONObject, at pointer: [String]) throws(InputError) -> [(JSONObject, [String])] {
        guard let list = object["parameters"] else { return [] }
        guard case .array(let entries) = list else {
            throw source.error(at: pointer + ["parameters"], expected: "a list of parameters", found: list.shown)
        }
        var result: [(JSONObject, [String])] = []
        for (offset, entry) in entries.enumerated() {
            let resolved = try document.object(entry, at: pointer + ["parameters", String(offset)])
            result.append((resolved.object, resolved.pointer))
        }
        return result
    }

    /// The schema of a parameter or response: its `schema`, or its JSON media type's (else its first one's).
    private func schema(in object: JSONObject, at pointer: [String]) throws(InputError) -> (value: JSONValue, pointer: [String])? {
        if let schema = object["schema"] { return (schema, pointer + ["schema"]) }
        guard case .object(let content)? = object["content"] else { return nil }
        guard let media = content.members.first(where: { $0.key.contains("json") }) ?? content.members.first else { return nil }
        let resolved = try document.object(media.value, at: pointer + ["content", media.key])
        return resolved.object["schema"].map { ($0, resolved.pointer + ["schema"]) }
    }

    private func compiled(_ pointer: [String], in program: SchemaProgramBuilder) throws(InputError) -> Int {
        do {
            return try program.compile(document: 0, pointer: pointer)
        } catch {
            throw document.error(error)
        }
    }

    /// The largest page size a contract may document.
    static let maximumLimit = 1_000_000
    /// The longest age a window may document: about 270 years.
    static let maximumDays = 100_000.0

    private func stringMap(_ reader: ExtensionReader) throws(InputError) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in try reader.object() { result[key] = try value.string() }
        return result
    }

    private func strings(_ reader: ExtensionReader) throws(InputError) -> [String] {
        var result: [String] = []
        for entry in try reader.array() { result.append(try entry.string()) }
        return result
    }

    private func pagingSpec(_ reader: ExtensionReader) throws(InputError) -> PagingSpec {
        let members = try reader.object()
        var spec = PagingSpec(
            style: try members.required("style", in: reader).choice(PagingSpec.Style.self),
            items: try members.required("items", in: reader).jsonPath())
        spec.itemID = try members["item-id"]?.string()
        spec.total = try members["total"]?.jsonPath()
        spec.pageParam = try members["page-param"]?.string()
        spec.firstPage = try members["first-page"]?.int(in: 0...1) ?? 1
        spec.limitParam = try members["limit-param"]?.string()
        spec.defaultLimit = try members["default-limit"]?.int(in: 1...Self.maximumLimit)
        spec.offsetParam = try members["offset-param"]?.string()
        spec.markerParam = try members["marker-param"]?.string()
        spec.markerField = try members["marker-field"]?.jsonPath()
        spec.markerOrder = try members["marker-order"]?.choice(PagingSpec.MarkerOrder.self) ?? .descending
        spec.tokenParam = try members["token-param"]?.string()
        spec.nextTokenField = try members["next-token-field"]?.jsonPath()
        spec.linkRel = try members["link-rel"]?.string() ?? "next"
        spec.hasMoreField = try members["has-more-field"]?.jsonPath()
        spec.cursorParam = try members["cursor-param"]?.string()
        spec.cursorField = try members["cursor-field"]?.string()
        spec.nextLinkField = try members["next-link-field"]?.jsonPath()
        spec.tokenHeader = try members["token-header"]?.string()
        spec.itemOrder = try members["item-order"]?.choice(PagingSpec.MarkerOrder.self)
        spec.orderField = try members["order-field"]?.string()
        spec.seed = try members["seed"]?.string()
        let needed: [(String, Any?)] =
            switch spec.style {
            case .pageNumber: [("page-param", spec.pageParam), ("limit-param", spec.limitParam)]
            case .offset: [("offset-param", spec.offsetParam), ("limit-param", spec.limitParam)]
            case .marker: [("marker-param", spec.markerParam), ("marker-field", spec.markerField)]
            case .token: [("token-param", spec.tokenParam), ("next-token-field", spec.nextTokenField)]
            case .linkHeader: []
            case .hasMore:
                [("has-more-field", spec.hasMoreField), ("cursor-param", spec.cursorParam), ("item-id", spec.cursorField ?? spec.itemID)]
            case .nextLink: [("next-link-field", spec.nextLinkField)]
            case .headerToken: [("token-header", spec.tokenHeader), ("token-param", spec.tokenParam)]
            }
        for (key, value) in needed where value == nil {
            throw source.error(
                at: reader.path, expected: "a `\(key)` entry for paging style \(spec.style.rawValue)", found: "none")
        }
        return spec
    }

    private func echoSpecs(_ reader: ExtensionReader) throws(InputError) -> [EchoSpec] {
        try reader.mappings { members, entry throws(InputError) in
            EchoSpec(
                param: try members.required("param", in: entry).string(),
                field: try members.required("field", in: entry).jsonPath(),
                defaultValue: try members["default"]?.string(), seed: try members["seed"]?.string())
        }
    }

    private func windowSpec(_ reader: ExtensionReader) throws(InputError) -> WindowSpec {
        let members = try reader.object()
        return WindowSpec(
            startParam: try members["start-param"]?.string(), endParam: try members["end-param"]?.string(),
            maxStartAgeDays: try members["max-start-age-days"]?.double(in: 0...Self.maximumDays),
            itemTime: try members["item-time"]?.string(),
            itemTimeFormat: try members["item-time-format"]?.choice(TimeFormat.self),
            itemMaxAgeDays: try members["item-max-age-days"]?.double(in: 0...Self.maximumDays), seed: try members["seed"]?.string())
    }

    private func filterSpecs(_ reader: ExtensionReader) throws(InputError) -> [FilterSpec] {
        try reader.mappings { members, entry throws(InputError) in
            FilterSpec(
                param: try members.required("param", in: entry).string(),
                field: try members.required("field", in: entry).string(),
                separator: try members["separator"]?.string(), defaultValue: try members["default"]?.string(),
                seed: try members["seed"]?.string())
        }
    }
}
