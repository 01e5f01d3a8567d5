import Foundation
import Tapedeck
@testable import TapedeckContracts
import Testing

/// A generated description of about 10 MB whose schemas refer to each other in
/// cycles (each one to itself, to the next, and to the first) loads, and its
/// compiled form is bounded by the document: each schema object compiled once,
/// never expanded along its references.
struct LargeDescriptionTests {
    /// A description with `count` recursive component schemas and an operation per 10 of them,
    /// and the number of schema objects it holds.
    static func generated(count: Int) -> (text: String, schemas: Int) {
        var components: [String] = []
        var schemas = 0
        for index in 0..<count {
            let next = (index + 1) % count
            var properties = [
                ##""id": {"type": "string", "pattern": "^n[0-9]+$", "description": "The node's id, \##(index)."}"##,
                ##""self": {"$ref": "#/components/schemas/Node\##(index)"}"##,
                ##""next": {"$ref": "#/components/schemas/Node\##(next)"}"##,
                ##""root": {"anyOf": [{"$ref": "#/components/schemas/Node0"}, {"type": "null"}]}"##,
                ##""children": {"type": "array", "maxItems": 50, "items": {"$ref": "#/components/schemas/Node\##(index)"}}"##,
            ]
            schemas += 9
            for field in 0..<40 {
                properties.append(##""field\##(field)": {"type": "integer", "minimum": 0, "maximum": \##(field * 1000 + index)}"##)
                schemas += 1
            }
            components.append(##""Node\##(index)": {"type": "object", "required": ["id"], "properties": {\##(properties.joined(separator: ", "))}}"##)
            schemas += 1
        }
        let paths = (0..<(count / 10)).map { index in
            ##""/nodes\##(index)": {"get": {"responses": {"200": {"description": "A node.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node\##(index * 10)"}}}}}}}"##
        }
        schemas += paths.count
        let text =
            ##"{"openapi": "3.1.0", "info": {"title": "Tree", "version": "1"}, "x-tapedeck-provider": "tree", "paths": {\##(paths.joined(separator: ", "))}, "components": {"schemas": {\##(components.joined(separator: ", "))}}}"##
        return (text, schemas)
    }

    @Test func aTenMegabyteRecursiveDescriptionLoadsWithoutExpansion() throws {
        let (text, schemas) = Self.generated(count: 3_600)
        #expect(text.utf8.count > 9_000_000)
        let contract = try Contract(yaml: text, file: "tree.json")
        #expect(contract.operations.count == 360)
        let program = try #require(contract.operations.first?.program)
        #expect(program.nodes.count <= schemas)
        #expect((contract.operations.first?.plan.nodes.count ?? .max) <= 2 * schemas)
        // Keyword groups only where a schema writes one: the 40 integer fields of each schema carry none.
        #expect(program.nodes.filter { $0.objectKeywords != nil }.count == 3_600)
        #expect(program.nodes.filter { $0.stringKeywords != nil }.count == 3_600)
        #expect(program.nodes.filter { $0.arrayKeywords != nil }.count == 3_600)
        #expect(program.nodes.filter { $0.applicators != nil }.count == 3_600)
        #expect((contract.operations.first?.plan.nodes.filter { $0.text != nil }.count ?? .max) <= 2 * 3_600)
        let node: JSONValue = ["id": "n0", "next": ["id": "n1", "children": [["id": 7]]], "field3": 5]
        let report = ContractChecker(contract: contract).check([Recordings.exchange("https://tree.example/nodes0", body: node)])
        #expect(report.violations.map(\.path) == ["$.next.children[0].id"], "\(report.violations)")
    }
}
