public import Foundation
public import Tapedeck
import TapedeckProviders

/// Reads a recording for checking. Cassettes and HAR files are told apart by
/// content: a HAR document is an object with `log.entries`.
public enum RecordingLoader {
    /// Loads the cassette (or HAR file) at `url`.
    /// - Throws: `InputError` when the file cannot be read, is not JSON, or is neither format.
    public static func load(contentsOf url: URL) throws(InputError) -> Cassette {
        try load(InputError.read(url, expecting: "a readable recording"), file: url.path)
    }

    /// Loads a recording from its bytes; `file` names it in errors.
    public static func load(_ data: Data, file: String) throws(InputError) -> Cassette {
        let document: JSONValue
        do {
            // As HAR files may start with a byte-order mark.
            document = try HARImporter.document(data, file: file)
        } catch {
            var located = error
            located.hint = "Pass a Tapedeck cassette or a HAR file"
            throw located
        }
        // Decoded from the one parse: a recording's tree is several times its size, and two at once were the peak of checking a large one.
        if document["log"] != nil {
            return try HARImporter(redactor: ProfileCatalogue.standardRedactor).importing(document: document, file: file).cassette
        }
        return try Cassette(jsonValue: document, file: file)
    }
}
