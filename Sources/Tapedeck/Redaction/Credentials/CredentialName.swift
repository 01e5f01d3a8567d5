import Foundation

/// A name read as words, the way people build names: `MasterUserPassword`,
/// `DB_PASSWORD`, `user[password]`, `client-key-data`, `tls.key`,
/// `__Secure-next-auth.session-token` are all split (camelCase, `_`, `-`, `.`,
/// brackets, spaces, any other punctuation) into lower-case words, and the
/// words decide: a name *names a credential* when a credential word or compound
/// (`password`, `token`, `secret`, `api key`, `client key`…) is in it, and what
/// comes after it does not make it bookkeeping about one (`token_type`,
/// `secretName`, `passwordLastUsed`), nor does a paging word come right before
/// it (`nextToken`, `nextPageToken`). The words are a class, not a list of names.
enum CredentialName {
    /// The words of a URL's path (its query and fragment aside): what a request does, as its path says it.
    static func pathWords(of url: String) -> [String] {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...].drop { $0 != "/" } }
        return words(rest.prefix { $0 != "?" && $0 != "#" })
    }

    /// The name's words, lower-cased: `XMLHttpRequest` → `xml`, `http`, `request`.
    static func words(_ name: some StringProtocol) -> [String] {
        // Every name of every exchange is split: ASCII names, nearly all of them, are split by their bytes.
        name.utf8.allSatisfy { $0 < 0x80 } ? asciiWords(name.utf8) : characterWords(name)
    }

    /// `words` of an ASCII name, byte by byte: the same rules as `characterWords`.
    static func asciiWords(_ name: some Collection<UInt8>) -> [String] {
        func isUpper(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
        func isLower(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        let bytes = Array(name)
        var words: [String] = []
        var start = 0
        var count = 0
        func flush() {
            if count > 0 { words.append(String(decoding: bytes[start..<(start + count)].map { isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)) }
            count = 0
        }
        for (index, byte) in bytes.enumerated() {
            guard isUpper(byte) || isLower(byte) || isDigit(byte) else {
                flush()
                continue
            }
            if count > 0 {
                let last = bytes[index - 1]
                let next = index + 1 < bytes.count ? bytes[index + 1] : nil
                if isUpper(byte), isLower(last) || isDigit(last) || (isUpper(last) && next.map(isLower) == true) { flush() }
            }
            if count == 0 { start = index }
            count += 1
        }
        flush()
        return words
    }

    /// `words` of any name, by its characters.
    static func characterWords(_ name: some StringProtocol) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        func flush() {
            if !current.isEmpty { words.append(String(current).lowercased()) }
            current = []
        }
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                flush()
                continue
            }
            if let last = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // `fooBar` splits before `B`; `XMLHttp` splits before `H` (an upper-case run ends where a lower-case word starts).
                if character.isUppercase, last.isLowercase || last.isNumber || (last.isUppercase && next?.isLowercase == true) { flush() }
            }
            current.append(character)
        }
        flush()
        return words
    }

    /// Whether `name` names a credential: its value is a secret whatever it looks like.
    static func namesCredential(_ name: some StringProtocol) -> Bool {
        let words = words(name)
        guard let last = words.indices.last(where: { isCredentialWord(words, at: $0) }) else { return false }
        let after = words[(last + 1)...]
        // `session_id` is the session itself; `key_id`, `token_type` and `secret_name` only talk about one.
        if let first = after.first, itself[words[last]]?.contains(first) == true { return after.count == 1 }
        // `X-Shopify-Hmac-Sha256`, `signature_sha256`: a keyed digest named with its algorithm is the signature itself.
        if signingWords.contains(words[last]), !after.isEmpty, after.allSatisfy(algorithmWords.contains) { return true }
        if after.contains(where: { bookkeeping.contains($0) }) { return false }
        if last > 0, paging.contains(words[last - 1]) { return false }
        // `reset_password` is a step, `forgot_password` a link, but what a reset issues is a secret (`reset_code`, `reset_password_token`).
        let issued = issuedByReset.contains(words[last])
        return !words[..<last].contains { bookkeepingBefore.contains($0) && !(issued && resetWords.contains($0)) }
    }

    private static let resetWords: Set<String> = ["reset", "forgot", "forgotten"]
    private static let issuedByReset: Set<String> = ["code", "codes", "token", "key", "otp", "pin"]

    /// Whether a word of `name` talks about a value rather than being one (`created_at`, `name`, `expires`).
    static func talksAbout(_ name: some StringProtocol) -> Bool {
        words(name).contains { bookkeeping.contains($0) }
    }

    /// Whether the last word of `name` (a count after it aside) is a key or a
    /// signature: `local_key`, `nwkSEncKey`, `X-ClickHouse-Key`, `temp_url_sig`.
    /// Such a name holds a credential when its value is a random token.
    static func endsInKeyWord(_ name: some StringProtocol) -> Bool {
        let words = words(name)
        guard let last = words.last, !words.contains(where: { publicKeyQualifiers.contains($0) }) else { return false }
        return keyWords.contains(uncounted(last))
    }

    /// `word` without the number that counts it (`pass1` → `pass`, `key2` → `key`).
    private static func uncounted(_ word: String) -> String {
        String(word.reversed().drop { $0.isNumber }.reversed())
    }

    private static let keyWords: Set<String> = ["key", "keys", "sig", "sign", "signature", "hmac", "mac"]
    /// Qualifiers of a key that is no secret: a public key, a lookup's or a store's key.
    private static let publicKeyQualifiers: Set<String> = [
        "public", "publickey", "pub", "cache", "object", "file", "idempotency", "partition", "sort", "foreign", "row", "dedup", "dedupe",
        "lookup", "group", "shard", "sharding", "composite", "unique", "index", "hash", "map", "translation", "i18n",
    ]

    /// Whether a request's URL names a credential in its path or its `Action`
    /// (`/v1/keys`, `/listKeys`, `/oauth/token`, `/secrets/…`, `Action=AssumeRole`):
    /// the answer then issues credentials, and its generic members are suspect.
    static func pathIssuesCredentials(_ url: String) -> Bool {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...].drop { $0 != "/" } }
        let pathEnd = rest.firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex
        var text = String(rest[..<pathEnd])
        if pathEnd < rest.endIndex {
            for (name, value) in FormFields.pairs(rest[rest.index(after: pathEnd)...]) where name.lowercased() == "action" { text += "/" + value }
        }
        return issues(words(text))
    }

    /// Whether a JSON-RPC request body calls a method that names a credential or a
    /// sign-in (`user.login`, `auth.getToken`, `session.create`):
    /// the answer then issues one, and the call's positional parameters carry one.
    static func callIssuesCredentials(_ body: JSONValue?) -> Bool {
        guard let method = body?["method"]?.stringValue, body?["params"] != nil || body?["args"] != nil else { return false }
        return methodIssuesCredentials(method)
    }

    /// Whether a remote procedure's name names a sign-in or a credential (`user.login`,
    /// `auth.getToken`), or a credential it takes (`walletpassphrase`, `personal_unlockAccount`).
    static func methodIssuesCredentials(_ method: some StringProtocol) -> Bool {
        issues(words(method)) || namesCredential(method)
    }

    /// Whether `words` hold an issuing word, alone or split in two (`signIn`, `logIn`).
    private static func issues(_ words: [String]) -> Bool {
        words.contains { issuingWords.contains($0) } || zip(words, words.dropFirst()).contains { issuingWords.contains($0 + $1) }
    }

    private static let issuingWords: Set<String> = [
        "key", "keys", "accesskey", "accesskeys", "apikey", "apikeys", "token", "tokens", "secret", "secrets", "credential",
        "credentials", "kubeconfig", "auth", "oauth", "oauth2", "sts", "assume", "login", "signin", "session", "sessions", "password", "unlock",
        "passwords", "dockercfg",
    ]

    /// Whether the word at `index` is a credential word, alone or with the word before it (`api key`, `tls key`).
    private static func isCredentialWord(_ words: [String], at index: Int) -> Bool {
        // `pass1`, `password2`, `AuthenticationCode1`: a number after the word counts the credential.
        let word = uncounted(words[index])
        guard !word.isEmpty else { return false }
        if credentialWords.contains(word) { return true }
        // `pass_phrase`, `passCode`, `pass-word`: a credential word written as two.
        if index > 0, credentialWords.contains(words[index - 1] + word) { return true }
        // `security_answer`, `memorable_word`, `mothers_maiden_name`, `security_question_answer`:
        // what answers a security question, as two words (a `question` between them aside) or run together.
        if let firsts = secondWords[word], index > 0 {
            let before = words[index - 1] == "question" && index > 1 ? words[index - 2] : words[index - 1]
            if firsts.contains(before) { return true }
        }
        if word.count >= 10, secondWords.contains(where: { second, firsts in word.hasSuffix(second) && firsts.contains(String(word.dropLast(second.count))) }) {
            return true
        }
        // `PGPASSWORD`, `rootpassword`, `sshpass`, `DBPASS`: a qualifier run together with the word (`bypass` is no pass).
        if let suffix = runTogetherSuffixes.first(where: { word.count > $0.count + 1 && word.hasSuffix($0) }),
            !bookkeepingBefore.contains(String(word.dropLast(suffix.count))), suffix != "pass" || index == words.count - 1 && !passWords.contains(word)
        {
            return true
        }
        // `secretkey`, `apikeys`, `accesstoken`: words run together.
        if word.count > 5, isCompound(word, endingIn: credentialSuffixes, after: keyModifiers) { return true }
        // A code in another language, or with its qualifier after it (`codigo_verificacion`,
        // `code_de_vérification`, `doğrulama_kodu`), as well as before it (`recovery_codes`, `backupCode`).
        if codeWords.contains(word) {
            let before = words[..<index].last { !linkWords.contains($0) }
            let next = words[(index + 1)...].first { !linkWords.contains($0) }
            return before.map(codeModifiers.contains) == true || next.map(codeModifiers.contains) == true
        }
        if word.count > 6, isCompound(word, endingIn: ["code", "codes"], after: compoundCodeModifiers) { return true }
        // `api_key`, `login_ticket`: a key or a ticket that lets its holder in; not `status_code`, `country_code`, `support_ticket`.
        if let modifiers = qualifiedWords[word] { return index > 0 && modifiers.contains(words[index - 1]) }
        if word.count > 6, qualifiedWords.contains(where: { suffix, modifiers in isCompound(word, endingIn: [suffix], after: modifiers) }) { return true }
        // `smtp.pass`, `db_pass`, `card_pin`: short words that name a secret only as the name's last word
        // (`pass_rate`, `pin_to_top` do not).
        return finalWords.contains(word) && index == words.count - 1
    }

    /// Whether `word` is a modifier and a suffix run together (`secretkey`, `backupcodes`).
    private static func isCompound(_ word: String, endingIn suffixes: [String], after modifiers: Set<String>) -> Bool {
        suffixes.contains { word.hasSuffix($0) && modifiers.contains(String(word.dropLast($0.count))) }
    }

    /// Words beside which `code` names a secret, in the languages sign-in forms are written in.
    private static let codeModifiers: Set<String> = [
        "recovery", "backup", "mfa", "2fa", "otp", "totp", "verification", "verify", "pin", "security", "unlock", "access", "sms",
        "login", "onetime", "emergency", "scratch", "device", "authentication", "auth", "confirmation", "activation", "reset", "pairing",
        "enrollment", "enrolment", "registration", "pass", "signin",
        "verificación", "verificacion", "verificação", "verificacao", "verifica", "vérification", "confirmación", "confirmacion",
        "confirmação", "confirmacao", "conferma", "seguridad", "segurança", "seguranca", "sicurezza", "sécurité", "securite",
        "acceso", "accesso", "doğrulama", "dogrulama", "onay", "güvenlik", "guvenlik", "giriş", "giris", "weryfikacyjny",
        "weryfikacji", "potwierdzenia", "dostępu", "dostepu", "подтверждения", "проверки", "безопасности", "доступа", "ověřovací",
        "overovaci", "potvrzovací", "potvrzovaci", "verificatie", "bevestigings", "bevestiging", "beveiligings", "verifierings",
        "bekräftelse", "bekreftelse", "bekræftelse", "vahvistus", "tarkistus", "megerősítő", "ellenőrző",
        // Vietnamese (`mã_xác_thực`, `mã_xác_nhận`, `mã_bảo_mật`, `mã_otp`): the qualifier's first word.
        "xác", "xac", "bảo", "bao",
    ]
    /// Words after which `ticket` names a secret: a sign-in's ticket (Auth0's `login_ticket`, CAS's
    /// service and proxy-granting tickets, Kerberos'), not a support desk's.
    private static let ticketModifiers: Set<String> = [
        "login", "logon", "auth", "authentication", "service", "proxy", "granting", "session", "sso", "access", "kerberos", "onetime",
    ]
    /// Words that name a credential only after one of their modifiers (a code's are read above, in any language).
    private static let qualifiedWords: [String: Set<String>] = [
        "key": keyModifiers, "keys": keyModifiers, "ticket": ticketModifiers, "tickets": ticketModifiers,
    ]
    /// Words that, right after a credential word, name the credential itself rather than
    /// something about it: a session's id is the session; Braintree's
    /// `authorizationFingerprint` is the authorization.
    private static let itself: [String: Set<String>] = [
        "session": ["id"], "sess": ["id"], "authorization": ["fingerprint"], "auth": ["fingerprint"],
    ]
    /// Qualifiers that run together with `code`: those above, and German and Dutch ones (`Bestätigungscode`, `verificatiecode`).
    private static let compoundCodeModifiers = codeModifiers.union([
        "bestätigungs", "bestaetigungs", "sicherheits", "verifizierungs", "einmal", "anmelde", "zugangs", "freischalt", "authentifizierungs",
        "verificatie", "bevestigings", "beveiligings", "toegangs", "eenmalige",
    ])
    /// Words for a code in the languages sign-in forms are written in.
    private static let codeWords: Set<String> = [
        "code", "codes", "codigo", "código", "codice", "kod", "kodu", "kode", "koodi", "kód", "kods", "kodas", "код", "코드", "mã", "ma",
    ]
    /// Words that link a code to its qualifier (`código de verificación`).
    private static let linkWords: Set<String> = ["de", "di", "da", "do", "du", "of", "para", "per"]
    /// Words that name a credential after the word before them (`security answer`), or run together with it (`maidenname`).
    private static let secondWords: [String: Set<String>] = [
        "answer": ["security", "secret", "recovery", "challenge", "verification"], "answers": ["security", "secret", "recovery", "challenge"],
        "word": ["memorable", "secret"], "information": ["memorable"], "info": ["memorable"], "phrase": ["memorable", "secret"],
        "name": ["maiden"],
        // Agora's App Certificate signs its tokens; PayU's API login goes with its API key.
        "certificate": ["app"], "login": ["api"],
    ]
    /// Credential words that name a keyed digest, and the words that only name its algorithm.
    private static let signingWords: Set<String> = ["hmac", "signature"]
    private static let algorithmWords: Set<String> = ["sha", "sha1", "sha256", "sha384", "sha512", "md5", "256", "512", "base64", "hex"]
    /// Words that name a credential only at the end of a name (`motDePasse`).
    private static let finalWords: Set<String> = ["pass", "pin", "passe"]
    /// Credential words that end longer words run together.
    private static let runTogetherSuffixes = ["password", "passwd", "passphrase", "secret", "pwd", "pass"]
    /// English words that end in `pass` and name no password.
    private static let passWords: Set<String> = ["bypass", "compass", "surpass", "trespass", "overpass", "underpass", "impass", "boardingpass"]

    /// Words that name a credential on their own.
    private static let credentialWords: Set<String> = [
        "password", "passwords", "passwd", "pwd", "passphrase", "passcode", "secret", "secrets", "token", "tokens", "credential",
        "credentials", "creds", "apikey", "apikeys", "accesskey", "secretkey", "privatekey", "signature", "jwt", "bearer",
        "auth", "authorization", "cookie", "session", "sessionid", "sessid", "jsessionid", "phpsessid", "csrf", "xsrf",
        "csrftoken", "xsrftoken", "otp", "totp", "hmac", "kubeconfig", "dockercfg", "dockerconfigjson", "sastoken", "sas", "pat",
        "pw", "psk", "mnemonic", "seedphrase", "recoveryphrase", "secretphrase", "clave",
        // A payment card's security code.
        "cvc", "cvv", "cvc2", "cvv2",
        // One-time codes, where a language writes them as one word.
        "验证码", "驗證碼", "校验码", "動態密碼", "认证码", "認証コード", "確認コード", "ワンタイムパスワード", "인증번호",
        "인증코드", "확인코드",
        // Password in the languages sign-in forms are written in.
        "passwort", "kennwort", "wachtwoord", "senha", "contraseña", "contrasena", "motdepasse", "parola", "haslo", "hasło", "heslo",
        "geslo", "lozinka", "jelszo", "jelszó", "salasana", "losenord", "lösenord", "passord", "adgangskode", "sifre", "şifre",
        "katasandi", "пароль", "парола", "密码", "密碼", "口令", "パスワード", "비밀번호", "סיסמה", "كلمةالمرور",
        "كلمةالسر", "mậtkhẩu", "matkhau", "κωδικός", "κωδικοσ", "συνθηματικό", "पासवर्ड", "รหัสผ่าน",
        // One-time codes, written as one word.
        "engångskod", "engangskode", "ओटीपी",
    ]

    /// Words after which `key` (or run together: `secretkey`) names a credential.
    private static let keyModifiers: Set<String> = [
        "api", "access", "secret", "private", "client", "account", "master", "signing", "sign", "encryption", "auth", "license",
        "licence", "subscription", "primary", "secondary", "app", "application", "service", "shared", "ssh", "tls", "ssl",
        "registry", "storage", "admin", "root", "consumer", "webhook", "host", "function", "write", "read", "deploy", "personal",
        "integration", "management", "partner", "ingest", "ingestion", "server", "user", "session", "security", "sdk",
        "publishable", "restricted", "live", "test", "mac", "hmac", "crypt", "decryption", "gpg", "pgp", "rsa", "ecdsa",
        "ed25519", "refresh", "bot", "oauth", "bearer", "cluster", "node", "agent", "router", "relay", "project", "org", "team",
        "workspace", "tenant", "customer", "local", "derived", "certificate", "unseal", "recovery", "wallet", "network", "stream",
        "share", "wep", "merchant",
    ]
    private static let credentialSuffixes = ["key", "keys", "token", "tokens", "secret", "secrets"]

    /// Words after the credential word that make the name talk *about* a credential.
    private static let bookkeeping: Set<String> = [
        "id", "ids", "type", "types", "name", "names", "kind", "status", "state", "expires", "expire", "expiry", "expiration",
        "expired", "ttl", "lifetime", "duration", "timeout", "age", "time", "date", "at", "created", "updated", "issued", "last",
        "used", "url", "uri", "endpoint", "path", "file", "location", "count", "length", "len", "size", "min", "max", "limit",
        "limits", "version", "method", "methods", "mode", "scope", "scopes", "hint", "prefix", "suffix", "policy",
        "policies", "required", "enabled", "disabled", "format", "algorithm", "alg", "fingerprint", "usage", "ref", "arn",
        "provider", "domain", "realm", "issuer", "level", "flow", "strategy", "reset", "change", "changed", "rotation",
        "rotated", "param", "parameter", "field", "label", "description", "title", "index", "number", "num", "total",
        "remaining", "valid", "validity", "present", "set", "exists", "mask", "masked", "redacted", "strength", "rule", "rules",
        "server", "host", "port", "user", "username", "email", "owner", "audience", "subject", "request", "requests", "response",
        "error", "errors", "message", "info", "metadata", "config", "options", "settings", "support", "supported", "lock",
        "locked", "start", "end", "window", "source", "tag", "tags", "selector", "scheme", "schemes", "md5", "sha1", "sha256", "checksum",
        "timestamp",
    ]
    /// Paging words that, right before the credential word, make it a page token.
    private static let paging: Set<String> = ["next", "page", "continuation", "cursor", "marker", "sync", "resume", "prev", "previous"]
    /// Words that, anywhere before the credential word, make it a count, a limit or a flag (`max_tokens`, `has_password`).
    private static let bookkeepingBefore: Set<String> = [
        "max", "min", "total", "prompt", "completion", "input", "output", "cached", "reasoning", "num", "remaining", "used", "count",
        "estimated", "has", "is", "no", "without", "forgot", "forgotten", "reset", "show", "hide", "require", "requires",
    ]
}
