/// A program a test drives is not on this machine, and why.
package struct ToolMissing: Error, CustomStringConvertible {
    package var tool: String
    package var reason: String

    package var description: String { "\(tool) is not available: \(reason)" }
}
