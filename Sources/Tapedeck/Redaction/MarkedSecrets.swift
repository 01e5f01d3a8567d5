/// JSON objects that mark their own secrets, whatever the secrets are called:
/// Terraform state and plans (a `random_password`'s `result`; the attributes an
/// instance lists in `sensitive_attributes`; the values `sensitive_values`,
/// `after_sensitive` and `before_sensitive` flag), a value flagged secret
/// (`"sensitive": true` on a Terraform output, `"masked": true` on a GitLab
/// variable, `"isSecret": true` on an Azure DevOps one), the answer beside a
/// security question, and every value of a map named for secrets
/// (`"tokens": {"agent": "…"}`, Consul's ACL tokens).
enum MarkedSecrets {
    /// Whether `name` names a map whose every value is a secret (`tokens`, `secrets`, `credentials`).
    static func namesSecretMap(_ name: some StringProtocol) -> Bool {
        (6...12).contains(name.utf8.count) && secretMaps.contains(CredentialCatalogue.fold(name))
    }

    /// `object` (named `name` in its parent) with every value its marks make secret
    /// passed through `replace(value, kind)`, or `nil` when nothing in it is marked.
    static func redacting(_ object: JSONObject, named name: String, _ replace: (JSONValue, String) -> JSONValue) -> JSONObject? {
        var secret: [String: Set<String>] = [:]  // member → its members that are secret ("" for the member itself)
        func mark(_ member: String, _ inner: String = "") { secret[member, default: []].insert(inner) }
        // A map of secrets by name holds scalars only; an entry of a list that describes a secret has a `name` or an `id`.
        let isSecretMap =
            namesSecretMap(name) && object["name"] == nil && object["id"] == nil
            && object.members.allSatisfy { $0.value.objectValue == nil && $0.value.arrayValue == nil }
        for member in object.members {
            // The value's type is read first: most members are none of these, and their names need not be folded.
            switch member.value {
            case .bool(true) where flags.contains(CredentialCatalogue.NameReading.of(member.key).folded):
                for value in object.keys where flaggedValues.contains(CredentialCatalogue.fold(value)) { mark(value) }
            case .array, .object:
                if member.key.utf8.count >= 13, let flagged = sensitivityMaps[CredentialCatalogue.fold(member.key)], object[flagged] != nil {
                    for attribute in sensitiveNames(member.value) { mark(flagged, attribute) }
                }
            case .string where answers.contains(CredentialCatalogue.NameReading.of(member.key).folded) && object.keys.contains(where: asksSecurityQuestion):
                mark(member.key)
            case .string(let text)
            where isSecretMap && CredentialCatalogue.isSecretValue(text) && !CredentialName.talksAbout(member.key)
                && !CredentialCatalogue.namesPublicValue(member.key):
                mark(member.key)
            default: break
            }
        }
        // A resource of a type whose attributes hold a generated secret (`random_password`).
        if let type = object["type"]?.stringValue, let attributes = resourceSecrets[type], object["instances"]?.arrayValue != nil {
            for attribute in attributes { mark("instances", attribute) }
        }
        guard !secret.isEmpty else { return nil }
        return object.mapValues { key, value in
            guard let inner = secret[key] else { return value }
            if inner.contains("") { return replace(value, key) }
            return replacing(inner, in: value, replace)
        }
    }

    /// `value` (an object, or a list of instances holding `attributes`) with its members `names` replaced.
    private static func replacing(_ names: Set<String>, in value: JSONValue, _ replace: (JSONValue, String) -> JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            let target = object["attributes"]?.objectValue != nil && !names.contains("attributes") ? "attributes" : nil
            return .object(
                object.mapValues { key, member in
                    if let target, key == target { return replacing(names, in: member, replace) }
                    return target == nil && names.contains(key) ? replace(member, key) : member
                })
        case .array(let elements): return .array(elements.map { replacing(names, in: $0, replace) })
        default: return value
        }
    }

    /// The top-level attribute names a sensitivity mark lists: Terraform's
    /// `sensitive_attributes` (paths of `{"type": "get_attr", "value": name}` steps or
    /// of names), and `sensitive_values`-style maps of names to `true` or to nested marks.
    private static func sensitiveNames(_ marks: JSONValue) -> [String] {
        switch marks {
        case .array(let paths):
            return paths.compactMap { path in
                let first = path.arrayValue?.first ?? path
                return first.stringValue ?? first["value"]?.stringValue
            }
        case .object(let map):
            return map.members.filter { $0.value.boolValue == true || $0.value.objectValue != nil || $0.value.arrayValue != nil }.map(\.key)
        default: return []
        }
    }

    /// Whether a member's name asks a security question (`security_question`, `secretQuestion`).
    private static func asksSecurityQuestion(_ name: String) -> Bool {
        let words = CredentialName.words(name)
        return words.contains("question") && words.contains(where: questionQualifiers.contains)
    }

    /// Flags that make their object's value a secret (folded), and the members that hold the value.
    private static let flags: Set<String> = ["sensitive", "secret", "issecret", "masked", "concealed", "secure"]
    private static let flaggedValues: Set<String> = ["value", "values", "default", "defaultvalue", "data"]
    /// Terraform's sensitivity marks (folded) and the member each marks.
    private static let sensitivityMaps: [String: String] = [
        "sensitiveattributes": "attributes", "sensitivevalues": "values", "aftersensitive": "after", "beforesensitive": "before",
    ]
    /// The answers to a security question, beside one.
    private static let answers: Set<String> = ["answer", "answers", "response"]
    private static let questionQualifiers: Set<String> = ["security", "secret", "recovery", "challenge", "verification"]
    /// Maps whose every value is a secret (folded names).
    private static let secretMaps: Set<String> = ["tokens", "secrets", "passwords", "credentials", "apikeys"]
    /// Terraform resource types and the attributes that hold the secret they generate.
    private static let resourceSecrets: [String: Set<String>] = [
        "random_password": ["result", "bcrypt_hash"], "random_string": ["result"], "random_bytes": ["base64", "hex"],
        "tls_private_key": ["private_key_pem", "private_key_openssh", "private_key_pem_pkcs8"],
    ]
}
