import Foundation
import Tapedeck
import TapedeckProviders
import TapedeckSigning
import TapedeckSimulator
import TapedeckTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Provider profiles: the documents, what they say, and what reads them.
struct ProviderProfileTests {
    static func profile(_ text: String, file: String = "p.profile.json") throws -> ProviderProfile {
        try ProviderProfile(document: try JSONParser.parse(text), file: file)
    }

    static let testAPIs = PackageRoot.url.appendingPathComponent("Tests/APIs")

    @Test func theFiveBuiltInProvidersEachHaveAProfileAndAContract() throws {
        let ids = ProfileCatalogue.builtIn.profiles.map(\.id).sorted()
        #expect(ids == ProviderID.allCases.map(\.rawValue).sorted())
        let files = try FileManager.default.contentsOfDirectory(atPath: ProfileCatalogue.builtInFolder.path)
        for id in ids { #expect(files.contains("\(id).yaml"), "\(id) has no contract beside its profile") }
        for provider in ProviderID.allCases { #expect(provider.profile.requestIDHeader != nil) }
    }

    @Test func theTestAPIsProfilesReadAndNameTheirCredentialVariables() throws {
        let widgets = try ProviderProfile(contentsOf: Self.testAPIs.appendingPathComponent("widgets/profile.json"))
        let charges = try ProviderProfile(contentsOf: Self.testAPIs.appendingPathComponent("charges/profile.json"))
        #expect(widgets.environmentVariables == ["WIDGETS_TOKEN"])
        #expect(charges.environmentVariables == ["CHARGES_API_KEY"])
        #expect(widgets.baseURLVariable == "TAPEDECK_BASE_URL_WIDGETS")
        #expect(widgets.endpoint(environment: ["TAPEDECK_BASE_URL_WIDGETS": "http://127.0.0.1:9"])?.absoluteString == "http://127.0.0.1:9")
        #expect(widgets.endpoint(environment: [:]) == widgets.baseURL)
    }

    @Test(arguments: [
        (#"{"id": "x", "colour": 1}"#, "p.profile.json: $.colour: error: expected one of id, summary"),
        (#"{"id": "x y"}"#, "$.id: error: expected a provider id of letters, digits and '-'"),
        (#"{"id": "x", "authentication": [{"scheme": "oauth9"}]}"#, "$.authentication[0].scheme: error: expected one of bearer"),
        (#"{"id": "x", "authentication": [{"scheme": "bearer"}]}"#, "$.authentication[0].token: error: expected a non-empty string"),
        (
            #"{"id": "x", "authentication": [{"scheme": "basic", "username": "U", "pin": "P"}]}"#,
            "$.authentication[0].pin: error: expected one of scheme, username, password"
        ),
        (#"{"id": "x", "recognise": {"paths": ["v1/a"]}}"#, "$.recognise.paths[0]: error: expected a path starting with '/'"),
        (#"{"id": "x", "baseURL": "ftp://h"}"#, "$.baseURL: error: expected an http(s) URL"),
        (#"{"id": "x", "redaction": {"patterns": [{"regex": "(", "kind": "k"}]}}"#, "$.redaction.patterns[0].regex"),
    ])
    func aBadProfileNamesTheFileAndThePath(text: String, message: String) throws {
        let error = try #require(throws: InputError.self) { try Self.profile(text) }
        #expect(error.description.contains(message), "\(error.description)")
    }

    /// A provider's token formats and credential names are its profile's: the core's
    /// catalogue knows none of them, and each profile alone teaches them.
    @Test(
        arguments: [
            ("alibaba-petadata", "LT" + "AI5tABCDEFGHIJKLMNOP", "AccessKeySecret"),
            ("yandex-backup", "t1." + String(repeating: "9euelZrA", count: 6), "iamToken"),
            ("yandex-backup", "y0" + "_" + String(repeating: "AgAAAAAB", count: 6), "yandexPassportOauthToken"),
            ("otc-ddm", "MII" + String(repeating: "YsimAAAA", count: 9), nil),
            ("huawei-kafka", "MII" + String(repeating: "YsimAAAA", count: 9), nil),
        ] as [(String, String, String?)])
    func theProvidersFormatsComeWithTheirProfilesNotTheCore(id: String, value: String, name: String?) throws {
        #expect(!CredentialCatalogue.standard.hasShape("seen \(value) here"))
        let profile = try #require(ProfileCatalogue.builtIn.profile(id))
        let bare = Redactor(catalogue: CredentialCatalogue(names: [], shapes: []))
        let taught = try ProfileCatalogue(profiles: [profile]).redactor(bare, environment: [:])
        #expect(taught.catalogue.hasShape("seen \(value) here"))
        #expect(ProfileCatalogue.standardRedactor.catalogue.hasShape("seen \(value) here"))
        if let name {
            #expect(!CredentialCatalogue.standard.lists(name, at: .document))
            #expect(taught.catalogue.lists(name, at: .document) && taught.catalogue.lists(name, at: .parameter))
        }
    }

    @Test func eachSchemeReadsItsVariablesAndSignsTheWayItsProviderVerifies() throws {
        let profile = try Self.profile(
            #"""
            {"id": "multi", "authentication": [
              {"scheme": "api-key-query", "parameter": "api_key", "key": "MULTI_KEY"},
              {"scheme": "basic", "username": "MULTI_USER", "password": "MULTI_PASSWORD"},
              {"scheme": "api-key-header", "header": "X-Api-Key", "key": "MULTI_HEADER_KEY"}
            ]}
            """#)
        #expect(profile.environmentVariables == ["MULTI_KEY", "MULTI_USER", "MULTI_PASSWORD", "MULTI_HEADER_KEY"])
        #expect(ProviderCredentials.fromEnvironment(for: profile, environment: [:]) == nil)
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:9/v1/x?api_key=old&a=1")))

        let query = try #require(ProviderCredentials.fromEnvironment(for: profile, environment: ["MULTI_KEY": "k-123"]))
        try query.signer.sign(&request, date: Date(timeIntervalSince1970: 0))
        #expect(request.url?.query == "a=1&api_key=k-123")
        #expect(!"\(query) \(query.signer)".contains("k-123"))

        let basic = try #require(ProviderCredentials.fromEnvironment(for: profile, environment: ["MULTI_USER": "sk_test_abc"]))
        try basic.signer.sign(&request, date: Date(timeIntervalSince1970: 0))
        #expect(request.value(forHTTPHeaderField: "Authorization") == "Basic " + Data("sk_test_abc:".utf8).base64EncodedString())
        #expect(basic.secretValues == ["sk_test_abc"])

        let header = try #require(ProviderCredentials.fromEnvironment(for: profile, environment: ["MULTI_HEADER_KEY": "hk-1"]))
        try header.signer.sign(&request, date: Date(timeIntervalSince1970: 0))
        #expect(request.value(forHTTPHeaderField: "X-Api-Key") == "hk-1")
    }

    @Test func detectionIsByDocumentedPathAndParametersElseByHost() throws {
        let profile = try Self.profile(
            #"{"id": "rpc", "recognise": {"hosts": ["api.*.example.com"], "paths": ["/", "/v1/{id}/items"], "parameters": {"Action": "List", "Version": ""}}}"#)
        #expect(profile.recognises(host: "127.0.0.1", segments: [], parameters: [("Action", "List"), ("Version", "1")]))
        #expect(profile.recognises(host: nil, segments: ["rpc", "v1", "7", "items"], parameters: [("Action", "List"), ("Version", "2")]))
        #expect(!profile.recognises(host: "127.0.0.1", segments: [], parameters: [("Action", "Get"), ("Version", "1")]))
        #expect(!profile.recognises(host: "127.0.0.1", segments: [], parameters: [("Action", "List")]))
        #expect(profile.recognises(host: "API.eu.west.example.com", segments: ["odd"], parameters: []))
        #expect(!profile.recognises(host: "api.example.com", segments: ["odd"], parameters: []))
        let catalogue = ProfileCatalogue.builtIn.adding(profile)
        #expect(catalogue.detect(host: "backup.api.cloud.yandex.net", segments: ["typo"], parameters: [])?.id == "yandex-backup")
        #expect(catalogue.detect(host: "api.x.example.com", segments: [], parameters: [])?.id == "rpc")
    }

    @Test func aFolderProfileReplacesTheBuiltInOneOfItsId() throws {
        let replaced = ProfileCatalogue.builtIn.adding(try Self.profile(#"{"id": "otc-ddm", "requestIDHeader": "X-Other"}"#))
        #expect(replaced.profiles.count == ProfileCatalogue.builtIn.profiles.count)
        #expect(replaced.profile("otc-ddm")?.requestIDHeader == "X-Other")
    }

    @Test func theRedactorLearnsEachProfilesNamesShapesCredentialValuesAndVolatileParameters() throws {
        let profile = try Self.profile(
            #"""
            {"id": "acme", "authentication": [{"scheme": "bearer", "token": "ACME_TOKEN"}],
             "volatile": {"queryParameters": ["nonce"]},
             "redaction": {"jsonKeys": ["acme_secret"], "patterns": [{"regex": "acme_[a-z0-9]{12}", "kind": "acme-key"}]}}
            """#)
        let redactor = try ProfileCatalogue(profiles: [profile]).redactor(.standard, environment: ["ACME_TOKEN": "plantedAcmeTokenValue"])
        let request = RecordedRequest(
            method: "POST", url: "http://127.0.0.1:9/x?nonce=1&note=plantedAcmeTokenValue",
            body: RecordedBody(data: Data(#"{"acme_secret": "hush", "free": "see acme_abcdef123456 here"}"#.utf8), contentType: "application/json"))
        let redacted = redactor.redacted(request)
        let text = redacted.url + String(decoding: redacted.body.data, as: UTF8.self)
        for secret in ["plantedAcmeTokenValue", "hush", "acme_abcdef123456"] { #expect(!text.contains(secret), "\(secret) survived: \(text)") }
        #expect(redactor.matcher().ignoredQueryParameters.contains("nonce"))
        #expect(RequestMatcher().ignoredQueryParameters.isEmpty)
    }
}
