import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// The committed contracts load; bad contract documents give located errors.
struct ContractLoadingTests {
    @Test func theFiveProviderContractsLoad() {
        #expect(
            Set(Recordings.catalogue.contracts.map(\.provider))
                == ["alibaba-petadata", "huawei-kafka", "huawei-iotda", "yandex-backup", "otc-ddm"])
    }

    @Test func providerIsDetectedFromRequestURLs() {
        let simulator = Recordings.exchange(
            "http://127.0.0.1:8080/otc-ddm/v3/p/jobs?start_time=1&end_time=2", body: [:])
        #expect(Recordings.catalogue.detect([simulator])?.provider == "otc-ddm")
        #expect(Recordings.catalogue.detect(Recordings.alibabaWalk)?.provider == "alibaba-petadata")
        #expect(Recordings.catalogue.detect([SeedExamples.kafka])?.provider == "huawei-kafka")
    }

    @Test func unknownProviderIsBadInput() {
        #expect(throws: InputError.self) { try Recordings.catalogue.contract(for: "aws-s3") }
    }

    static let minimal = """
        openapi: 3.1.0
        info: { title: t, version: "1" }
        x-tapedeck-provider: sample
        paths:
          /v1/items:
            get:
              x-tapedeck-paging:
                style: offset
                offset-param: offset
                limit-param: limit
                items: $.items
              parameters:
                - { name: offset, in: query, schema: { type: integer } }
                - { name: limit, in: query, schema: { type: integer } }
              responses:
                "200": { description: OK }
        """

    @Test func aSixthProviderIsJustADocument() throws {
        let contract = try Contract(yaml: Self.minimal, file: "sample.yaml")
        #expect(contract.provider == "sample")
        let report = ContractChecker(contract: contract).check([
            Recordings.exchange("https://x.example/v1/items?offset=0&limit=1", body: ["items": [1, 2]])
        ])
        #expect(report.violations.map(\.rule) == [.pageSize])
    }

    struct BadDocument: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var location: InputError.Location
        var expected: String
        var testDescription: String { name }
    }

    static let badDocuments: [BadDocument] = [
        BadDocument(
            name: "YAML syntax", text: "openapi: 3.1.0\ninfo: [unclosed\n", location: .line(3, column: 1),
            expected: "well-formed YAML"),
        BadDocument(
            name: "Swagger 2.0", text: minimal.replacingOccurrences(of: "openapi: 3.1.0", with: "swagger: \"2.0\""),
            location: .lineAndPath(1, column: 10, JSONPath(components: [.key("swagger")])), expected: "an OpenAPI 3.0 or 3.1 document"),
        BadDocument(
            name: "unsupported version", text: minimal.replacingOccurrences(of: "openapi: 3.1.0", with: "openapi: 4.0.0"),
            location: .lineAndPath(1, column: 10, JSONPath(components: [.key("openapi")])), expected: "an OpenAPI version 3.0.x or 3.1.x"),
        BadDocument(
            name: "unknown paging style", text: minimal.replacingOccurrences(of: "style: offset", with: "style: cursor"),
            location: .lineAndPath(8, column: 16, pagingPath("style")),
            expected: "one of page-number, offset, marker, token, link-header, has-more, next-link, header-token"),
        BadDocument(
            name: "paging parameter not documented",
            text: minimal.replacingOccurrences(of: "limit-param: limit", with: "limit-param: size"),
            location: .lineAndPath(8, column: 9, pagingPath()),
            expected: "paging parameters that the operation documents"),
        BadDocument(
            name: "malformed JSON path", text: minimal.replacingOccurrences(of: "items: $.items", with: "items: items"),
            location: .lineAndPath(11, column: 16, pagingPath("items")), expected: "a JSON path such as $.page.marker"),
    ]

    static func pagingPath(_ keys: String...) -> JSONPath {
        JSONPath(components: (["paths", "/v1/items", "get", "x-tapedeck-paging"] + keys).map { .key($0) })
    }

    @Test(arguments: badDocuments)
    func badDocumentsGiveLocatedErrors(_ document: BadDocument) {
        do {
            _ = try Contract(yaml: document.text, file: "bad.yaml")
            Issue.record("\(document.name) loaded")
        } catch {
            #expect(error.file == "bad.yaml")
            #expect(error.location == document.location, "\(error)")
            #expect(error.expected == document.expected, "\(error)")
        }
    }

    @Test func notAnOpenAPIDocumentNamesThePath() throws {
        let error = try #require(throws: InputError.self) {
            try Contract(yaml: "openapi: 3.1.0\ninfo: { version: \"1\" }\npaths: {}\n", file: "bad.yaml")
        }
        #expect(error.expected == "an `info` mapping with a `title` and a `version`")
        #expect("\(error)".hasPrefix("bad.yaml"))
        #expect("\(error)".contains("title"))
    }
}
