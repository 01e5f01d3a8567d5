import Foundation
import Tapedeck
import TapedeckProviders
import TapedeckSigning
import TapedeckTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Re-signing comes from the profiles: a re-signer for every profile whose
/// scheme signs `Host`, a provider's own from files as much as a built-in one.
struct HostResignerTests {
    /// A provider known only from a profile, signing with Huawei's scheme under variables of its own.
    static let filed = """
        {"id": "acme-signed", "authentication": [
          {"scheme": "bearer", "token": "ACME_TOKEN"},
          {"scheme": "huawei-sdk-hmac-sha256", "accessKey": "ACME_AK", "secretKey": "ACME_SK"}
        ]}
        """

    static func catalogue() throws -> ProfileCatalogue {
        ProfileCatalogue.builtIn.adding(try ProviderProfile(document: JSONParser.parse(Data(filed.utf8)), file: "acme.profile.json"))
    }

    @Test func everyProfileWhoseSchemeSignsHostGivesOneAndNoOtherDoes() throws {
        let catalogue = try Self.catalogue()
        let resigners = HostResigner.all(in: catalogue, environment: [:])
        let signing = catalogue.profiles.filter { $0.authentication.contains(where: \.signsHost) }.map(\.id)
        #expect(resigners.map(\.provider) == signing)
        #expect(signing.contains("acme-signed") && signing.contains("huawei-kafka") && !signing.contains("yandex-backup"))
        #expect(resigners.allSatisfy { !$0.canSign }, "no variable is set")
    }

    @Test(arguments: 1...12)
    func aResignerWithKeysSignsWhatItClaimsAndNamesOnlyItsVariables(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let accessKey = String((0..<20).map { _ in generator.pick(alphabet) })
        let secretKey = String((0..<40).map { _ in generator.pick(alphabet) })
        let resigners = HostResigner.all(in: try Self.catalogue(), environment: ["ACME_AK": accessKey, "ACME_SK": secretKey])
        let resigner = try #require(resigners.first { $0.provider == "acme-signed" })
        #expect(resigner.canSign)
        #expect(resigner.variables == "ACME_AK and ACME_SK")

        // A client's signature over Host is claimed; one without Host, or another scheme's, is not.
        let signedHeaders = ["content-type", "host", "x-sdk-date"].filter { $0 == "host" || generator.chance(0.5) }
        let client = "SDK-HMAC-SHA256 Access=CLIENTKEY, SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=abc"
        #expect(resigner.claims(authorization: client))
        #expect(!resigner.claims(authorization: "SDK-HMAC-SHA256 Access=CLIENTKEY, SignedHeaders=x-sdk-date, Signature=abc"))
        #expect(!resigner.claims(authorization: "Bearer t1.abc"))

        let path = "/v1/items/\(generator.int(1...9_999))"
        var request = URLRequest(url: try #require(URL(string: "http://upstream.example\(path)?page=\(generator.int(1...50))")))
        try resigner.sign(&request, date: Date(timeIntervalSince1970: 1_795_342_500))
        let parsed = try #require(HuaweiAKSKSigner.parseAuthorization(request.value(forHTTPHeaderField: "Authorization") ?? ""))
        #expect(parsed.access == accessKey)
        #expect(parsed.signedHeaders.contains("host"))
        let headers = Dictionary(uniqueKeysWithValues: parsed.signedHeaders.map { ($0, request.value(forHTTPHeaderField: $0) ?? "") })
        let expected = HuaweiAKSKSigner.signature(
            method: "GET", path: path,
            query: URLComponents(url: try #require(request.url), resolvingAgainstBaseURL: false)?.queryItems?
                .map { ($0.name, $0.value ?? "") } ?? [],
            headers: headers, signedHeaders: parsed.signedHeaders, body: Data(), secretKey: secretKey,
            date: request.value(forHTTPHeaderField: "X-Sdk-Date") ?? "")
        #expect(parsed.signature == expected, "the upstream's check of its own Host holds")
        #expect(!resigner.variables.contains(secretKey) && !resigner.variables.contains(accessKey))
    }

    @Test func aResignerWithoutKeysRefusesToSignAndSaysWhichVariables() throws {
        let resigner = try #require(HostResigner.all(in: try Self.catalogue(), environment: ["ACME_AK": "only-one"]).first { $0.provider == "acme-signed" })
        var request = URLRequest(url: try #require(URL(string: "http://upstream.example/v1/items")))
        #expect(throws: SigningError.self) { try resigner.sign(&request, date: Date(timeIntervalSince1970: 0)) }
        #expect(request.value(forHTTPHeaderField: "Authorization") == nil)
    }
}
