import DDMClient
import Foundation
import TapedeckTesting
import Testing

/// The client's walk of the last week's jobs, recorded once from the provider
/// simulator (`swift run tapedeck sim` in the Tapedeck folder, then
/// `TAPEDECK_RECORD=all swift test` here) and replayed offline from
/// `Cassettes/otc-ddm/recent-jobs.json` ever after, whatever the date: the
/// window the client computes from its own clock is matched by its offset from now.
struct DDMClientTests {
    static let environment = ProcessInfo.processInfo.environment

    /// Where the API is while recording: the simulator by default, or `DDM_BASE_URL`.
    static let baseURL = URL(string: environment["DDM_BASE_URL"] ?? "http://127.0.0.1:4010/otc-ddm")!
    /// The simulator's own token unless `OS_AUTH_TOKEN` is set; the cassette keeps neither.
    static let token = environment["OS_AUTH_TOKEN"] ?? "MIIYsimulatorTokenOnlyForLoopbackUseAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0001"

    @Test(.cassette("otc-ddm/recent-jobs"))
    func listsTheLastWeeksJobs() async throws {
        let client = DDMClient(baseURL: Self.baseURL, projectID: "619d3e78f61b4be68bc5aa0b59edcf7b", token: Self.token, session: TapedeckTest.urlSession)
        let jobs = try await client.jobs(inTheLast: 7)
        #expect(!jobs.isEmpty)
        #expect(Set(jobs.map(\.id)).count == jobs.count, "no job twice across pages")
        #expect(jobs.allSatisfy { ["Running", "Completed", "Failed"].contains($0.status) })
    }
}
