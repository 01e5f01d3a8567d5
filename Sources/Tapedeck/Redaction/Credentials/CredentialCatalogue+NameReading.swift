import Synchronization

extension CredentialCatalogue {
    /// What a name says about the value under it, whatever the catalogue: read
    /// once per distinct name. Names repeat across an answer's members, its
    /// pages and a recording's exchanges, and reading one means folding it and
    /// splitting it into words.
    struct NameReading: Sendable {
        /// The name folded (`Client-Secret` → `clientsecret`), for the catalogue's list.
        let folded: String
        /// Its words name a credential (`DB_PASSWORD`, `newPassword`): the value is one, whatever its shape.
        let namesByWords: Bool
        /// It holds a credential word and no word of paging or bookkeeping (`my_api_token`): a random value is one.
        let looksLikeCredentialName: Bool
        /// Its last word is a key or a signature (`local_key`, `temp_url_sig`): a random token is one.
        let endsInKeyWord: Bool
        /// A word of it documents the value as public (an id, a digest, a cursor, a public key).
        let namesPublicValue: Bool

        /// The reading of `name`, from the memo when it was read before.
        static func of(_ name: some StringProtocol) -> NameReading {
            let key = String(name)
            if let known = memo.withLock({ $0[key] }) { return known }
            let folded = CredentialCatalogue.fold(key)
            let reading = NameReading(
                folded: folded,
                namesByWords: CredentialCatalogue.mayNameCredential(folded) && CredentialName.namesCredential(key),
                looksLikeCredentialName: CredentialCatalogue.looksLikeCredentialName(folded),
                endsInKeyWord: CredentialCatalogue.mayEndInKeyWord(folded) && CredentialName.endsInKeyWord(key),
                namesPublicValue: CredentialName.words(key).contains { CredentialCatalogue.publicValueWords.contains($0) })
            memo.withLock { memo in
                // Bounded: a recording of generated names (a map keyed by ids) starts the memo over rather than growing it.
                if memo.count >= memoLimit { memo.removeAll(keepingCapacity: true) }
                memo[key] = reading
            }
            return reading
        }

        private static let memo = Mutex<[String: NameReading]>([:])
        private static let memoLimit = 4096
    }
}
