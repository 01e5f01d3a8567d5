import OpenAPIKit
import Tapedeck
import Yams

/// Loads a contract: YAML → `OpenAPI.Document` (Yams + OpenAPIKit) → compiled operations.
struct ContractLoader {
    let text: String
    let file: String

    func load() throws(InputError) -> Contract {
        let source = ContractSource(file: file, text: text)
        let document = try decode(source)
        let dereferenced: DereferencedDocument
        do {
            dereferenced = try document.locallyDereferenced()
        } catch {
            let pretty = OpenAPI.Error(from: error)
            throw source.error(
                at: pretty.codingPath.map(\.stringValue), expected: "references that resolve within the document",
                found: pretty.localizedDescription)
        }
        guard let providerValue = document.vendorExtensions["x-tapedeck-provider"] else {
            throw source.error(
                at: [], expected: "an `x-tapedeck-provider` entry naming the provider id", found: "none",
                hint: "Add `x-tapedeck-provider: <provider-id>` at the top level")
        }
        let provider = try ExtensionReader(value: providerValue.value, path: ["x-tapedeck-provider"], source: source)
            .string()
        var operations: [OperationContract] = []
        for route in dereferenced.routes {
            for endpoint in route.pathItem.endpoints {
                let path = ["paths", route.path.rawValue, endpoint.method.rawValue.lowercased()]
                operations.append(
                    try OperationCompiler(source: source, path: path).compile(
                        endpoint.operation, pathItem: route.pathItem, template: route.path.rawValue,
                        method: endpoint.method.rawValue.uppercased()))
            }
        }
        guard !operations.isEmpty else {
            throw source.error(at: ["paths"], expected: "at least one operation", found: "none")
        }
        return Contract(
            provider: provider, file: file, operations: operations,
            serverHosts: document.servers.compactMap { ContractHosts.pattern(ofServer: $0.urlTemplate.rawValue) })
    }

    private func decode(_ source: ContractSource) throws(InputError) -> OpenAPI.Document {
        guard let root = try BoundedYAML.compose(text, file: file, resolver: Resolver.basic.appending(.merge)) else {
            throw InputError(file: file, expected: "an OpenAPI 3.1 document", found: "an empty file")
        }
        do {
            return try YAMLDecoder().decode(OpenAPI.Document.self, from: root)
        } catch let error as YamlError {
            throw BoundedYAML.located(error, file: file)
        } catch let DecodingError.dataCorrupted(context) where context.underlyingError is YamlError {
            throw BoundedYAML.located(context.underlyingError as! YamlError, file: file)
        } catch {
            let pretty = OpenAPI.Error(from: error)
            throw source.error(
                at: pretty.codingPath.map(\.stringValue), expected: "an OpenAPI 3.1 document",
                found: pretty.localizedDescription)
        }
    }
}
