import Foundation
import Testing

@testable import Tapedeck
import TapedeckProviders

/// The catalogue the redactor, the scan and the pseudonymiser share.
struct CredentialCatalogueTests {
    @Test(arguments: [
        ("clientSecret", "clientsecret"), ("client_secret", "clientsecret"), ("Client-Secret", "clientsecret"),
        ("X-Amz-Security-Token", "xamzsecuritytoken"), ("access.token", "accesstoken"),
    ])
    func namesAreFoldedForCaseAndSeparators(name: String, folded: String) {
        #expect(CredentialCatalogue.fold(name) == folded)
    }

    @Test(arguments: [
        ("ClientSecret", CredentialCatalogue.Place.document, true), ("x_api_key", .parameter, true), ("APIKEY", .document, true),
        ("key", .parameter, true), ("key", .document, false), ("Signature", .document, false), ("status", .document, false),
    ])
    func listedNamesCountWhereTheyCount(name: String, place: CredentialCatalogue.Place, listed: Bool) {
        #expect(CredentialCatalogue.standard.isCredential(name: name, value: "value", at: place) == listed)
    }

    @Test(arguments: [
        ("X-Custom-Session-Token", "q8Zr2LxV0pT5nW7yK3mB9cD1", true),
        ("webhookSigningSecret", "Zr2LxV0pT5nW7yK3mB9cD1q8", true),
        ("nextPageToken", "q8Zr2LxV0pT5nW7yK3mB9cD1", false),
        // A value under a name that names a credential by its words is a secret whatever it looks like.
        ("X-Custom-Session-Token", "short1", true),
        ("my_secret_note", "this is not generated at all", true),
        ("private_key_id", "short1", false),
        ("token_type", "Bearer", false),
        ("author_id", "a51a08e9-eb37-43bd-8f49-a6301e64957a", false),
    ])
    func credentialLikeNamesNeedAGeneratedValue(name: String, value: String, credential: Bool) {
        #expect(CredentialCatalogue.standard.isCredential(name: name, value: value, at: .document) == credential)
    }

    @Test(arguments: [
        ("AKIA" + "ABCDEFGHIJ234567", "aws-access-key"), ("ASIA" + "ABCDEFGHIJ234567", "aws-access-key"),
        ("AI" + "zaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "google-api-key"),
        ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "jwt"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "private-key"),
        ("y0" + "_AgAAAAABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn", "yandex-oauth-token"),
        ("gh" + "p_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij", "github-token"),
        ("xo" + "xb-123456789012-abcdefghij", "slack-token"), ("sk" + "_live_ABCDEFGHIJKLMNOP", "stripe-key"),
        ("LT" + "AI5tABCDEFGHIJKL", "alibaba-access-key"), ("Bearer abcdefghijklmnop1234", "bearer"),
    ])
    func eachShapeIsFoundInText(value: String, kind: String) {
        // The Yandex and Alibaba formats come with their providers' built-in profiles.
        #expect(ProfileCatalogue.standardRedactor.catalogue.shapeKinds(in: "seen: \(value), end").contains(kind))
    }

    @Test(arguments: [
        "xAKIA" + "ABCDEFGHIJ234567", "AKIA" + "ABCDEFGHIJ2345678", "AKIA" + "abcdefghij234567", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        "Bearer REDACTED-bearer-1", "eyJhbGciOiJIUzI1NiJ9.only-one-dot", "the weather is fine",
    ])
    func nearMissesAndPlaceholdersAreNotShapes(text: String) {
        #expect(CredentialCatalogue.standard.shapeKinds(in: text).isEmpty, "\(text)")
    }

    @Test func aCredentialShapedIdentifierGetsNoStandIn() {
        let redactor = ProfileCatalogue.standardRedactor.pseudonymising("LT" + "AI5tABCDEFGHIJKL", kind: "user").pseudonymising("u-1234", kind: "user")
        #expect(redactor.pseudonyms.entries.map(\.identifier) == ["u-1234"])
        #expect(redactor.literalSecrets.contains("LT" + "AI5tABCDEFGHIJKL"))
    }

    @Test(arguments: [
        ("REDACTED-token-3", true), ("REDACTED-x-auth-token-12", true), ("abc REDACTED-token-3", false), ("REDACTED-token-3 abc", false),
        ("REDACTED-token", false), ("REDACTED--3", false), ("REDACTED-token-3x", false),
    ])
    func onlyAWholePlaceholderIsClean(value: String, whole: Bool) {
        #expect(Placeholder.isWhole(value) == whole)
    }

    @Test(arguments: [
        ("a=1; Path=/", ["a=1; Path=/"]),
        ("a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly, b=2; Secure", ["a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly", "b=2; Secure"]),
        ("a=1, b=2, c=3", ["a=1", "b=2", "c=3"]),
    ])
    func joinedSetCookieLinesAreSplitBack(value: String, lines: [String]) {
        #expect(HeaderFields.splitSetCookie(value) == lines)
    }
}
