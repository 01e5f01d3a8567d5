import Foundation
import Tapedeck

/// Writes an Alibaba answer as XML, the shape its page shows for `Format=XML`:
/// one element per member, arrays as repeated elements named by their key.
enum AlibabaXML {
    static func render(root: String, _ value: JSONValue) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><\(root)>"
        write(value, into: &text)
        return text + "</\(root)>"
    }

    private static func write(_ value: JSONValue, into text: inout String) {
        switch value {
        case .object(let object):
            for member in object.members {
                if case .array(let elements) = member.value {
                    for item in elements { element(member.key, item, into: &text) }
                } else {
                    element(member.key, member.value, into: &text)
                }
            }
        case .string(let string): text += escape(string)
        case .number(let lexeme): text += lexeme
        case .bool(let flag): text += flag ? "true" : "false"
        case .null, .array: break
        }
    }

    private static func element(_ name: String, _ value: JSONValue, into text: inout String) {
        text += "<\(name)>"
        write(value, into: &text)
        text += "</\(name)>"
    }

    private static func escape(_ string: String) -> String {
        string.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
