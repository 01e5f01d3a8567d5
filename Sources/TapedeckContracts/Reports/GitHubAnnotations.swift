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

    /// Escapes a workflow command's message: `%`, carriage returns and newlines, so the
    /// command stays one line and the runner's unescaping gives the text back. Scalar by
    /// scalar: a `\r\n` is one `Character`, which a character search for `\n` would miss.
    package static func message(_ text: String) -> String {
        escape(text, also: [])
    }

    /// Escapes a workflow command's property value: the message escapes, and `:` and `,`.
    package static func property(_ text: String) -> String {
        escape(text, also: [":", ","])
    }

    private static func escape(_ text: String, also extra: Set<Unicode.Scalar>) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar == "%" || scalar == "\r" || scalar == "\n" || extra.contains(scalar) {
                escaped += "%" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
