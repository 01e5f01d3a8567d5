import Foundation

/// What Tapedeck knows a credential by, in one place: the names that carry one
/// (headers, query and form parameters, multipart fields, cookies, JSON and XML
/// names) and the shapes a credential value has wherever it appears. The
/// redactor, the secret scan and the pseudonymiser all read this catalogue, so
/// the three cannot disagree about what a secret is.
///
/// Names are compared folded: letter case and the separators `-`, `_`, `.` and
/// space do not count, so `clientSecret`, `client_secret` and `Client-Secret`
/// are one name.
public struct CredentialCatalogue: Sendable {
    /// Where a name is read.
    public enum Place: Sendable, Hashable {
        /// A header, a query or form parameter, a multipart field.
        case parameter
        /// A member of a JSON document or an element or attribute of an XML one.
        case document
    }

    /// One credential name and where it counts.
    public struct Name: Sendable, Hashable {
        /// The name as the catalogue lists it (`client_secret`).
        public var name: String
        /// Where it counts: `nil` everywhere; `key` or `signature` count only as
        /// parameters, since in a JSON body they are too often not a secret.
        public var only: Place?

        /// A name that counts everywhere, or `only` at one place.
        public init(_ name: String, only: Place? = nil) {
            self.name = name
            self.only = only
        }
    }

    /// The credential names.
    public private(set) var names: [Name]
    /// The credential shapes.
    public let shapes: [CredentialShape]
    /// Whether names are also read as words, pairs and answers that issue
    /// credentials read as such, and generated values found under any name
    /// (`standard` does); a catalogue made of names and shapes only knows those.
    public var readsByDesign: Bool
    private var folded: [String: Name]
    /// The shapes and prefixes that may start at a byte, by the byte: a text is read once for all shapes.
    /// Flat, so that reading a byte's list costs no reference count: byte `b`'s
    /// entries are `starters[starts[b]..<starts[b + 1]]`. An entry keeps its prefix's
    /// second byte (-1 for a one-byte prefix): most starts fail there, before the shape is asked.
    private let starters: [(shape: Int, prefix: Int, second: Int)]
    private let starts: [Int]

    /// A catalogue of exactly these names and shapes (`standard` is the one Tapedeck ships).
    public init(names: [Name], shapes: [CredentialShape], readsByDesign: Bool = false) {
        self.names = names
        self.shapes = shapes
        self.readsByDesign = readsByDesign
        var byByte = [[(shape: Int, prefix: Int, second: Int)]](repeating: [], count: 256)
        for (shape, entry) in shapes.enumerated() {
            for (prefix, text) in entry.prefixes.enumerated() {
                let bytes = Array(text.utf8)
                guard let first = bytes.first else { continue }
                byByte[Int(first)].append((shape, prefix, bytes.count > 1 ? Int(bytes[1]) : -1))
            }
        }
        starters = byByte.flatMap { $0 }
        starts = byByte.reduce(into: [0]) { starts, entries in starts.append(starts.last! + entries.count) }
        folded = Dictionary(names.map { (Self.fold($0.name), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The same catalogue with `extra` names added (a rules file's headers, parameters and JSON keys).
    public func adding(_ extra: [String], only place: Place?) -> CredentialCatalogue {
        var copy = self
        for name in extra {
            let key = Self.fold(name)
            if let known = copy.folded[key], known.only == nil || known.only == place { continue }
            let entry = Name(name, only: copy.folded[key] == nil ? place : nil)
            copy.names.removeAll { Self.fold($0.name) == key }
            copy.names.append(entry)
            copy.folded[key] = entry
        }
        return copy
    }

    /// The same catalogue with `extra` shapes added after its own (a rules file's or a
    /// provider profile's token formats); one it knows already is not added twice.
    public func adding(shapes extra: [CredentialShape]) -> CredentialCatalogue {
        var shapes = self.shapes
        for shape in extra where !shapes.contains(shape) { shapes.append(shape) }
        guard shapes.count > self.shapes.count else { return self }
        return CredentialCatalogue(names: names, shapes: shapes, readsByDesign: readsByDesign)
    }

    /// `name` without letter case and separators: `Client-Secret` → `clientsecret`.
    public static func fold(_ name: some StringProtocol) -> String {
        let utf8 = name.utf8
        func isSeparator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ")
        }
        func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
        // Every member of every body is folded: most names are folded already, and the rest are built on the stack.
        if !utf8.contains(where: { $0 >= 0x80 || isUpper($0) || isSeparator($0) }) { return String(name) }
        if utf8.contains(where: { $0 >= 0x80 }) { return String(name).lowercased().filter { !"-_. ".contains($0) } }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { buffer in
            var count = 0
            for byte in utf8 where !isSeparator(byte) {
                buffer[count] = isUpper(byte) ? byte | 0x20 : byte
                count += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// Whether a value under `name`, read at `place`, is a credential: the name
    /// is listed, or it looks like a credential's name (`my_api_token`,
    /// `X-Custom-Secret`) and the value looks random.
    public func isCredential(name: some StringProtocol, value: some StringProtocol, at place: Place) -> Bool {
        let reading = NameReading.of(name)
        if let entry = folded[reading.folded] { return entry.only.map { $0 == place } ?? true }
        if readsByDesign, reading.namesByWords { return Self.isSecretValue(value) }
        // `pgtId=PGT-…`: a ticket is a credential whatever its name says.
        if readsByDesign, Self.isTicket(value) { return true }
        guard value.utf8.count >= Self.generatedLength else { return false }
        // `local_key`, `appSKey`, `temp_url_sig`, `CB-ACCESS-SIGN`: a random token under a key or a signature, whatever qualifies it.
        let named = reading.looksLikeCredentialName || readsByDesign && reading.endsInKeyWord && !value.utf8.contains(UInt8(ascii: "."))
        return named && Self.looksRandom(value)
    }

    /// Whether `name` is listed or names a credential by its words, whatever the value.
    func namesCredential(_ name: some StringProtocol, at place: Place) -> Bool {
        let reading = NameReading.of(name)
        if let entry = folded[reading.folded] { return entry.only.map { $0 == place } ?? true }
        return readsByDesign && reading.namesByWords
    }

    /// A value that can be a secret: not empty, not a placeholder, not a flag or a
    /// null, not a public key (an SSH public key line, a PEM public key or certificate).
    static func isSecretValue(_ value: some StringProtocol) -> Bool {
        let trimmed = value.trimmingSpaces
        guard !trimmed.isEmpty, !Placeholder.isWhole(trimmed), !publicKeyPrefixes.contains(where: { trimmed.utf8.starts(with: $0) }) else {
            return false
        }
        return !["true", "false", "null", "none", "nil", "undefined", "yes", "no", "on", "off"].contains(trimmed.lowercased())
    }

    /// How public keys start: OpenSSH's `authorized_keys` lines (`ssh-ed25519 AAAA…`,
    /// `ecdsa-sha2-nistp256 AAAA…`, `sk-ssh-ed25519@openssh.com AAAA…`), PEM public keys and certificates.
    private static let publicKeyPrefixes = [
        "ssh-rsa AAAA", "ssh-ed25519 AAAA", "ssh-dss AAAA", "ecdsa-sha2-nistp256 AAAA", "ecdsa-sha2-nistp384 AAAA", "ecdsa-sha2-nistp521 AAAA",
        "sk-ssh-ed25519@openssh.com AAAA", "sk-ecdsa-sha2-nistp256@openssh.com AAAA", "-----BEGIN PUBLIC KEY-----", "-----BEGIN RSA PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----", "---- BEGIN SSH2 PUBLIC KEY ----",
    ].map { Array($0.utf8) }

    /// A quick look before splitting a name into words: only names holding one of these can name a credential.
    static func mayNameCredential(_ folded: String) -> Bool {
        var folded = folded
        return folded.withUTF8 { name in
            // Most names are ASCII: the roots in other scripts are only looked for in names that have bytes beyond it.
            let roots = name.contains(where: { $0 >= 0x80 }) ? credentialRoots : asciiCredentialRoots
            return roots.contains { ByteSearch.find($0, in: name) != nil }
        }
    }

    /// Whether a folded name can end in a key or a signature word (a count after it aside), before its words are read.
    static func mayEndInKeyWord(_ folded: String) -> Bool {
        let trimmed = folded.utf8.reversed().drop { (0x30...0x39).contains($0) }
        return ["yek", "syek", "gis", "ngis", "erutangis", "camh", "cam"].contains { trimmed.starts(with: $0.utf8) }
    }

    private static let credentialRoots = [
        "pass", "pwd", "secret", "token", "key", "ticket", "cred", "auth", "sig", "jwt", "bearer", "cookie", "sess", "csrf", "xsrf", "otp", "hmac",
        "kubeconfig", "dockercfg", "dockerconfig", "sas", "pat", "pin", "code", "pw", "psk", "mnemonic", "wort", "woord", "senha",
        "contras", "motdepasse", "parol", "hasl", "hasł", "heslo", "geslo", "lozink", "jelsz", "salasan", "senord", "adgangskode",
        "sifre", "şifre", "katasandi", "пароль", "парола", "密码", "密碼", "口令", "パスワード", "비밀번호", "סיסמה", "كلمةالمرور",
        "phrase", "clave", "cvc", "cvv", "kod", "codi", "códi", "код", "코드", "码", "碼", "コード", "인증", "answer", "memorable", "maiden", "كلمةالسر", "mậtkhẩu",
        "matkhau", "κωδικ", "συνθηματικ", "पासवर्ड", "รหัสผ่าน", "ओटीपी", "mãxác", "mãbảo", "maxac", "mabao", "appcertificate", "apilogin",
    ].map { Array($0.utf8) }
    private static let asciiCredentialRoots = credentialRoots.filter { $0.allSatisfy { $0 < 0x80 } }

    /// Whether `name` is listed (at `place`), whatever its value.
    public func lists(_ name: some StringProtocol, at place: Place) -> Bool {
        guard let entry = folded[NameReading.of(name).folded] else { return false }
        return entry.only.map { $0 == place } ?? true
    }

    /// A folded name holding a credential word, and none of the words of paging and bookkeeping.
    static func looksLikeCredentialName(_ folded: String) -> Bool {
        var folded = folded
        return folded.withUTF8 { name in
            credentialWords.contains { ByteSearch.find($0, in: name) != nil } && !bookkeepingWords.contains { ByteSearch.find($0, in: name) != nil }
        }
    }

    private static let credentialWords = [
        "secret", "password", "passwd", "token", "apikey", "accesskey", "privatekey", "credential", "signature", "auth", "session",
    ].map { Array($0.utf8) }
    private static let bookkeepingWords = [
        "page", "next", "cursor", "marker", "continuation", "type", "expire", "expiry", "ttl", "url", "uri", "count", "method", "scope",
        "hint", "name", "status", "time", "date", "length", "version", "author",
    ].map { Array($0.utf8) }

    /// How long a generated value is at least.
    private static let generatedLength = 16

    /// Whether `value` looks like a generated secret rather than a word: 16
    /// characters or more, no space, letters and digits mixed (or letters of both
    /// cases as mixed as chance mixes them), and at least 3 bits of entropy per character.
    static func looksRandom(_ value: some StringProtocol) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count >= generatedLength, !bytes.contains(UInt8(ascii: " ")), !Placeholder.isWhole(String(value)) else { return false }
        let hasDigit = bytes.contains { (0x30...0x39).contains($0) }
        let uppers = bytes.count { (0x41...0x5A).contains($0) }
        let lowers = bytes.count { (0x61...0x7A).contains($0) }
        // Letters and digits; or, without a digit, cases as mixed as chance mixes them (`WjdcZJLcrJeugEbUi`, not `getAccountSettings`).
        guard hasDigit && uppers + lowers > 0 || uppers * 4 >= bytes.count && lowers * 4 >= bytes.count else { return false }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        let entropy = counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
        return entropy >= 3
    }

    /// The catalogue Tapedeck ships: the big clouds' and the common APIs' credentials. The
    /// names and shapes of the providers it has profiles for come with their profiles
    /// (`ProfileCatalogue.redactor` in TapedeckProviders adds them).
    public static let standard = CredentialCatalogue(
        names: [
            "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Auth-Token", "X-Subject-Token", "X-Security-Token",
            "X-Api-Key", "Api-Key", "X-Amz-Security-Token", "X-Amz-Signature", "X-Amz-Credential", "X-Goog-Api-Key",
            "Ocp-Apim-Subscription-Key", "password", "passwd", "secret", "client_secret", "access_token", "refresh_token", "id_token",
            "token", "auth_token", "oauth_token", "private_key", "secret_access_key", "secret_key", "access_key", "AccessKeyId",
            "SessionToken", "jwt",
        ].map { Name($0) } + ["key", "Signature", "sig"].map { Name($0, only: .parameter) },
        shapes: CredentialShape.vendorFormats, readsByDesign: true)
}

extension CredentialCatalogue {
    /// The first credential-shaped value in `bytes` at or after `start`: its shape and where it is.
    func firstShape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (shape: CredentialShape, range: Range<Int>)? {
        var position = start
        // Per shape, where its last failed run ended: a start before that is not tried again.
        // Most values fail no run at all, so the table is only made at the first failure.
        var failedUntil: [Int] = []
        while position < bytes.count {
            let byte = Int(bytes[position])
            for entry in starts[byte]..<starts[byte + 1] {
                let (shape, prefix, second) = starters[entry]
                guard second < 0 || position + 1 < bytes.count && Int(bytes[position + 1]) == second else { continue }
                guard failedUntil.isEmpty || failedUntil[shape] <= position else { continue }
                switch shapes[shape].match(in: bytes, at: position, prefix: prefix) {
                case .found(let range): return (shapes[shape], range)
                case .failed(let end):
                    if failedUntil.isEmpty { failedUntil = [Int](repeating: 0, count: shapes.count) }
                    failedUntil[shape] = end
                case .none: break
                }
            }
            position += 1
        }
        return nil
    }

    /// Whether a credential shape occurs in `value`.
    public func hasShape(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { firstShape(in: $0, from: 0) != nil }
    }

    /// The kinds of the credential shapes in `text` that are not placeholders already.
    public func shapeKinds(in text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var kinds: [String] = []
            var from = 0
            while let (shape, range) = firstShape(in: bytes, from: from) {
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                if !Placeholder.isWhole(value), !kinds.contains(shape.kind) { kinds.append(shape.kind) }
                from = range.upperBound
            }
            return kinds
        }
    }

    /// `text` with every value of a credential shape replaced by its placeholder.
    func redactShapes(in text: String, table: inout PlaceholderTable) -> String {
        var text = text
        let found = text.withUTF8 { bytes in
            var found: [(CredentialShape, Range<Int>, String)] = []
            var from = 0
            while let (shape, range) = firstShape(in: bytes, from: from) {
                found.append((shape, range, String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)))
                from = range.upperBound
            }
            return found
        }
        guard !found.isEmpty else { return text }
        // Numbered in the order they appear, replaced from the end so the ranges stay true.
        let placeholders = found.map { shape, _, secret in table.placeholder(for: secret, kind: shape.kind) }
        var bytes = Array(text.utf8)
        for (index, (_, range, _)) in found.enumerated().reversed() { bytes.replaceSubrange(range, with: Array(placeholders[index].utf8)) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
