import Foundation

/// The redact and store stages of a recording, one exchange at a time: each
/// is classified (its body stored as what it is), noted with the relative
/// times it sent, redacted with the placeholders found so far, checked against
/// `CassetteBounds`, and appended to the cassette's journal. An exchange the
/// cassette reader would refuse (status 0, a time out of range) is set aside
/// with the reason, never aborting the others.
///
/// A secret is often first recognised where it is used (a token in a later
/// request's header) after a copy of it was written unrecognised (an earlier
/// answer's body). `close` looks for such late secrets in what was written
/// before they were found; only when one is there does it rewrite the cassette
/// with them scrubbed. Otherwise closing is a rename.
struct RecordingWriter {
    private let configuration: CassetteConfiguration
    private let kept: [Interaction]
    private var journal: CassetteJournal?
    private var redaction: Redaction
    /// Exchanges the disk refused, tried again before the next one.
    private var unwritten: [Interaction] = []
    /// Exchanges the cassette reader would refuse, with the reason.
    private var setAside: [(interaction: Interaction, reason: String)] = []
    /// How many secrets the first new record left known, and the last record that found one more.
    private var secretsAtFirstRecord: Int?
    private var lastDiscovery: Int?
    private var unsynced = false
    private var closed = false

    init(_ configuration: CassetteConfiguration, keeping kept: [Interaction]) {
        self.configuration = configuration
        self.kept = kept
        redaction = Redaction(configuration.redactor, numberedAfter: PlaceholderTable.highestNumber(in: kept))
    }

    /// Starts the journal (takes the cassette's lock), once.
    /// - Throws: `InputError` when another recorder holds the cassette or the folder cannot be written.
    mutating func open() throws(InputError) {
        guard journal == nil else { return }
        journal = try CassetteJournal(recording: configuration.file, keeping: kept)
    }

    /// Redacts `interaction` and appends it to the journal (started at the first).
    mutating func write(_ interaction: Interaction) {
        guard !closed else { return }
        let noted = Cassette(interactions: [interaction]).notingRelativeTimes(configuration.relativeTimes).interactions[0]
        let before = redaction.secretCount
        let redacted = redaction.scrubbed(redaction.structural(Self.classified(noted)))
        if let problem = CassetteBounds.problem(in: redacted) {
            setAside.append((redacted, "\(problem.member): expected \(problem.expected), found \(problem.found)"))
            return
        }
        // A journal that cannot start, or a disk that refuses: kept in memory, tried
        // again with the next exchange and at `close`, which reports what stands in the way.
        if journal == nil { try? open() }
        guard let journal, appendUnwritten() else { return unwritten.append(redacted) }
        guard journal.append(redacted) else { return unwritten.append(redacted) }
        unsynced = true
        if secretsAtFirstRecord == nil {
            secretsAtFirstRecord = redaction.secretCount
        } else if redaction.secretCount > before {
            lastDiscovery = journal.records - 1
        }
        if configuration.syncsEveryExchange { sync() }
    }

    /// Writes what the disk refused before; false when it still refuses.
    private mutating func appendUnwritten() -> Bool {
        guard let journal else { return false }
        while let first = unwritten.first {
            guard journal.append(first) else { return false }
            unwritten.removeFirst()
        }
        return true
    }

    /// Forces what was written since the last time to the disk.
    mutating func sync() {
        guard unsynced, !closed else { return }
        journal?.sync()
        unsynced = false
    }

    /// Ends the recording: the cassette written (when `saving`) or left as it was.
    /// - Returns: whether the cassette was written, and notes for the user.
    mutating func close(saving: Bool) throws(InputError) -> (saved: Bool, notes: [String]) {
        guard !closed else { return (false, []) }
        closed = true
        var notes = redaction.warnings
        if !setAside.isEmpty { notes.append(writeSetAside()) }
        guard saving else {
            journal?.discard()
            return (false, notes)
        }
        if journal == nil { try open() }
        guard let journal else { return (false, notes) }
        guard appendUnwritten() else {
            throw InputError(
                file: configuration.file.path, expected: "room on the disk for the recording",
                found: "\(unwritten.count) exchanges that could not be written (\(String(cString: strerror(errno))))",
                hint:
                    "The \(journal.records - kept.count) written before are kept: free some space and run tapedeck record --recover \(configuration.file.path)")
        }
        if let lastDiscovery, let secretsAtFirstRecord {
            let late = redaction.secretsFound(after: secretsAtFirstRecord)
            let written = journal.bytes(of: 0..<lastDiscovery)
            let holdsLateSecret = written.withUnsafeBytes { late.scrub($0.bindMemory(to: UInt8.self)) } != nil
            if holdsLateSecret {
                try rewriteScrubbed(journal)
                return (true, notes)
            }
        }
        try journal.finish()
        return (true, notes)
    }

    /// Writes the cassette anew from the journal, every record scrubbed of every
    /// secret found, then removes the journal.
    private func rewriteScrubbed(_ journal: CassetteJournal) throws(InputError) {
        let file = configuration.file
        try CassetteStore.write(to: file) { emit in
            try journal.forEachRecord { record in
                try emit(redaction.scrubbed(Interaction(jsonValue: JSONParser.parse(record), file: file.path)))
            }
        }
        journal.discard()
    }

    /// Writes the exchanges set aside beside the cassette, redacted, one JSON object a line.
    /// - Returns: the note that says where they are and why.
    private func writeSetAside() -> String {
        let file = URL(fileURLWithPath: configuration.file.path + ".rejected")
        var lines = ""
        for (interaction, reason) in setAside {
            let value: JSONValue = ["reason": .string(reason), "interaction": interaction.jsonValue]
            lines += value.compactText + "\n"
        }
        let written = (try? AtomicFile.write(Data(lines.utf8), to: file)) != nil
        let reasons = Set(setAside.map(\.reason)).sorted().prefix(3).joined(separator: "; ")
        return "\(setAside.count) exchanges the cassette cannot hold were set aside (\(reasons))"
            + (written ? " in \(file.path)" : ", and could not be written beside it")
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
