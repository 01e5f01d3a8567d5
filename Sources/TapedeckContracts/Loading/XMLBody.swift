import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Tapedeck

/// Converts an XML answer (Alibaba's `Format=XML`) to the JSON the same answer
/// has in JSON form, guided by the response schema: the root element's children
/// become the object's members; repeated elements, and elements the schema
/// documents as arrays, become arrays (an empty documented list becomes `[]`);
/// text becomes a number or boolean where the schema documents one.
enum XMLBody {
    static func convert(_ text: String, plan: SchemaPlan?, node: Int?) -> JSONValue? {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return value(of: root, plan: plan, node: node)
    }

    private static func value(of element: Element, plan: SchemaPlan?, node: Int?) -> JSONValue {
        let schema = node.flatMap { plan?[$0] }
        if element.children.isEmpty && !(schema?.types.contains(.object) ?? false) {
            return scalar(element.text, types: schema?.types)
        }
        var object = JSONObject()
        var order: [String] = []
        var groups: [String: [Element]] = [:]
        for child in element.children {
            if groups[child.name] == nil { order.append(child.name) }
            groups[child.name, default: []].append(child)
        }
        for name in order {
            let children = groups[name]!
            let childNode = node.flatMap { plan?.property(name, of: $0) }
            let isArray = childNode.map { plan![$0].types == .array || plan![$0].types == [.array, .null] } ?? false
            if isArray || children.count > 1 {
                let itemNode = childNode.flatMap { plan?[$0].items }
                object[name] = .array(children.map { value(of: $0, plan: plan, node: itemNode) })
            } else {
                object[name] = value(of: children[0], plan: plan, node: childNode)
            }
        }
        for property in schema?.properties ?? [] where object[property.key] == nil {
            if plan![property.node].types == .array { object[property.key] = .array([]) }
        }
        return .object(object)
    }

    private static func scalar(_ text: String, types: SchemaPlan.Types?) -> JSONValue {
        guard let types else { return .string(text) }
        if types.contains(.integer) || types.contains(.number), (try? JSONParser.parse(text))?.numberLexeme != nil {
            return .number(text)
        }
        if types.contains(.boolean), text == "true" || text == "false" { return .bool(text == "true") }
        return .string(text)
    }

    private final class Element {
        let name: String
        var children: [Element] = []
        var text = ""
        init(name: String) { self.name = name }
    }

    /// Builds the element tree; used by one parser on one thread only.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: Element?
        private var stack: [Element] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = Element(name: elementName)
            stack.last?.children.append(element)
            if root == nil { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = stack.popLast() else { return }
            element.text = element.children.isEmpty ? element.text.trimmingCharacters(in: .whitespacesAndNewlines) : ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
