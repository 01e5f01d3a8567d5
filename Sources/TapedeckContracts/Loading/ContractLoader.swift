import Foundation
import Tapedeck

/// Loads a contract: the document read as exact JSON (`ContractDocument`),
/// then each operation compiled, its schemas into one `SchemaPlan` (the
/// summary Tapedeck's own rules read) and one `SchemaProgram` (full JSON Schema
/// validation), both shared by every operation and compiled once per schema.
struct ContractLoader {
    let text: String
    let file: String
    /// Applied to the document before it is compiled (Tapedeck's extensions kept beside a published document).
    var overlays: [Overlay] = []

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    func load() throws(InputError) -> Contract {
        var document = try ContractDocument(text: text, file: file)
        for overlay in overlays { document = try overlay.apply(to: document) }
        let index = document.index
        let builder = SchemaProgramBuilder(dialect: document.dialect)
        _ = builder.add(index: index)
        var schemas = SchemaCompiler(document: index, dialect: document.dialect)
        guard case .object(let paths)? = document.root["paths"] else {
            throw document.source.error(at: ["paths"], expected: "a `paths` mapping", found: document.root["paths"]?.shown ?? "none")
        }
        var operations: [OperationContract] = []
        for member in paths.members {
            let item = try document.object(member.value, at: ["paths", member.key])
            for method in Self.methods {
                guard let value = item.object[method] else { continue }
                let path = item.pointer + [method]
                let operation = try document.object(value, at: path)
                let compiler = OperationCompiler(document: document, path: path)
                operations.append(
                    try compiler.compile(
                        operation.object, pathItem: item, template: member.key, method: method.uppercased(), schemas: &schemas,
                        program: builder))
            }
        }
        guard !operations.isEmpty else {
            throw document.source.error(at: ["paths"], expected: "at least one operation", found: "none")
        }
        if let problem = schemas.problem {
            throw document.source.error(at: problem.pointer, expected: problem.expected, found: problem.found)
        }
        schemas.plan.trim()
        for index in operations.indices {
            operations[index].plan = schemas.plan
            operations[index].program = builder.program
        }
        let servers = ContractServers(document: document)
        return Contract(
            provider: try providerID(document, servers: servers), file: file, operations: operations,
            serverHosts: servers.hosts, basePaths: servers.basePaths)
    }

    /// `x-tapedeck-provider`, else a name from the servers' host (`api.stripe.com` → `stripe`), else from the title.
    private func providerID(_ document: ContractDocument, servers: ContractServers) throws(InputError) -> String {
        if let value = document.root["x-tapedeck-provider"] {
            return try ExtensionReader(value: value, path: ["x-tapedeck-provider"], source: document.source).string()
        }
        if let name = servers.providerName { return name }
        let title = document.root["info"]?["title"]?.stringValue ?? ""
        let slug = title.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).joined(separator: "-")
        guard !slug.isEmpty else {
            throw document.source.error(
                at: [], expected: "a provider id: `x-tapedeck-provider`, a server URL or an `info.title`", found: "none",
                hint: "Add `x-tapedeck-provider: <provider-id>` at the top level, or in an overlay")
        }
        return slug
    }
}
