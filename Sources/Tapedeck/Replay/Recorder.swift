public import Foundation

/// The recording stage of a cassette in use by a proxy: it keeps each exchange
/// as it completes (sealed on disk in an `InteractionSpool`, so memory does not
/// grow with the recording), and `finish` redacts and writes the cassette
/// atomically, waiting for the exchanges still under way.
package final class Recorder: Sendable {
    package let file: URL
    package let mode: RecordMode
    /// What the file already holds and the mode replays.
    package let replayed: [Interaction]
    /// Whether misses are forwarded and recorded.
    package let records: Bool
    private let redactor: Redactor
    private let spool: InteractionSpool
    /// Exchanges begun and not yet kept or abandoned: `finish` waits for them.
    private let underWay = DispatchGroup()
    /// Spooling happens here, off the event loops.
    private let spooling = DispatchQueue(label: "tapedeck.recorder")

    /// Opens `file` in `mode` for recording, its spool in the temporary folder.
    /// - Throws: `InputError` when the cassette exists but does not read, when the
    ///   mode is `never` and there is no cassette, or when no spool file can be made.
    package init(file: URL, mode: RecordMode, redactor: Redactor) throws(InputError) {
        let exists = FileManager.default.fileExists(atPath: file.path)
        if !exists, mode == .never {
            throw InputError(
                file: file.path, expected: "a recorded cassette (record mode never)", found: "no such file",
                hint: "Record it first: run again with \(RecordMode.environmentVariable)=missing (or once)")
        }
        self.file = file
        self.mode = mode
        self.redactor = redactor
        replayed = exists && mode != .all ? try CassetteStore.load(file).interactions : []
        records = mode == .all || mode == .missing || (mode == .once && !exists)
        spool = try InteractionSpool(in: FileManager.default.temporaryDirectory)
    }

    /// An exchange is under way: `finish` waits for it.
    package func begin() { underWay.enter() }

    /// Records `interaction`, ending one exchange under way.
    package func keep(_ interaction: Interaction) {
        spooling.async { [spool, underWay] in
            spool.append(interaction)
            underWay.leave()
        }
    }

    /// Ends one exchange under way with nothing recorded (the upstream failed).
    package func abandon() { underWay.leave() }

    /// Waits (at most `seconds`) for the exchanges under way, then, when anything
    /// was recorded and `save` is true, writes the cassette redacted and atomically.
    /// - Throws: `InputError` when the cassette cannot be written.
    package func finish(save: Bool, waitingAtMost seconds: Double) throws(InputError) -> (recorded: Int, saved: Bool) {
        _ = underWay.wait(timeout: .now() + seconds)
        spooling.sync {}
        let recorded = spool.count
        guard save, recorded > 0 else { return (recorded, false) }
        try Self.write(mode == .all ? [] : replayed, then: spool, redactor: redactor, to: file)
        return (recorded, true)
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

    /// A fresh recording with its response body stored as what it is (exact JSON, text or bytes).
    private static func classified(_ interaction: Interaction) -> Interaction {
        var classified = interaction
        let body = interaction.response.body
        classified.response.body = RecordedBody(
            data: body.data, contentType: interaction.response.headers["Content-Type"], originalEncoding: body.originalEncoding)
        return classified
    }
}
