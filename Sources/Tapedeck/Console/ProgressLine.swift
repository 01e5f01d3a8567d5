import Foundation

/// One line of progress on standard error, rewritten in place, for long runs on
/// a terminal: `drift: scenario 3 of 16, otc-ddm-walk, 12 s`. With no terminal
/// (a pipe, a file) or in CI (`CI` set and not empty) it stays quiet, so logs and reports hold
/// only what they should.
package struct ProgressLine {
    private let label: String
    private let started = Date()
    private let shown: Bool

    package init(_ label: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.label = label
        shown = isatty(STDERR_FILENO) == 1 && (environment["CI"] ?? "").isEmpty
    }

    /// Shows step `index` (1-based) of `count`, with what it is working on.
    package func step(_ index: Int, of count: Int, _ what: String) {
        show("\(index) of \(count), \(what)")
    }

    /// Shows what the run is working on now: a phase, a running count.
    package func show(_ what: String) {
        guard shown else { return }
        let elapsed = Int(Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label): \(what), \(elapsed) s".utf8))
    }

    /// Clears the line once the run is done.
    package func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
