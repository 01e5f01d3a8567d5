import Foundation
import Tapedeck
import Testing

@testable import TapedeckDrift

/// Each classification on a pair of hand-made recordings.
struct ShapeDiffTests {
    static func recording(_ bodies: String..., status: Int = 200) -> [Interaction] {
        bodies.map { body in
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://api.example/tasks"),
                response: RecordedResponse(status: status, body: RecordedBody(data: Data(body.utf8), contentType: "application/json")),
                recordedAt: Date(), duration: 0)
        }
    }

    static func changes(_ old: [Interaction], _ new: [Interaction], volatile: Set<String> = [], excluded: [String] = []) -> [String] {
        ShapeDiff(committed: ResponseShape(old), fresh: ResponseShape(new), volatile: volatile, excluded: excluded).changes()
            .map { "\($0.kind.rawValue) \($0.path)" }
    }

    static let committed = recording(
        #"{"tasks":[{"id":"a","status":"DONE","note":"x"},{"id":"b","status":"RUNNING"}],"total":2}"#,
        #"{"tasks":[{"id":"c","status":"DONE"},{"id":"d","status":"RUNNING"}],"total":2}"#)

    @Test func identicalShapesWithNewValuesAreNotDrift() {
        let fresh = Self.recording(
            #"{"tasks":[{"id":"e","status":"RUNNING","note":"y"},{"id":"f","status":"DONE"}],"total":2}"#,
            #"{"tasks":[{"id":"g","status":"DONE"},{"id":"h","status":"DONE"}],"total":2}"#)
        #expect(Self.changes(Self.committed, fresh).isEmpty)
    }

    @Test(arguments: [
        (#"{"tasks":[{"id":"e","note":"y"},{"id":"f"}],"total":2}"#, "field-removed $.tasks[*].status", DriftClass.breaking),
        (#"{"tasks":[{"id":"e","status":"DONE"},{"id":"f","status":"DONE"}],"total":2}"#, "optional-field-removed $.tasks[*].note", .possiblyBreaking),
        (#"{"tasks":[{"id":1,"status":"DONE","note":"y"},{"id":2,"status":"DONE"}],"total":2}"#, "type-changed $.tasks[*].id", .breaking),
        (#"{"tasks":[{"id":"e","status":null,"note":"y"},{"id":"f","status":"DONE"}],"total":2}"#, "field-now-null $.tasks[*].status", .breaking),
        (#"{"tasks":[{"id":"e","status":"PAUSED","note":"y"},{"id":"f","status":"DONE"}],"total":2}"#, "enum-value-added $.tasks[*].status", .possiblyBreaking),
        (#"{"tasks":[{"id":"e","status":"DONE","note":"y","owner":"me"},{"id":"f","status":"DONE"}],"total":2}"#, "field-added $.tasks[*].owner", .nonBreaking),
        (#"{"tasks":[{"id":"e","note":"y","status":"DONE"},{"id":"f"}],"total":2}"#, "field-now-optional $.tasks[*].status", .possiblyBreaking),
    ])
    func eachChangeIsFoundAndClassified(freshPage: String, expected: String, driftClass: DriftClass) throws {
        let fresh = Self.recording(freshPage, freshPage)
        let found = Self.changes(Self.committed, fresh)
        #expect(found == [expected])
        let kind = try #require(ChangeKind(rawValue: String(expected.prefix { $0 != " " })))
        #expect(kind.defaultClass == driftClass)
    }

    @Test func aRemovedObjectIsOneFindingNotOnePerMember() {
        let old = Self.recording(#"{"page":{"marker":"1","count":3},"tasks":[]}"#)
        let new = Self.recording(#"{"tasks":[]}"#)
        #expect(Self.changes(old, new) == ["field-removed $.page"])
    }

    @Test func statusesAndPageSizesAreBehaviour() {
        let old = Self.recording(#"{"tasks":[1,2,3]}"#, #"{"tasks":[4]}"#)
        let new = Self.recording(#"{"tasks":[1,2]}"#, #"{"tasks":[3,4]}"#)
        #expect(Self.changes(old, new) == ["page-size-changed first page"])
        let refused = Self.recording(#"{"error":"x"}"#, status: 400)
        #expect(Self.changes(old, refused).contains("status-changed status"))
    }

    @Test func volatileValuesLearnedFromTwoRecordingsAreNotDrift() {
        let old = Self.recording(
            #"{"requestId":"r1","tasks":[]}"#, #"{"requestId":"r2","tasks":[]}"#, #"{"requestId":"r1","tasks":[]}"#, #"{"requestId":"r2","tasks":[]}"#)
        let first = Self.recording(#"{"requestId":"r7","tasks":[]}"#, #"{"requestId":"r8","tasks":[]}"#)
        let second = Self.recording(#"{"requestId":"r9","tasks":[]}"#, #"{"requestId":"r5","tasks":[]}"#)
        #expect(Self.changes(old, first) == ["enum-value-added $.requestId"], "without learning, a request id looks like a new enumeration value")
        let volatile = VolatilePaths.learn(ResponseShape(first), ResponseShape(second))
        #expect(volatile == ["$.requestId"])
        #expect(Self.changes(old, first, volatile: volatile).isEmpty)
    }

    @Test func excludedPathsAndTheirChildrenAreNeverCompared() {
        let old = Self.recording(#"{"meta":{"a":1,"b":"x"},"tasks":[]}"#)
        let new = Self.recording(#"{"meta":{"a":"1"},"tasks":[]}"#)
        #expect(Self.changes(old, new).count == 2)
        #expect(Self.changes(old, new, excluded: ["$.meta"]).isEmpty)
    }

    @Test func anErrorBodyIsNotComparedWithAPage() {
        let old = Self.recording(#"{"tasks":[1]}"#)
        let new = Self.recording(#"{"error_code":"X"}"#, status: 400)
        let shared = Set(old.map { $0.response.status / 100 }).intersection(new.map { $0.response.status / 100 })
        let diff = ShapeDiff(
            committed: ResponseShape(old, bodiesOf: shared), fresh: ResponseShape(new, bodiesOf: shared), volatile: [], excluded: [])
        #expect(diff.changes().map(\.kind) == [.statusChanged])
    }
}
