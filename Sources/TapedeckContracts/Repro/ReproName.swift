public import Tapedeck

/// The name a reproduction is stored under: `Scenarios/<name>.yaml` and
/// `Cassettes/<provider>/<name>.json`. Letters, digits, `.`, `-` and `_`,
/// starting with a letter or digit, so it can never leave those folders.
public struct ReproName: Sendable, Equatable, CustomStringConvertible {
    /// The validated name.
    public let rawValue: String

    public var description: String { rawValue }

    /// Validates a name given with `option`.
    /// - Throws: `InputError` naming `option` when the name is empty, too long, or has a
    ///   character that could change folders (`/`, `..`, a leading `.`).
    public init(_ text: String, option: String = "--name") throws(InputError) {
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber, text.count <= 100,
            text.allSatisfy(Self.isAllowed), !text.contains("..")
        else {
            throw InputError(
                file: option,
                expected: "a name of at most 100 letters, digits, '.', '-' or '_', starting with a letter or digit "
                    + "(it becomes Scenarios/NAME.yaml and Cassettes/PROVIDER/NAME.json)",
                found: "\"\(text)\"")
        }
        rawValue = text
    }

    /// A name made from a report's file name: `Bug report #12.har` becomes `bug-report-12`.
    public init(derivedFrom fileName: String) {
        var stem = fileName.split(separator: "/").last ?? ""
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = stem[..<dot] }
        var name = ""
        for character in stem.lowercased().prefix(100) {
            if character.isASCII, character.isLetter || character.isNumber || (character == "_" && !name.isEmpty) {
                name.append(character)
            } else if !name.isEmpty, name.last != "-" {
                name.append("-")
            }
        }
        while name.last == "-" { name.removeLast() }
        rawValue = name.isEmpty ? "repro" : name
    }

    private static func isAllowed(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character))
    }
}
