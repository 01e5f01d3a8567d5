import Foundation
import Testing

import TapedeckProviders
@testable import TapedeckSigning
import TapedeckSimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

struct AlibabaRPCSignerTests {
    /// Alibaba Cloud's published worked example of the RPC signature (DescribeRegions,
    /// AccessKey `testid` / `testsecret`), from its "API 签名机制 (示例)" page: the
    /// string to sign and the signature `CT9X0VtwR86fNWSnsc6v8YGOjuE=` are the page's.
    static let published: [(String, String)] = [
        ("TimeStamp", "2016-02-23T12:46:24Z"), ("Format", "XML"), ("AccessKeyId", "testid"),
        ("Action", "DescribeRegions"), ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"), ("Version", "2014-05-26"),
        ("SignatureVersion", "1.0"),
    ]

    @Test func matchesThePublishedExample() {
        #expect(
            AlibabaRPCSigner.stringToSign(method: "GET", parameters: Self.published)
                == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        )
        #expect(AlibabaRPCSigner.signature(method: "GET", parameters: Self.published, secret: "testsecret") == "CT9X0VtwR86fNWSnsc6v8YGOjuE=")
    }

    @Test(arguments: 0..<published.count)
    func changingAnySignedParameterChangesTheSignature(index: Int) {
        var changed = Self.published
        changed[index].1 += "x"
        #expect(AlibabaRPCSigner.signature(method: "GET", parameters: changed, secret: "testsecret") != "CT9X0VtwR86fNWSnsc6v8YGOjuE=")
    }

    @Test func aWrongSecretGivesAnotherSignature() {
        #expect(AlibabaRPCSigner.signature(method: "GET", parameters: Self.published, secret: "testsecreT") != "CT9X0VtwR86fNWSnsc6v8YGOjuE=")
    }

    @Test func signingAddsTheCommonParametersAndAVerifiableSignature() throws {
        let url = try #require(URL(string: "http://127.0.0.1:1/alibaba-petadata/?Action=DescribeTasks&InstanceId=pd-1&StartTime=2026-11-01T00:00:00Z"))
        var request = URLRequest(url: url)
        let signer = AlibabaRPCSigner(accessKeyID: "LTAIexample000000", accessKeySecret: "secret")
        try signer.sign(&request, date: Date(timeIntervalSince1970: 1_763_800_000))
        let signed = try #require(request.url)
        let items = try #require(URLComponents(url: signed, resolvingAgainstBaseURL: false)?.queryItems)
        let query = Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(query["Timestamp"] == "2025-11-22T08:26:40Z")
        #expect(query["SignatureMethod"] == "HMAC-SHA1")
        #expect(query["StartTime"] == "2026-11-01T00:00:00Z")
        let signature = try #require(query["Signature"])
        let unsigned = items.filter { $0.name != "Signature" }.map { ($0.name, $0.value ?? "") }
        #expect(AlibabaRPCSigner.signature(method: "GET", parameters: unsigned, secret: "secret") == signature)
        #expect(request.url?.absoluteString.contains("StartTime=2026-11-01T00%3A00%3A00Z") == true)
    }
}

struct HuaweiAKSKSignerTests {
    /// Computed with Huawei Cloud's own Python SDK signer (huaweicloudsdkcore 3.1.219,
    /// `huaweicloudsdkcore.signer.signer.Signer`) for this request, so the Swift signer
    /// and the simulator cannot agree on a shared mistake.
    static let expected = "8d940fb036478b8719538e294e39c1ea7c7291b9098a8e68cc5626ab8e45d476"
    static let headers = ["X-Sdk-Date": "20261122T101500Z", "Content-Type": "application/json", "Host": "127.0.0.1:8080"]
    static let path = "/huawei-iotda/v5/iot/project-1/iotda-instances/a1b2c3d4/tasks"
    static let query = [("limit", "50"), ("marker", "1805431584415871305")]

    static func sign(
        method: String = "GET", path: String = path, query: [(String, String)] = query, headers: [String: String] = headers,
        body: Data = Data(), secret: String = "exampleSecretKey0000000000000000000000001"
    ) -> String {
        HuaweiAKSKSigner.signature(
            method: method, path: path, query: query, headers: headers, signedHeaders: ["content-type", "host", "x-sdk-date"],
            body: body, secretKey: secret, date: headers["X-Sdk-Date"] ?? "")
    }

    @Test func matchesHuaweisOwnSDK() {
        #expect(Self.sign() == Self.expected)
    }

    @Test func changingAnySignedPartChangesTheSignature() {
        #expect(Self.sign(method: "POST") != Self.expected)
        #expect(Self.sign(path: Self.path + "x") != Self.expected)
        #expect(Self.sign(query: [("limit", "51"), ("marker", "1805431584415871305")]) != Self.expected)
        #expect(Self.sign(headers: Self.headers.merging(["Host": "127.0.0.1:8081"]) { $1 }) != Self.expected)
        #expect(Self.sign(headers: Self.headers.merging(["X-Sdk-Date": "20261122T101501Z"]) { $1 }) != Self.expected)
        #expect(Self.sign(body: Data("{}".utf8)) != Self.expected)
        #expect(Self.sign(secret: "another") != Self.expected)
    }

    @Test func signingARequestProducesAParsableHeader() throws {
        let url = try #require(URL(string: "http://127.0.0.1:8080\(Self.path)?limit=50&marker=1805431584415871305"))
        var request = URLRequest(url: url)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        try HuaweiAKSKSigner(accessKey: "HPUAEXAMPLEAK0000001", secretKey: "exampleSecretKey0000000000000000000000001")
            .sign(&request, date: Date(timeIntervalSince1970: 1_795_342_500))
        #expect(request.value(forHTTPHeaderField: "X-Sdk-Date") == "20261122T101500Z")
        let header = try #require(request.value(forHTTPHeaderField: "Authorization"))
        let parsed = try #require(HuaweiAKSKSigner.parseAuthorization(header))
        #expect(parsed == .init(access: "HPUAEXAMPLEAK0000001", signedHeaders: ["content-type", "host", "x-sdk-date"], signature: Self.expected))
    }

    @Test func otherAuthorizationHeadersDoNotParse() {
        #expect(HuaweiAKSKSigner.parseAuthorization("Bearer abc") == nil)
        #expect(HuaweiAKSKSigner.parseAuthorization("SDK-HMAC-SHA256 Access=a, Signature=b") == nil)
    }
}

struct ProviderCredentialsTests {
    @Test(arguments: ProviderID.allCases)
    func descriptionsNeverCarryASecret(provider: ProviderID) {
        let credentials = ProviderCredentials.simulator(for: provider)
        let printed = "\(credentials) \(credentials.signer)"
        for secret in credentials.secretValues {
            #expect(!printed.contains(secret))
        }
    }

    @Test func environmentVariablesAreRead() throws {
        let alibaba = try #require(
            ProviderCredentials.fromEnvironment(
                for: .alibabaPetadata, environment: ["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIabc", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s"]))
        #expect(alibaba.secretValues == ["LTAIabc", "s"])
        let huawei = try #require(ProviderCredentials.fromEnvironment(for: .huaweiKafka, environment: ["HUAWEICLOUD_IAM_TOKEN": "MIItoken"]))
        #expect(huawei.signer is TokenHeaderSigner)
        #expect(ProviderCredentials.fromEnvironment(for: .yandexBackup, environment: [:]) == nil)
        #expect(ProviderCredentials.fromEnvironment(for: .otcDdm, environment: ["OS_AUTH_TOKEN": ""]) == nil)
    }
}

struct ProviderIDTests {
    /// Each documented request's path segments and parameters (a GET's query or a POST's form) name its provider.
    @Test(arguments: [
        ("/", [("Action", "DescribeTasks"), ("InstanceId", "pd-1")], ProviderID?.some(.alibabaPetadata)),
        ("/v2/p/instances/i/scheduled-tasks", [("start", "0")], .huaweiKafka),
        ("/v5/iot/p/iotda-instances/i/tasks", [], .huaweiIotda),
        ("/backup/v1/resources/i/tasks", [], .yandexBackup),
        ("/v3/619d3e78/jobs", [("start_time", "1")], .otcDdm),
        ("/v9/other", [], nil),
        ("/", [("Action", "DescribeRegions")], nil),
    ])
    func detectsProvidersFromTheirDocumentedRequests(path: String, parameters: [(String, String)], expected: ProviderID?) {
        let segments = path.split(separator: "/").map(String.init)
        #expect(ProviderID.detect(documentedPath: segments, parameters: parameters) == expected)
    }
}
