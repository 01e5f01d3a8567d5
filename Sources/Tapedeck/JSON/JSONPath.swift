import Foundation

/// A location inside a JSON document, written the way error messages and
/// reports show it: `$.tasks[3].status`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible, Comparable {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    /// The document root, `$`.
    public static let root = JSONPath(components: [])

    public init(components: [Component]) { self.components = components }

    public func appending(_ key: String) -> JSONPath { JSONPath(components: components + [.key(key)]) }
    public func appending(index: Int) -> JSONPath { JSONPath(components: components + [.index(index)]) }

    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .key(let key):
                if !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                    text += "." + key
                } else {
                    text += "['" + key.replacingOccurrences(of: "'", with: "\\'") + "']"
                }
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// The path with every array index replaced by `*`, used to match a path
    /// against a rule or an exclusion written for all elements (`$.tasks[*].id`).
    public var wildcarded: String {
        var text = "$"
        for component in components {
            switch component {
            case .key(let key): text += JSONPath(components: [.key(key)]).description.dropFirst()
            case .index: text += "[*]"
            }
        }
        return text
    }

    public static func < (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.description < rhs.description }
}

extension JSONValue {
    /// The value at `path`, or `nil` when any step is missing.
    public subscript(path: JSONPath) -> JSONValue? {
        var current: JSONValue? = self
        for component in path.components {
            switch component {
            case .key(let key): current = current?[key]
            case .index(let index): current = current?[index]
            }
        }
        return current
    }
}
