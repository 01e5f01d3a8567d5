import Foundation
import TapedeckTestSupport
import Testing

@testable import Tapedeck

/// Names written in any script: their values are redacted, and the placeholder
/// that stands for them reads as one again (to the scan, and to a second redaction).
struct ForeignNamePlaceholderTests {
    static let names = [
        "mật_khẩu", "matKhau", "κωδικός", "पासवर्ड", "รหัสผ่าน", "كلمة_السر", "lösenord", "пароль", "engångskod", "ओटीपी", "密码",
    ]

    @Test func aValueUnderAPasswordOrCodeNameInAnyScriptIsRedactedIntoAWholePlaceholder() throws {
        var random = RedactionClassTests.Seeded(state: 71)
        for name in Self.names {
            let secret = "Sommar-\(random.next(1_000_000))"
            let redacted = RedactionClassTests.redactedBody(#"{"\#(name)": "\#(secret)", "note": "x"}"#, type: "application/json")
            #expect(!redacted.contains(secret), "\(name): \(redacted)")
            let value = try #require((try JSONParser.parse(redacted)).objectValue?[name]?.stringValue, "\(name): \(redacted)")
            #expect(Placeholder.isWhole(value), "\(name) → \(value)")
            #expect(value.utf8.allSatisfy { $0 < 0x80 }, "a placeholder is ASCII: \(value)")
            #expect(RedactionClassTests.redactedBody(redacted, type: "application/json") == redacted, "redacting again changes nothing")
        }
    }

    /// A card's security code, a wallet's seed phrase, Spanish `clave`: short or plain values under names that are credentials.
    @Test func cardCodesSeedPhrasesAndClavesAreRedacted() {
        var random = RedactionClassTests.Seeded(state: 73)
        for name in ["cvc", "cvv", "CVV2", "card_cvc", "securityCode_cvv", "seed_phrase", "seedPhrase", "recovery_phrase", "clave", "nueva_clave"] {
            let secret = name.lowercased().contains("phrase") ? "ocean tiger \(random.next(100_000)) maple" : String(100 + random.next(900))
            let redacted = RedactionClassTests.redactedBody(#"{"\#(name)": "\#(secret)", "currency": "EUR"}"#, type: "application/json")
            #expect(!redacted.contains(secret), "\(name): \(redacted)")
            #expect(redacted.contains("EUR"))
        }
    }

    /// An app's signing certificate (Agora's `appCertificate`) and an API login beside its key (PayU's `apiLogin`)
    /// are secrets; a certificate or a login alone names a public or a personal value.
    @Test func anAppCertificateAndAnAPILoginAreRedacted() {
        var random = RedactionClassTests.Seeded(state: 79)
        for name in ["appCertificate", "app_certificate", "AppCertificate", "apiLogin", "api_login"] {
            let secret = String(UInt64(1 << 40) + UInt64(random.next(1 << 30)), radix: 16)
            let redacted = RedactionClassTests.redactedBody(#"{"\#(name)": "\#(secret)", "channel": "room-9"}"#, type: "application/json")
            #expect(!redacted.contains(secret), "\(name): \(redacted)")
            #expect(redacted.contains("room-9"))
        }
        for name in ["certificate", "client_certificate", "login", "last_login"] { #expect(!CredentialName.namesCredential(name), "\(name)") }
    }

    @Test func aPlaceholderWrittenWithANonASCIIKindStillReadsAsOne() {
        #expect(Placeholder.isWhole("REDACTED-lösenord-295"))
        #expect(Placeholder.kind("lösenord") == "l-senord")
        #expect(Placeholder.kind("пароль") == "secret")
        #expect(Placeholder.kind("DB_PASSWORD") == "db-password")
    }
}
