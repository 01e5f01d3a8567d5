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
        return Contract(provider: provider, file: file, operations: operations)
    }

    private func decode(_ source: ContractSource) throws(InputError) -> OpenAPI.Document {
        do {
            return try YAMLDecoder().decode(OpenAPI.Document.self, from: text)
        } catch let error as YamlError {
            throw Self.located(error, file: file)
        } catch let DecodingError.dataCorrupted(context) where context.underlyingError is YamlError {
            throw Self.located(context.underlyingError as! YamlError, file: file)
        } catch {
            let pretty = OpenAPI.Error(from: error)
            throw source.error(
                at: pretty.codingPath.map(\.stringValue), expected: "an OpenAPI 3.1 document",
                found: pretty.localizedDescription)
        }
    }

    private static func located(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            InputError(
                file: file, location: .line(mark.line, column: mark.column), expected: "well-formed YAML",
                found: problem)
        default:
            InputError(file: file, expected: "well-formed YAML", found: "\(error)")
        }
    }
}
