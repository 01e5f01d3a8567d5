/// Headers that carry a credential without a credential's name: the token of an
/// authentication challenge (`WWW-Authenticate: Negotiate <token>`, the server's
/// half of a SPNEGO or NTLM exchange; a challenge's parameters, `realm` and
/// `error`, stay), and a header that a set of sibling headers makes part of a
/// credential (devise_token_auth signs a user in with `access-token`, `client`
/// and `uid` together: its `client` is a session key only beside the other two).
enum HeaderCredentials {
    /// Challenge headers, folded.
    static let challenges: Set<String> = ["wwwauthenticate", "proxyauthenticate"]

    /// The headers a message's sibling headers make credentials, folded.
    static func credentialSiblings(in headers: HeaderFields) -> Set<String> {
        var found: Set<String> = []
        for set in siblingSets where headers[set.credential] != nil && set.beside.allSatisfy({ headers[$0] != nil }) {
            found.insert(CredentialCatalogue.fold(set.credential))
        }
        return found
    }

    /// Header sets in which one member is a credential beside the others.
    private static let siblingSets: [(beside: [String], credential: String)] = [
        (["access-token", "uid"], "client")
    ]

    /// A challenge header's value with the token after each scheme replaced by
    /// `replacement(scheme, token)`: `Negotiate oYGB…`, `NTLM TlRMTVNT…`; a
    /// challenge of parameters (`Bearer realm="api", error="invalid_token"`) stays.
    static func replacingChallengeTokens(in value: String, _ replacement: (String, String) -> String) -> String {
        value.split(separator: ",", omittingEmptySubsequences: false).map { challenge -> String in
            let trimmed = challenge.trimmingSpaces
            guard let space = trimmed.firstIndex(of: " ") else { return String(challenge) }
            let token = trimmed[trimmed.index(after: space)...].trimmingSpaces
            let body = token.utf8.prefix { $0 != UInt8(ascii: "=") }
            guard token.utf8.count >= 16, body.allSatisfy(token68.contains), token.utf8.dropFirst(body.count).allSatisfy({ $0 == UInt8(ascii: "=") })
            else { return String(challenge) }
            let leading = challenge.prefix { $0 == " " }
            return leading + trimmed[..<space] + " " + replacement(String(trimmed[..<space]), String(token))
        }.joined(separator: ",")
    }

    /// The characters of an RFC 9110 `token68`, its trailing `=` aside.
    private static let token68 = ByteSet("A-Za-z0-9._~+/-")
}
