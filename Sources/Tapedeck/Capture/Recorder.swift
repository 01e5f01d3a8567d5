import Foundation
import Synchronization

/// The recording side of a cassette in use: it opens the file for the mode,
/// keeps each exchange as it completes (in memory, or sealed in an
/// `InteractionSpool` for a long recording), and on `finish` redacts
/// everything and writes the cassette atomically. It does not answer requests:
/// a `ReplayIndex` does, over `replayed`.
package final class Recorder: Sendable {
    package let configuration: CassetteConfiguration
    /// What the file already holds and the mode replays.
    package let replayed: [Interaction]
    /// Whether requests that match nothing are forwarded and recorded.
    package let records: Bool
    /// Exchanges forwarded and not yet kept or abandoned: `finish` waits for them.
    private let underWay = DispatchGroup()
    /// Where a long recording waits for `finish`; `nil` keeps recordings in memory.
    private let spool: InteractionSpool?
    /// Spooling happens here, off the thread that completed the exchange.
    private let spooling = DispatchQueue(label: "tapedeck.spool")
    private let fresh = Mutex<[Interaction]>([])

    /// Opens the configuration's file for its mode.
    /// - Parameter spooled: keep what is recorded on disk until `finish` (a recording proxy), not in memory.
    /// - Throws: `InputError` when the cassette exists but does not read, when the
    ///   mode is `never` and there is no cassette, or when no spool file can be made.
    package init(_ configuration: CassetteConfiguration, spooled: Bool) throws(InputError) {
        let file = configuration.file
        let mode = configuration.mode
        let exists = FileManager.default.fileExists(atPath: file.path)
        if !exists, mode == .never {
            throw InputError(
                file: file.path, expected: "a recorded cassette (record mode never)", found: "no such file",
                hint: "Record it first: run again with \(RecordMode.environmentVariable)=missing (or once)")
        }
        self.configuration = configuration
        replayed = exists && mode != .all ? try CassetteStore.load(file).interactions : []
        records = mode == .all || mode == .missing || (mode == .once && !exists)
        spool = spooled ? try InteractionSpool(in: FileManager.default.temporaryDirectory) : nil
    }

    /// An exchange is under way: `finish` waits for its `keep` or `abandon`.
    package func begin() { underWay.enter() }

    /// Records a complete exchange, and ends one exchange under way.
    package func keep(_ interaction: Interaction) {
        let relativeTimes = configuration.relativeTimes
        let noted: @Sendable () -> Interaction = { Cassette(interactions: [interaction]).notingRelativeTimes(relativeTimes).interactions[0] }
        guard let spool else {
            let interaction = noted()
            fresh.withLock { $0.append(interaction) }
            return underWay.leave()
        }
        spooling.async { [underWay] in
            spool.append(noted())
            underWay.leave()
        }
    }

    /// Ends one exchange under way with nothing recorded (the upstream failed).
    package func abandon() { underWay.leave() }

    /// How many exchanges were recorded so far.
    package var recorded: Int { spool?.count ?? fresh.withLock(\.count) }

    /// Waits for the exchanges under way (`waitingAtMost` seconds at most), then,
    /// when anything was recorded and `save` is true, redacts and writes the cassette atomically.
    /// - Throws: `InputError` when the cassette cannot be written.
    package func finish(save: Bool, waitingAtMost seconds: Double) throws(InputError) -> (recorded: Int, saved: Bool) {
        // A client may have its answer before the upstream reports the
        // exchange complete: wait for what is under way, so it is recorded.
        _ = underWay.wait(timeout: .now() + seconds)
        let kept = configuration.mode == .all ? [] : replayed
        let recorded = self.recorded
        guard save, recorded > 0 else { return (recorded, false) }
        if let spool {
            try Self.write(kept, then: spool, redactor: configuration.redactor, to: configuration.file)
        } else {
            let cassette = Cassette(interactions: kept + fresh.withLock { $0 }.map(Self.classified))
            try CassetteStore.write(configuration.redactor.redact(cassette), to: configuration.file)
        }
        return (recorded, true)
    }

    /// A fresh recording with its response body stored as what it is (exact JSON, text or bytes).
    private static func classified(_ interaction: Interaction) -> Interaction {
        var classified = interaction
        let body = interaction.response.body
        classified.response.body = RecordedBody(
            data: body.data, contentType: interaction.response.headers["Content-Type"], originalEncoding: body.originalEncoding)
        return classified
    }

    /// Writes `kept` and then the spooled recordings, redacted in two passes over
    /// them (find every secret, then write each interaction scrubbed), holding one at a time.
    private static func write(_ kept: [Interaction], then spool: InteractionSpool, redactor: Redactor, to file: URL) throws(InputError) {
        var redaction = Redaction(redactor, numberedAfter: max(PlaceholderTable.highestNumber(in: kept), spool.highestPlaceholder))
        do {
            for interaction in kept { _ = redaction.structural(interaction) }
            try spool.forEach { _ = redaction.structural(classified($0)) }
        } catch {
            throw error as? InputError ?? InputError(file: file.path, expected: "the recording's spool to read back", found: "\(error)")
        }
        try CassetteStore.write(to: file) { emit in
            for interaction in kept { try emit(redaction.scrubbed(redaction.structural(interaction))) }
            try spool.forEach { try emit(redaction.scrubbed(redaction.structural(classified($0)))) }
        }
    }
}
