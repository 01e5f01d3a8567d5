import Foundation
import Synchronization
import Testing

@testable import Tapedeck
@testable import TapedeckTesting
import TapedeckProviders
import TapedeckTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A test under `.cassette(…)` replays through `TapedeckTest.urlSession`.
struct CassetteTraitTests {
    static let root: URL = {
        let folder = scratchRoot.appendingPathComponent("tapedeck-trait-\(UUID().uuidString)")
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:9/otc-ddm/v3/p/jobs?offset=0"),
            response: RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json"], body: RecordedBody(content: .json(["total": 0, "jobs": []]))),
            recordedAt: Date(), duration: 0)
        try? CassetteStore.write(Cassette(interactions: [interaction]), to: folder.appendingPathComponent("otc-ddm/empty.json"))
        return folder
    }()

    @Test(.cassette("otc-ddm/empty", mode: .never, root: root))
    func replaysThroughTheTestsSession() async throws {
        let url = try #require(URL(string: "http://127.0.0.1:9/otc-ddm/v3/p/jobs?offset=0"))
        let (data, response) = try await TapedeckTest.urlSession.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == #"{"total":0,"jobs":[]}"#)
        #expect(TapedeckTest.session?.configuration.mode == .never)
    }

    /// Which case of `eachCaseOfAParameterizedTestHasItsOwnCassette` opened which cassette file.
    static let claims = Mutex<[String: Int]>([:])

    /// The cassette names the cases got in an earlier run: the same arguments must
    /// find the same cassette in every run (a name taken from something that
    /// changes per run, like a memory address, would orphan every recording).
    static let namesFromAnEarlierRun = [
        1: "per-case-563nts7ukswy.json", 2: "per-case-1ulsxj3dz75gl.json", 3: "per-case-6pzhr1kkv9s5.json", 4: "per-case-2o2p9sfvq5vzl.json",
    ]

    @Test(.cassette("otc-ddm/per-case", mode: .missing, root: root), arguments: [1, 2, 3, 4])
    func eachCaseOfAParameterizedTestHasItsOwnCassette(number: Int) throws {
        let file = try #require(TapedeckTest.session?.configuration.file)
        #expect(file.lastPathComponent == Self.namesFromAnEarlierRun[number])
        let owner = Self.claims.withLock { claims in
            if let owner = claims[file.path] { return owner }
            claims[file.path] = number
            return number
        }
        #expect(owner == number, "case \(number) was given the cassette of case \(owner)")
    }

    @Test func thePackageFolderIsFoundAbovePackageSwift() {
        let folder = CassetteTrait.packageFolder(from: #filePath)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path))
        #expect(folder.appendingPathComponent("Tests/TapedeckTests/CassetteTraitTests.swift").path == #filePath)
    }

    /// A folder of contracts and profiles, as a package keeps in `Scenarios/contracts`:
    /// one profile whose `nonce` query parameter changes on every request.
    static let contracts: String = {
        let folder = root.appendingPathComponent("contracts")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let profile = #"{"id": "nonce-api", "recognise": {"paths": ["/nonce/items"]}, "volatile": {"queryParameters": ["nonce"]}}"#
        try? Data(profile.utf8).write(to: folder.appendingPathComponent("nonce-api.profile.json"))
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:9/nonce/items?nonce=1&page=1"),
            response: RecordedResponse(status: 200), recordedAt: Date(), duration: 0)
        try? CassetteStore.write(Cassette(interactions: [interaction]), to: root.appendingPathComponent("nonce/items.json"))
        return folder.path
    }()

    /// The trait matches as `tapedeck serve` does: a profile among the package's
    /// contracts that marks a parameter volatile is honoured in-process too.
    @Test(.cassette("nonce/items", mode: .never, contracts: contracts, root: root))
    func theProfilesOfThePackagesContractsReachTheMatcher() async throws {
        let session = try #require(TapedeckTest.session)
        #expect(session.configuration.matcher.ignoredQueryParameters.contains("nonce"))
        let (_, response) = try await TapedeckTest.urlSession.data(from: try #require(URL(string: "http://127.0.0.1:9/nonce/items?nonce=2&page=1")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
    }

    @Test func withoutTheProfileTheVolatileParameterIsCompared() throws {
        let catalogue = try CassetteTrait.profiles(nil, in: Self.root)
        #expect(try !catalogue.redactor(environment: [:]).matcher().ignoredQueryParameters.contains("nonce"))
        #expect(try CassetteTrait.profiles(Self.contracts, in: Self.root).profile("nonce-api") != nil)
        #expect(throws: InputError.self) { try CassetteTrait.profiles("no/such/folder", in: Self.root) }
    }

    /// A rules file beside the cassettes that pseudonymises a project id.
    static let rulesFile: String = {
        let file = root.appendingPathComponent("redaction.json")
        try? Data(#"{"pseudonyms": [{"value": "0a1b2c-project", "kind": "project"}], "headers": ["X-Tenant-Key"]}"#.utf8).write(to: file)
        return file.path
    }()

    @Test(.cassette("otc-ddm/empty", mode: .never, rules: rulesFile, root: root))
    func aRulesFileReachesTheRedactorAndTheMatcher() throws {
        let session = try #require(TapedeckTest.session)
        #expect(session.configuration.matcher.pseudonyms.apply(to: "/v3/0a1b2c-project/jobs") == "/v3/pseudo-project-1/jobs")
        let tenant = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:9/v3/0a1b2c-project/jobs", headers: ["X-Tenant-Key": "plantedTenant"]),
            response: RecordedResponse(status: 200), recordedAt: Date(), duration: 0)
        let redacted = try #require(session.configuration.redactor.redact(Cassette(interactions: [tenant])).interactions.first?.request)
        #expect(redacted.headers["x-tenant-key"]?.hasPrefix("REDACTED-x-tenant-key-") == true)
        #expect(redacted.url == "http://127.0.0.1:9/v3/pseudo-project-1/jobs")
        _ = session.deck.answer(RecordedRequest(method: "GET", url: "http://127.0.0.1:9/otc-ddm/v3/p/jobs?offset=0"))
    }

    /// What a test under the trait reports when its request matches nothing: the
    /// trait run inside `withKnownIssue`, so the issues it records are collected, not failures here.
    static func issues(whenTheClient throwsItsError: Bool) async throws -> [String] {
        let test = try #require(Test.current)
        let trait = CassetteTrait.cassette("otc-ddm/empty", mode: .never, root: root)
        let recorded = Mutex<[String]>([])
        try await withKnownIssue {
            try await trait.provideScope(for: test, testCase: nil) {
                let url = try #require(URL(string: "http://127.0.0.1:9/otc-ddm/v3/p/jobs?offset=20"))
                do {
                    _ = try await TapedeckTest.urlSession.data(from: url)
                } catch  where !throwsItsError {
                    // A client that swallows the error: the miss must still fail the test.
                }
            }
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined() + (issue.error.map { " error (\(type(of: $0))): \($0)" } ?? "")
            recorded.withLock { (issues: inout [String]) -> Void in issues.append(text) }
            return true
        }
        return recorded.withLock { $0 }
    }

    @Test(arguments: [true, false])
    func aMissFailsTheTestWithTheNearMissReportWhetherOrNotTheClientThrows(clientThrows: Bool) async throws {
        let issues = try await Self.issues(whenTheClient: clientThrows)
        #expect(issues.count == 1, "one issue, the near-miss report, and not the client's error besides: \(issues)")
        let report = try #require(issues.first)
        #expect(report.contains("no recorded interaction matches GET http://127.0.0.1:9/otc-ddm/v3/p/jobs?offset=20"))
        #expect(report.contains(#"query offset: recorded "0", requested "20""#))
        // The issue is the report itself, whose first line names the request; never the client's URLError.
        #expect(report.hasPrefix(" error (CassetteMiss): no recorded interaction matches GET"), "\(report)")
    }

    @Test func theClientsErrorForAMissCarriesTheReport() async throws {
        let file = scratchRoot.appendingPathComponent("trait-miss-\(UUID().uuidString).json")
        try CassetteStore.write(Cassette(interactions: []), to: file)
        let session = try CassetteSession(CassetteConfiguration(file: file, mode: .never))
        let url = try #require(URL(string: "http://127.0.0.1:9/v3/p/jobs?offset=20"))
        do {
            _ = try await session.urlSession().data(from: url)
            Issue.record("a request to an empty cassette must fail")
        } catch {
            #expect(CassetteMiss.isReported(by: error))
            #expect(error.localizedDescription.contains("Tapedeck: no recorded interaction matches GET http://127.0.0.1:9/v3/p/jobs?offset=20"))
        }
        try session.finish()
    }
}
