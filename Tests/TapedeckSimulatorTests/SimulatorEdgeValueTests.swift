import Foundation
import Tapedeck
import TapedeckProviders
import TapedeckSimulator
import Testing

/// The simulator answers every paging value a client may send, Int.max,
/// Int.min and negatives included, with a status: it never traps.
struct SimulatorEdgeValueTests {
    @Test(arguments: ProviderID.allCases, ["9223372036854775807", "-9223372036854775808", "-1", "99999999999999999999"])
    func everyQueryValueGetsAnAnswer(provider: ProviderID, value: String) async throws {
        try await SimulatorTests.withSimulator { simulator in
            let (path, query) = SimulatorFixtures.firstPage(for: provider, pageSize: 10, now: SimulatorTests.now)
            for item in query {
                var edited = Dictionary(query.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
                edited[item.name] = value
                let (status, _) = try await SimulatorTests.get(simulator, provider, path: path, query: edited)
                #expect((200...599).contains(status), "\(item.name)=\(value)")
            }
        }
    }
}
