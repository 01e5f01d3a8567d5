import Foundation
import Tapedeck
import Testing

@testable import TapedeckContracts

/// `tapedeck contract draft` on the built-in providers' cassettes: the draft loads,
/// checks its own recording clean, and names the paging style the contract documents.
struct ContractDraftTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var provider: String
        var cassette: String
        var style: String
        var testDescription: String { "\(provider)/\(cassette)" }
    }

    static let cases = [
        Case(provider: "otc-ddm", cassette: "walk.json", style: "offset"),
        Case(provider: "yandex-backup", cassette: "small-pages.json", style: "token"),
        Case(provider: "huawei-iotda", cassette: "marker-walk.json", style: "marker"),
        Case(provider: "huawei-kafka", cassette: "walk.json", style: "offset"),
        Case(provider: "alibaba-petadata", cassette: "walk.json", style: "page-number"),
    ]

    static func cassette(_ test: Case) throws -> Cassette {
        try CassetteStore.load(FixtureAPI.root.appendingPathComponent("Cassettes/\(test.provider)/\(test.cassette)"))
    }

    @Test(arguments: cases)
    func aDraftOfABuiltInCassetteLoadsAndChecksItClean(test: Case) throws {
        let recording = try Self.cassette(test)
        let draft = ContractDrafter(provider: test.provider).draft(recording, recording: test.cassette)
        let contract = try Contract(yaml: draft.yaml, file: "\(test.provider)-draft.yaml")
        #expect(contract.provider == test.provider)
        #expect(draft.yaml.contains("style: \(test.style)\n"), "\(draft.guesses)")
        let report = ContractChecker(contract: contract).check(recording)
        #expect(report.violations.isEmpty, "\(report.violations)\n\(draft.yaml)")
        // The committed contract's walks are the draft's walks.
        let committed = ContractChecker(contract: Recordings.contract(test.provider)).check(recording)
        #expect(report.walks.map(\.exchanges) == committed.walks.map(\.exchanges))
    }

    @Test func aHARDraftsAsItsCassetteDoes() throws {
        let test = Self.cases[1]
        let cassette = try Self.cassette(test)
        let har = try RecordingLoader.load(HARExporter.har(from: cassette), file: "small-pages.har")
        let fromHAR = ContractDrafter(provider: test.provider).draft(har, recording: "small-pages.har")
        let contract = try Contract(yaml: fromHAR.yaml, file: "from-har.yaml")
        #expect(fromHAR.yaml.contains("style: token\n"))
        #expect(ContractChecker(contract: contract).check(cassette).violations.isEmpty)
    }

    @Test func aDraftFindsTheTotalAndTheIDParameters() throws {
        let test = Self.cases[0]
        let yaml = ContractDrafter(provider: test.provider).draft(try Self.cassette(test), recording: test.cassette).yaml
        #expect(yaml.contains("\"/v3/{id}/jobs\":"))
        #expect(yaml.contains("total: \"$.total\""))
        #expect(yaml.contains("limit-param: limit"))
        #expect(yaml.contains("format: epoch-millis"))
        let kafka = ContractDrafter(provider: "huawei-kafka").draft(try Self.cassette(Self.cases[3]), recording: "walk.json").yaml
        #expect(kafka.contains("\"/v2/{id}/instances/{instance_id}/scheduled-tasks\":"))
        // IoTDA's 19-digit marker is drafted as a digit string, not an integer the next marker may overflow.
        let iotda = ContractDrafter(provider: "huawei-iotda").draft(try Self.cassette(Self.cases[2]), recording: "marker-walk.json").yaml
        #expect(iotda.contains("- name: marker\n          in: query\n          schema:\n            type: string\n            format: int64\n"))
        // Alibaba's signature and nonce change on every page without paging it.
        let alibaba = ContractDrafter(provider: "alibaba-petadata").draft(try Self.cassette(Self.cases[4]), recording: "walk.json").yaml
        #expect(alibaba.contains("x-tapedeck-volatile-params: [Signature, SignatureNonce]"))
    }

    @Test func aHeaderTokenAndANextLinkWalkAreDraftedAsSuch() throws {
        typealias P = PagingStyleTests
        let headers = Cassette(interactions: [
            P.headerPage(nil, ids: 1...2, next: "p2"), P.headerPage("p2", ids: 3...4, next: "p3"), P.headerPage("p3", ids: 5...5, next: nil),
        ])
        let headerDraft = ContractDrafter(provider: "styles").draft(headers, recording: "headers.json").yaml
        #expect(headerDraft.contains("style: header-token\n"))
        #expect(headerDraft.contains("token-header: X-Next-Page-Token\n"))
        #expect(ContractChecker(contract: try Contract(yaml: headerDraft, file: "h.yaml")).check(headers).violations.isEmpty)

        let odata = Cassette(interactions: [
            P.odataPage(nil, ids: 1...2, next: "\(P.base)/odata?$skiptoken=t2"), P.odataPage("t2", ids: 3...5, next: nil),
            P.odataPage(nil, ids: 1...2, next: "\(P.base)/odata?$skiptoken=t2"), P.odataPage("t2", ids: 3...5, next: nil),
        ])
        let odataDraft = ContractDrafter(provider: "styles").draft(odata, recording: "odata.json").yaml
        #expect(odataDraft.contains("style: next-link\n"))
        #expect(odataDraft.contains("next-link-field: \"$['@odata.nextLink']\"\n"))
        #expect(odataDraft.contains("total: \"$['@odata.count']\"\n"))
        let contract = try Contract(yaml: odataDraft, file: "o.yaml")
        let report = ContractChecker(contract: contract).check(odata)
        #expect(report.violations.isEmpty)
        #expect(report.walks.map(\.exchanges) == [[0, 1], [2, 3]])
    }

    @Test func idLikeSegmentsAreTold() {
        for segment in ["12345", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "619d3e78f61b4be68bc5aa0b59edcf7b", "fhm0tapedeck00000001"] {
            #expect(PathTemplate.isIDLike(segment), "\(segment)")
        }
        for segment in ["v3", "jobs", "scheduled-tasks", "iotda-instances", "widgets"] {
            #expect(!PathTemplate.isIDLike(segment), "\(segment)")
        }
        #expect(PathTemplate(segments: ["v1", "policies", "7", "rules", "8"]).text == "/v1/policies/{policy_id}/rules/{rule_id}")
    }

    @Test func draftedStringsAreQuotedWhereYAMLWouldReadThemOtherwise() {
        #expect(DraftScalar.string("open").yaml == "open")
        #expect(DraftScalar.string("true").yaml == "\"true\"")
        #expect(DraftScalar.string("$.data").yaml == "\"$.data\"")
        #expect(DraftScalar.string("a \"b\"\n").yaml == "\"a \\\"b\\\"\\n\"")
        #expect(DraftYAML.key("/v1/{id}") == "\"/v1/{id}\"")
    }
}
