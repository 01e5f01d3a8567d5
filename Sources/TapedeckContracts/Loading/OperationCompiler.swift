import OpenAPIKit
import Tapedeck

/// Compiles one OpenAPI operation and its `x-tapedeck-…` extensions.
struct OperationCompiler {
    let source: ContractSource
    /// The YAML keys of the operation (`paths`, the path, the method).
    let path: [String]

    func compile(
        _ operation: DereferencedOperation, pathItem: DereferencedPathItem, template: String, method: String
    ) throws(InputError) -> OperationContract {
        var compiler = SchemaCompiler()
        var parameters: [OperationContract.Parameter] = []
        for parameter in pathItem.parameters + operation.parameters {
            guard let location = OperationContract.Parameter.Location(rawValue: parameter.location.rawValue) else {
                continue
            }
            let node: Int
            if let schema = parameter.schemaOrContent.a?.schema {
                node = compiler.compile(schema, seed: parameter.description)
            } else {
                node = compiler.plan.nodes.count
                _ = compiler.plan.add(SchemaPlan.Node(seed: parameter.description))
            }
            if compiler.plan[node].seed == nil { compiler.plan.update(node) { $0.seed = parameter.description } }
            parameters.append(.init(name: parameter.name, location: location, required: parameter.required, node: node))
        }
        var responses: [OperationContract.Response] = []
        for (status, response) in operation.responses {
            let content = response.content.first(where: { $0.key.rawValue.contains("json") })?.value
                ?? response.content.first?.value
            let node = content?.schema.map { compiler.compile($0) }
            responses.append(.init(status: status.rawValue, node: node))
        }
        if let problem = compiler.problem {
            throw source.error(at: path, expected: problem.expected, found: problem.found)
        }
        let extensions = operation.underlyingOperation.vendorExtensions
        func reader(_ key: String) -> ExtensionReader? {
            extensions[key].map { ExtensionReader(value: $0.value, path: path + [key], source: source) }
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
            parameters: parameters, responses: responses, plan: compiler.plan, paging: paging,
            echoes: try reader("x-tapedeck-echo").map(echoSpecs) ?? [],
            window: try reader("x-tapedeck-window").map(windowSpec),
            filters: try reader("x-tapedeck-filters").map(filterSpecs) ?? [],
            volatileParams: Set(try reader("x-tapedeck-volatile-params").map(strings) ?? []),
            conditions: try reader("x-tapedeck-conditions").map(ConditionSpec.read) ?? [],
            credentials: try reader("x-tapedeck-credentials").map(CredentialSpec.read))
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
