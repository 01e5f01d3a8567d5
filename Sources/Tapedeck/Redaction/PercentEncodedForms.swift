import Foundation

/// The ways a value can appear percent-encoded in a recorded URL or form body:
/// every character but letters and digits encoded, or (as RFC 3986 encoders and
/// `URLComponents` do) only what is not unreserved (`A-Z a-z 0-9 - . _ ~`).
/// Excludes the value itself and repeats.
enum PercentEncodedForms {
    private static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    static func of(_ value: String) -> [String] {
        var forms: [String] = []
        for allowed in [CharacterSet.alphanumerics, unreserved] {
            if let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed), encoded != value, !forms.contains(encoded) {
                forms.append(encoded)
            }
        }
        return forms
    }
}
