import Foundation

/// GitHub Actions workflow commands (`::error title=…::message`), which the
/// Actions log shows as annotations. `check` and `drift` both print theirs with it.
package struct GitHubAnnotations {
    package struct Annotation {
        package enum Level: String { case error, warning, notice }

        package var level: Level
        package var title: String
        package var message: String
        /// The file the annotation is about (a recording), when there is one.
        package var file: String?

        package init(level: Level, title: String, message: String, file: String? = nil) {
            self.level = level
            self.title = title
            self.message = message
            self.file = file
        }
    }

    package var annotations: [Annotation]

    package init(_ annotations: [Annotation]) { self.annotations = annotations }

    package func render() -> String {
        annotations.map { annotation in
            let properties = (annotation.file.map { ["file=" + Self.property($0)] } ?? []) + ["title=" + Self.property(annotation.title)]
            return "::\(annotation.level.rawValue) " + properties.joined(separator: ",") + "::" + Self.message(annotation.message) + "\n"
        }.joined()
    }

    /// Escapes a workflow command's message: `%`, carriage returns and newlines.
    package static func message(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a workflow command's property value: the message escapes, and `:` and `,`.
    package static func property(_ text: String) -> String {
        message(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
