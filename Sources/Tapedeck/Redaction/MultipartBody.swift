import Foundation

/// A `multipart/…` body read part by part: each part's headers and content,
/// the content replaced in place (delimiters and headers stay as they were).
enum MultipartBody {
    /// `text` with each part's content replaced by `transform(headers, content)`.
    static func replacingParts(in text: String, boundary: String, _ transform: (HeaderFields, String) -> String) -> String {
        let delimiter = "--" + boundary
        var pieces = text.components(separatedBy: delimiter)
        guard pieces.count > 2 else { return text }
        for index in 1..<(pieces.count - 1) {
            let piece = pieces[index]
            let lineBreak = piece.hasPrefix("\r\n") ? "\r\n" : "\n"
            guard let split = piece.range(of: lineBreak + lineBreak), piece.hasSuffix(lineBreak) else { continue }
            var headers = HeaderFields()
            for line in piece[..<split.lowerBound].components(separatedBy: lineBreak) {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append(
                    name: String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                    value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            }
            let content = String(piece[split.upperBound...].dropLast(lineBreak.count))
            let replaced = transform(headers, content)
            if replaced != content { pieces[index] = String(piece[..<split.upperBound]) + replaced + lineBreak }
        }
        return pieces.joined(separator: delimiter)
    }

    /// The boundary of text that reads as multipart though no `Content-Type` says so
    /// (a HAR whose request lost the header): a first line `--boundary`, the same
    /// delimiter again later, and a part header.
    static func boundary(byLookOf text: String) -> String? {
        guard text.hasPrefix("--"), let lineEnd = text.firstIndex(where: \.isNewline) else { return nil }
        let boundary = text[text.index(text.startIndex, offsetBy: 2)..<lineEnd]
        guard (1...70).contains(boundary.count), !boundary.contains(" "), text[lineEnd...].contains("--" + boundary),
            text.range(of: "Content-Disposition", options: .caseInsensitive) != nil
        else { return nil }
        return String(boundary)
    }

    /// The field name a part's `Content-Disposition` gives (`form-data; name="password"`).
    static func fieldName(_ headers: HeaderFields) -> String? {
        MediaType(headers["Content-Disposition"]).parameters["name"]
    }
}
