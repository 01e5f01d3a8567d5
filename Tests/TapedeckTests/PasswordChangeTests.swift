import Foundation
import Testing

@testable import Tapedeck

/// A request that sets a password sends the old and the new one under plain
/// words (`current`, `next`): there, and only there, they are secrets. What a
/// reset issues (`reset_code`, `forgot_password_token`) and a code named in
/// Vietnamese (`mã_xác_thực`) are credentials by name.
struct PasswordChangeTests {
    typealias Seeded = RedactionClassTests.Seeded

    static let paths = [
        "/v1/users/me/password", "/account/change-password", "/api/auth/passwd", "/profile/passphrase", "/usuarios/senha",
        "/api/v2/Users/42/Password?lang=en", "/settings/security/updatePassword",
    ]
    static let fields = ["current", "next", "new", "old", "confirm", "newValue", "previous", "repeat", "Confirmation"]

    static func formEncoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    static func password(_ random: inout Seeded) -> String {
        random.pick(["Yarrow", "tango", "Ember", "quartz"]) + random.pick(["-", "_", "", "!"]) + String(random.next(100_000))
            + random.pick(["$", "@", "", "#"])
    }

    @Test func theOldAndTheNewPasswordUnderPlainWordsAreRedactedInARequestThatSetsOne() {
        var random = Seeded(state: 211)
        for _ in 0..<40 {
            let path = random.pick(Self.paths)
            let (first, second) = (random.pick(Self.fields), random.pick(Self.fields))
            let (old, new) = (Self.password(&random), Self.password(&random))
            let bodies = [
                (#"{"\#(first)": "\#(old)", "\#(second)2": "\#(new)", "logout_others": true}"#, "application/json"),
                ("\(first)=\(Self.formEncoded(old))&\(second)2=\(Self.formEncoded(new))&logout_others=1", "application/x-www-form-urlencoded"),
            ]
            for (body, type) in bodies {
                let redacted = RedactionContextTests.redactedRequest(body, type: type, path: path, method: random.pick(["POST", "PUT", "PATCH"]))
                #expect(!redacted.body.contains(old) && !redacted.body.contains(Self.formEncoded(old)), "\(path): \(redacted.body)")
                #expect(redacted.body.contains("logout_others"))
                // The same words elsewhere are no secret: a theme switch, a pager.
                #expect(RedactionContextTests.redactedRequest(body, type: type, path: "/v1/users/me/preferences").body == body)
            }
        }
    }

    @Test func whereToGoAfterAPasswordChangeStays() {
        for body in [#"{"next": "/dashboard", "current": "https://app.example/settings"}"#, #"{"confirm": "true"}"#] {
            #expect(RedactionContextTests.redactedRequest(body, type: "application/json", path: "/account/password").body == body)
        }
        #expect(!PasswordChange.pathSetsPassword("https://api.example/v1/passengers?next=1"))
        #expect(PasswordChange.pathSetsPassword("https://api.example/v1/users/me/password?next=1"))
    }

    @Test func whatAResetIssuesIsASecretByName() {
        var random = Seeded(state: 223)
        for name in ["reset_code", "resetCode", "reset_token", "reset_password_token", "forgot_password_token", "passwordResetCode", "reset_otp"] {
            let secret = String(10_000_000 + random.next(89_999_999))
            let body = #"{"\#(name)": "\#(secret)", "email": "a@example.com"}"#
            #expect(!RedactionClassTests.redactedBody(body, type: "application/json").contains(secret), "\(name)")
        }
        // A reset's flags and links stay bookkeeping.
        #expect(!CredentialName.namesCredential("reset_password_url"))
        #expect(!CredentialName.namesCredential("reset_password_sent_at"))
    }

    @Test func aCodeNamedInVietnameseIsASecret() {
        var random = Seeded(state: 227)
        for name in ["mã_xác_thực", "mã_xác_nhận", "mã_bảo_mật", "mã_otp", "ma_xac_thuc"] {
            let secret = String(1_000_000 + random.next(8_999_999))
            let body = #"{"số_điện_thoại": "+84901234567", "\#(name)": "\#(secret)"}"#
            let redacted = RedactionClassTests.redactedBody(body, type: "application/json")
            #expect(!redacted.contains(secret), "\(name): \(redacted)")
            #expect(redacted.contains("+84901234567"))
        }
        // A tax code (`mã_số_thuế`) and a product code are no credentials.
        #expect(!CredentialName.namesCredential("mã_số_thuế"))
        #expect(!CredentialName.namesCredential("mã_sản_phẩm"))
    }
}
