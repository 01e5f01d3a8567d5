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

    @Test func aPlaceholderWrittenWithANonASCIIKindStillReadsAsOne() {
        #expect(Placeholder.isWhole("REDACTED-lösenord-295"))
        #expect(Placeholder.kind("lösenord") == "l-senord")
        #expect(Placeholder.kind("пароль") == "secret")
        #expect(Placeholder.kind("DB_PASSWORD") == "db-password")
    }
}
