import Foundation
import Tapedeck
import TapedeckProviders
import Testing

@testable import TapedeckSimulator

/// Pages assembled from stored task renderings are the pages a tree would have written.
struct TaskRenderingsTests {
    static let tasks = SimulatedTask.generate(count: 6, seed: 9, salt: 1, now: Date(timeIntervalSince1970: 1_795_000_000))

    static func render(_ task: SimulatedTask, drifts: Set<DriftKind>) -> JSONValue {
        ["id": .number(String(task.recordID)), "status": .string(drifts.contains(.enumValue) ? "DRIFTED" : "OK")]
    }

    @Test func storedRenderingsGiveTheSameBytesAsWritingTheTree() throws {
        let renderings = TaskRenderings(capacity: 4)
        for drifts: Set<DriftKind> in [[], [.enumValue], []] {
            let expected = JSONWriter().bytes(from: .array(Self.tasks.map { Self.render($0, drifts: drifts) }))
            for _ in 0..<2 {
                let page = renderings.array(of: Self.tasks, provider: .yandexBackup, drifts: drifts) { Self.render($0, drifts: drifts) }
                #expect(page == expected)
            }
        }
        #expect(renderings.array(of: [], provider: .yandexBackup, drifts: []) { Self.render($0, drifts: []) } == Array("[]".utf8))
    }

    @Test func aRenderingIsReusedNotRecomputed() {
        let renderings = TaskRenderings()
        let calls = Counter()
        for _ in 0..<3 {
            _ = renderings.array(of: Self.tasks, provider: .otcDdm, drifts: []) { task in
                calls.increment()
                return Self.render(task, drifts: [])
            }
        }
        #expect(calls.value == Self.tasks.count)
    }
}

/// Counts calls from a non-escaping closure.
final class Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}
