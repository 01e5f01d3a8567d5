/// A request that sets a password (`PUT /users/me/password`, `POST /account/change-password`,
/// `/auth/passwd`) sends the old and the new one under plain words (`current`, `next`, `new`,
/// `old`, `confirm`) that name no credential anywhere else: in such a request they do.
enum PasswordChange {
    /// Whether a request to `url` sets a password: a word of its path names one.
    static func pathSetsPassword(_ url: String) -> Bool {
        CredentialName.pathWords(of: url).contains(where: passwordWords.contains)
    }

    /// Whether such a request sends a password as `value` under `name`: a plain word
    /// of the list, and a value that is no path, URL or flag (`next=/home` is where to go after).
    static func isPassword(_ value: String, name: String) -> Bool {
        fields.contains(CredentialCatalogue.NameReading.of(name).folded) && !value.isEmpty && value.utf8.count <= 256
            && value.utf8.first != UInt8(ascii: "/") && !value.contains("://") && value != "true" && value != "false"
    }

    /// Path words of a password, in the languages account pages are written in.
    private static let passwordWords: Set<String> = [
        "password", "passwords", "passwd", "passphrase", "pwd", "passwort", "wachtwoord", "senha", "contrasena", "contraseña", "parola",
        "haslo", "hasło", "пароль",
    ]
    /// Plain words the old and the new password are sent under.
    private static let fields: Set<String> = [
        "current", "new", "next", "old", "previous", "confirm", "confirmation", "confirmed", "repeat", "repeated", "again", "retype",
        "value", "newvalue", "oldvalue", "currentvalue", "proposed", "desired",
    ]
}
