import Foundation
import Synchronization

/// The recording side of a cassette in use: it opens the file for the mode,
/// keeps each exchange as it completes (in memory, or, for a long recording,
/// sealed in an `InteractionSpool` a few MiB at a time), and on `finish`
/// redacts everything and writes the cassette atomically. It does not answer
/// requests: a `ReplayIndex` does, over `replayed`.
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
    /// Batches handed to `spooling` and not spooled yet: past `Self.batchesWaiting`
    /// (plus one per thread that hands batches over), a spool that falls behind
    /// (the CPU taken by a fast proxy and its clients) makes the thread that
    /// completes an exchange wait, an event loop included, so memory stays bounded.
    private let spoolSlots = DispatchSemaphore(value: Recorder.batchesWaiting)
    private static let batchesWaiting = 4
    /// Recorded and not spooled yet (everything, without a spool).
    private let fresh = Mutex(Batch())
    /// How many bytes of bodies wait in `fresh` before they go to the spool
    /// together: one hand-over per batch, not one per exchange, so that a proxy's
    /// exchanges do not each wake a thread and compete with it for the CPU.
    private let batchBytes: Int
    /// How many exchanges were kept.
    private let kept = Atomic(0)

    private struct Batch {
        var interactions: [Interaction] = []
        var bodyBytes = 0
    }

    /// Opens the configuration's file for its mode.
    /// - Parameters:
    ///   - spooled: keep what is recorded on disk until `finish` (a recording proxy), not in memory.
    ///   - batchBytes: how many bytes of bodies go to the spool at once.
    /// - Throws: `InputError` when the cassette exists but does not read, when the
    ///   mode is `never` and there is no cassette, or when no spool file can be made.
    package init(_ configuration: CassetteConfiguration, spooled: Bool, batchBytes: Int = 4 << 20) throws(InputError) {
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
        self.batchBytes = batchBytes
    }

    /// An exchange is under way: `finish` waits for its `keep` or `abandon`.
    package func begin() { underWay.enter() }

    /// Records a complete exchange, and ends one exchange under way.
    package func keep(_ interaction: Interaction) {
        kept.add(1, ordering: .relaxed)
        let handedOver = fresh.withLock { batch in
            batch.interactions.append(interaction)
            // Without a spool, everything stays here until `finish`: nothing to weigh.
            guard let spool else { return false }
            batch.bodyBytes += Self.bodyBytes(interaction.request.body) + Self.bodyBytes(interaction.response.body)
            guard batch.bodyBytes >= batchBytes else { return false }
            let full = batch.interactions
            batch = Batch()
            // Queued under the lock, so that batches are spooled in the order they filled;
            // still under way until spooled, so that `finish` waits for it.
            underWay.enter()
            spooling.async { [underWay, spoolSlots, configuration] in
                Self.spool(full, into: spool, notingRelativeTimes: configuration.relativeTimes)
                spoolSlots.signal()
                underWay.leave()
            }
            return true
        }
        // Past `batchesWaiting` batches queued, the thread that completed this exchange waits for the spool.
        if handedOver { spoolSlots.wait() }
        underWay.leave()
    }

    /// Ends one exchange under way with nothing recorded (the upstream failed).
    package func abandon() { underWay.leave() }

    /// How many exchanges were recorded so far.
    package var recorded: Int { kept.load(ordering: .relaxed) }

    /// What a body weighs in memory, near enough to bound a batch.
    private static func bodyBytes(_ body: RecordedBody) -> Int {
        switch body.content {
        case .empty: 0
        case .binary(let data): data.count
        case .text(let text): text.utf8.count
        // A proxy's bodies are bytes until the cassette is written; a parsed one counts as a few KiB.
        case .json: 4 << 10
        }
    }

    private static func spool(_ interactions: [Interaction], into spool: InteractionSpool, notingRelativeTimes bindings: [RelativeTime.Binding]) {
        for interaction in Cassette(interactions: interactions).notingRelativeTimes(bindings).interactions { spool.append(interaction) }
    }

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
        let last = fresh.withLock { batch in
            defer { batch = Batch() }
            return batch.interactions
        }
        if let spool {
            // After the batches under way (the queue is serial), so that the order is kept.
            spooling.sync { Self.spool(last, into: spool, notingRelativeTimes: configuration.relativeTimes) }
            try Self.write(kept, then: spool, redactor: configuration.redactor, to: configuration.file)
        } else {
            let noted = Cassette(interactions: last).notingRelativeTimes(configuration.relativeTimes).interactions
            let cassette = Cassette(interactions: kept + noted.map(Self.classified))
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
