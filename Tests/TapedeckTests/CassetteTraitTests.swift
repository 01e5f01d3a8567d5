import Foundation
import Testing

@testable import Tapedeck
@testable import TapedeckTesting

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A test under `.cassette(…)` replays through `TapedeckTest.urlSession`.
struct CassetteTraitTests {
    static let root: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-trait-\(UUID().uuidString)")
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:9/otc-ddm/v3/p/jobs?offset=0"),
            response: RecordedResponse(status: 200, headers: ["Content-Type": "application/json"], body: RecordedBody(content: .json(["total": 0, "jobs": []]))),
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
        #expect(TapedeckTest.session?.mode == .never)
    }

    @Test func theCassetteFolderIsFoundBesidePackageSwift() {
        let folder = CassetteTrait.packageCassettes(from: #filePath)
        #expect(folder.lastPathComponent == "Cassettes")
        #expect(FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent("Package.swift").path))
    }
}
