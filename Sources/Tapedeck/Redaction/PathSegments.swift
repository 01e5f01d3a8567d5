/// Which segments of a URL's path are secrets, by where they stand: most
/// segments are ids and names, and an id replaced would still replay (a
/// placeholder matches any one segment), but reads worse, so each rule needs a
/// neighbour that marks the place of a key as well as a value that looks like one.
enum PathSegments {
    /// Words of a segment whose next segment, when it looks random, is a secret
    /// (`/sessions/<token>`, `/password-reset/<token>`, `/hooks/<secret>`).
    private static let secretParents: Set<String> = [
        "session", "sessions", "token", "tokens", "secret", "secrets", "webhook", "webhooks", "hook", "hooks", "password", "passwords",
        "reset", "magic", "invite", "invites", "invitation", "invitations", "verify", "verification", "confirm", "confirmation",
        "activate", "activation", "unsubscribe", "share", "shared",
    ]
    /// Words of a segment that starts a one-time link, whose token may come after an id
    /// (Django's `/reset/<uidb64>/<token>/`, `/activate/<uidb64>/<token>/`).
    private static let linkParents: Set<String> = [
        "reset", "magic", "invite", "invitation", "verify", "verification", "confirm", "confirmation", "activate", "activation", "unsubscribe",
    ]
    /// Segments (folded) that name the key that follows them, however short
    /// (IFTTT's `/with/key/<key>`, Webdis's `/AUTH/<password>`).
    private static let keyParents: Set<String> = ["key", "apikey", "token", "accesstoken", "secret", "auth", "password", "passwd", "pass", "pw"]
    /// Segments (folded) after which the path addresses an ingestion or integration
    /// endpoint by its key (Loggly's `/inputs/<token>/tag/…`, Splunk On-Call's
    /// `/integrations/generic/…/alert/<key>/<routing key>`): a UUID there is the key.
    private static let ingestionParents: Set<String> = ["inputs", "integrations"]
    /// Segments (folded) after which a hook's path holds its secret (Zapier's `/hooks/catch/<id>/<secret>`).
    private static let hookParents: Set<String> = ["hook", "hooks", "webhook", "webhooks"]
    /// Segments (folded) that start an API's root, where a device or an integration
    /// puts its key before the resources (Hue's `/api/<key>/lights`, ThingsBoard's
    /// `/api/v1/<token>/telemetry`); the path's own root is one too (Blynk's `/<token>/update/V1`).
    private static let apiRoots: Set<String> = ["api"]

    /// The placeholder kind for segment `index` of `segments` (decoded), or `nil` when it is no secret.
    static func secretKind(_ segments: [String], at index: Int) -> String? {
        let segment = segments[index]
        let bytes = Array(segment.utf8)
        guard bytes.count >= 6, index > 0 else { return nil }
        let parent = segments[index - 1]
        let folded = CredentialCatalogue.fold(parent)
        if keyParents.contains(folded), bytes.count >= 8, mixesCasesAndDigits(bytes) || CredentialCatalogue.looksRandom(segment) { return parent }
        let earlier = segments[1..<index].map { CredentialCatalogue.fold($0) }
        if earlier.contains(where: hookParents.contains), hasLettersAndDigits(bytes), !isVersion(bytes) { return "hook" }
        if earlier.contains(where: ingestionParents.contains),
            isUUID(bytes) || CredentialCatalogue.looksRandom(segment)
                || bytes.count >= 8 && (mixesCasesAndDigits(bytes) || mixesCases(bytes))
        {
            return "ingestion-key"
        }
        guard bytes.count >= 16 else { return nil }
        if CredentialName.words(parent).contains(where: secretParents.contains), CredentialCatalogue.looksRandom(segment) { return parent }
        if index >= 2, CredentialName.words(segments[index - 2]).contains(where: linkParents.contains), !bytes.contains(UInt8(ascii: ".")),
            CredentialCatalogue.looksRandom(segment)
        {
            return segments[index - 2]
        }
        if isAPIRootKey(segments, at: index, bytes) { return "api-key" }
        if !bytes.contains(UInt8(ascii: ".")), CredentialCatalogue.looksGenerated(segment, name: parent, hexIsAnId: true) { return "high-entropy" }
        return nil
    }

    /// A key right after an API's root (`/api/`, `/api/v1/`) and before a resource's name
    /// (a word): hex of 128 bits or more, or letters of both cases and digits; a UUID there is a resource's id.
    private static func isAPIRootKey(_ segments: [String], at index: Int, _ bytes: [UInt8]) -> Bool {
        guard index + 1 < segments.count, segments[index + 1].utf8.allSatisfy(resourceBytes.contains), !segments[index + 1].isEmpty else { return false }
        let root = segments[1..<index].map { CredentialCatalogue.fold($0) }
        guard root.isEmpty || apiRoots.contains(root[0]) && (root.count == 1 || root.count == 2 && isVersion(Array(root[1].utf8))) else {
            return false
        }
        return bytes.count >= 32 && bytes.allSatisfy(hexDigits.contains) || mixesCases(bytes)
    }

    private static let hexDigits = ByteSet("0-9a-fA-F")
    private static let resourceBytes = ByteSet("a-z_-")

    /// Whether `bytes` hold upper- and lower-case letters and digits.
    private static func mixesCasesAndDigits(_ bytes: [UInt8]) -> Bool {
        bytes.contains { (0x41...0x5A).contains($0) } && bytes.contains { (0x61...0x7A).contains($0) } && bytes.contains { (0x30...0x39).contains($0) }
    }

    /// Whether `bytes` mix upper- and lower-case letters as chance mixes them (a quarter of each at least), digits or not.
    private static func mixesCases(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy(ByteSet.word.contains) && bytes.count { (0x41...0x5A).contains($0) } * 4 >= bytes.count
            && bytes.count { (0x61...0x7A).contains($0) } * 4 >= bytes.count
    }

    private static func hasLettersAndDigits(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy(ByteSet.word.contains) && bytes.contains { (0x30...0x39).contains($0) } && !bytes.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// `v1`, `v2beta1`, `20131114`: an API's version.
    private static func isVersion(_ bytes: [UInt8]) -> Bool {
        bytes.first == UInt8(ascii: "v") && bytes.count <= 8 && bytes.dropFirst().first.map { (0x30...0x39).contains($0) } == true
    }

    /// `8-4-4-4-12` hex digits.
    private static func isUUID(_ bytes: [UInt8]) -> Bool {
        bytes.count == 36
            && bytes.enumerated().allSatisfy { offset, byte in [8, 13, 18, 23].contains(offset) ? byte == UInt8(ascii: "-") : hexDigits.contains(byte) }
    }
}
