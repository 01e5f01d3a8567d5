package import Foundation

/// One cassette in use, the engine behind every front end: the in-process
/// `URLSession` (`CassetteSession`), the replay server and recording proxies,
/// and the OpenAPI transport. It opens the cassette for its mode (recovering a
/// recording whose recorder died first), answers requests from its
/// `ReplayIndex`, hands out a `Recording` for each exchange that goes upstream,
/// keeps the near-miss reports, redacted, and sums it all up at `finish`.
package final class CassetteDeck: Sendable {
    package let configuration: CassetteConfiguration
    package let index: ReplayIndex
    /// `nil` when the mode only replays.
    private let recorder: Recorder?
    private let log = MissLog()
    /// The cassette files replayed, in order, and how many interactions each gave.
    package let files: [(file: URL, count: Int)]
    /// What opening recovered of a recording whose recorder stopped before it saved.
    package let recovered: CassetteJournal.Recovery?
    /// What reading the cassettes warned about: a HAR's entries left out and values repaired.
    package let warnings: [String]

    /// What a request finds in the cassette.
    package enum Answer: Sendable {
        case replayed(index: Int, response: RecordedResponse)
        /// Nothing matches (or the mode records everything anew) and the deck records: forward it.
        case unrecorded
        /// Nothing matches and the deck only replays: the redacted near-miss report, also kept for the summary.
        case missed(CassetteMiss)
    }

    /// Opens `configuration.file` for its mode.
    /// - Parameters:
    ///   - others: more cassettes replayed after it (replay only: a recording has one cassette).
    ///   - claim: when the mode records, take the cassette's lock now, so that a
    ///     second recorder is refused before anything is answered (a recording proxy).
    /// - Throws: `InputError` when a cassette exists but does not read, when the mode
    ///   is `never` and there is no cassette, when another recorder holds it, or
    ///   (with `claim`) when the recording cannot be started.
    package init(_ configuration: CassetteConfiguration, replayingAlso others: [URL] = [], claim: Bool = false) throws(InputError) {
        let file = configuration.file
        let mode = configuration.mode
        let records = mode == .all || mode == .missing || (mode == .once && !FileManager.default.fileExists(atPath: file.path))
        recovered = records ? try CassetteJournal.recover(file) : nil
        let exists = FileManager.default.fileExists(atPath: file.path)
        if !exists, mode == .never {
            throw InputError(
                file: file.path, expected: "a recorded cassette (record mode never)", found: "no such file",
                hint: "Record it first: run again with \(RecordMode.environmentVariable)=missing (or once)")
        }
        var files: [(file: URL, count: Int)] = []
        var interactions: [Interaction] = []
        var warnings: [String] = []
        for cassette in (exists && mode != .all ? [file] : []) + (records ? [] : others) {
            let loaded = try CassetteStore.loadReporting(cassette, redactor: configuration.redactor)
            files.append((cassette, loaded.cassette.interactions.count))
            interactions += loaded.cassette.interactions
            warnings += loaded.warnings
        }
        if files.isEmpty { files = [(file, 0)] }
        self.configuration = configuration
        self.files = files
        self.warnings = warnings
        recorder = records ? try Recorder(configuration, keeping: interactions, claim: claim) : nil
        index = ReplayIndex(
            interactions, matcher: configuration.matcher, allowsRepeats: configuration.allowsRepeats, timeMatching: configuration.timeMatching)
    }

    /// Whether requests that match nothing are forwarded and recorded.
    package var records: Bool { recorder != nil }

    /// Whether every request goes upstream, none replayed (mode `all`): a front end may skip `answer`.
    package var recordsEverything: Bool { configuration.mode == .all && records }

    /// Looks `request` up; a miss in a deck that does not record is kept for the summary.
    package func answer(_ request: RecordedRequest) -> Answer {
        if recordsEverything { return .unrecorded }
        switch index.lookup(request) {
        case .hit(let position, let response): return .replayed(index: position, response: response)
        case .miss where records: return .unrecorded
        case .miss:
            let shown = index.explain(request).redacted(by: configuration.redactor, request: request)
            log.append(shown)
            return .missed(shown)
        }
    }

    /// The bytes of the recorded response body at `position`.
    package func responseBody(at position: Int) -> Data { index.responseBody(at: position) }

    /// Starts recording the exchange of `request`, which is going upstream.
    /// - Precondition: the deck records (`answer` said `.unrecorded`).
    package func startRecording(_ request: RecordedRequest) -> Recording {
        guard let recorder else { preconditionFailure("startRecording on a cassette deck that only replays") }
        return recorder.start(request)
    }

    /// How many exchanges were recorded so far.
    package var recorded: Int { recorder?.recorded ?? 0 }

    /// Misses so far, redacted (the first `MissLog.kept`).
    package var misses: [CassetteMiss] { log.reports }

    /// Makes every recorded interaction available again and forgets the misses.
    package func rewind() {
        index.rewind()
        log.clear()
    }

    /// Ends the deck: waits for the exchanges under way (`waitingAtMost` seconds at
    /// most), then, when anything was recorded and `save` is true, writes the cassette.
    /// - Throws: `InputError` when the cassette cannot be written (the recording
    ///   then stays beside it for `tapedeck record --recover`).
    package func finish(save: Bool, waitingAtMost seconds: Double) throws(InputError) -> CassetteSummary {
        let written = try recorder?.finish(save: save, waitingAtMost: seconds) ?? (recorded: 0, saved: false, notes: [])
        return CassetteSummary(
            replayed: index.replayed, recorded: written.recorded, misses: log.reports, missed: log.count,
            unused: configuration.mode == .all ? [] : index.unused, saved: written.saved, notes: written.notes + nearDuplicates())
    }

    /// Requests recorded anew although the cassette holds one that differs from
    /// each in a part or two: the sign of a value that changes on every run (a
    /// time, a nonce), which would grow the cassette at every run in mode `missing`.
    private func nearDuplicates() -> [String] {
        guard let recorder, !recordsEverything, !index.interactions.isEmpty else { return [] }
        var notes: [String] = []
        for request in recorder.recordedRequests where notes.count < 5 {
            let miss = index.explain(request)
            guard let (position, differences) = miss.nearest.first, (1...2).contains(differences.count) else { continue }
            let shown = miss.redacted(by: configuration.redactor, request: request)
            let parts = shown.nearest.first?.differences.map(\.description).joined(separator: "; ") ?? ""
            notes.append(
                "\(shown.method) \(shown.url) was recorded again, though interaction \(position) differs from it only in: \(parts). "
                    + "A value that changes on every run grows the cassette at every run: match it by time or mark it volatile (docs/testing.md)")
        }
        return notes
    }
}
