import Testing
import TapedeckDrift

struct DriftClassTests {
    @Test func classesOrderBySeverity() {
        #expect(DriftClass.nonBreaking < .possiblyBreaking)
        #expect(DriftClass.possiblyBreaking < .breaking)
        #expect(DriftClass(rawValue: "possibly-breaking") == .possiblyBreaking)
    }
}
