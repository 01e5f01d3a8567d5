import Foundation
import Synchronization

/// The recording side of a cassette in use. Capture adapters hand it each
/// exchange through a `Recording` as the exchange completes. It is redacted and
/// appended to the cassette's journal (`RecordingWriter`) on a queue of its own,
/// right behind the answer rather than on its client's path, so that recording
/// adds next to nothing to the client's wait; once there, whatever happens to the
/// process, it is on disk and holds no secret. What waits for that queue is
/// bounded (`RecordingBacklog`): past the bound an exchange is written on its client's
/// path. With `syncsEveryExchange` every exchange is written and forced to the
/// disk before its client has the end of the answer; otherwise the journal is
/// forced to the disk at least once a second. `finish` closes it into the cassette.
package final class Recorder: Sendable {
    package let configuration: CassetteConfiguration
    /// Exchanges started and not yet finished or abandoned: `finish` waits for them.
    private let underWay = DispatchGroup()
    private let count = Atomic(0)
    /// The first requests recorded, for the report of near-duplicates at `finish`.
    private let firstRequests = Mutex<[RecordedRequest]>([])
    private static let firstRequestsKept = 100
    /// The redaction and the journal; exchanges completing together take turns.
    private let writer: Mutex<RecordingWriter>
    /// Forces what was written in the last second to the disk, until `finish`.
    private let syncing = Mutex<Task<Void, Never>?>(nil)
    /// Where exchanges are redacted and written, one at a time, in the order they completed.
    private let writing = DispatchQueue(label: "tapedeck.recorder.writer", qos: .userInitiated)
    /// What was handed to `writing` and is not written yet.
    private let backlog = Mutex(RecordingBacklog())

    /// Starts recording into `configuration.file`, keeping `kept` (the cassette's
    /// earlier recordings, mode `missing`) before what is recorded.
    /// - Parameter claim: take the cassette's lock and start the journal now (a
    ///   recording proxy, which must refuse to start when it cannot record);
    ///   otherwise at the first exchange.
    /// - Throws: `InputError` when `claim` is set and the journal cannot be started.
    package init(_ configuration: CassetteConfiguration, keeping kept: [Interaction], claim: Bool) throws(InputError) {
        self.configuration = configuration
        var writer = RecordingWriter(configuration, keeping: configuration.mode == .all ? [] : kept)
        if claim { try writer.open() }
        self.writer = Mutex(writer)
        let task = Task.detached(priority: .utility) { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard let self else { return }
                self.writer.withLock { $0.sync() }
            }
        }
        syncing.withLock { $0 = task }
    }

    deinit { syncing.withLock { $0?.cancel() } }

    /// An exchange is under way: `finish` waits for its token to finish or abandon it.
    package func start(_ request: RecordedRequest) -> Recording {
        underWay.enter()
        firstRequests.withLock { if $0.count < Self.firstRequestsKept { $0.append(request) } }
        return Recording(request: request, sentAt: configuration.clock.now(), recorder: self)
    }

    /// Ends one exchange under way and has it redacted and written: behind its
    /// answer, or before it returns when the backlog is full or every exchange must be on disk first.
    func keep(_ interaction: Interaction) {
        count.add(1, ordering: .relaxed)
        defer { underWay.leave() }
        let size = RecordingBacklog.size(of: interaction.request.body) + RecordingBacklog.size(of: interaction.response.body)
        guard !configuration.syncsEveryExchange, backlog.withLock({ $0.admit(size) }) else {
            // In turn after what waits: the journal keeps the order exchanges completed in.
            return writing.sync { writer.withLock { $0.write(interaction) } }
        }
        writing.async {
            self.writer.withLock { $0.write(interaction) }
            self.backlog.withLock { $0.release(size) }
        }
    }

    /// Ends one exchange under way with nothing recorded.
    func abandon() { underWay.leave() }

    /// How many exchanges were recorded so far.
    package var recorded: Int { count.load(ordering: .relaxed) }

    /// The first requests that went upstream (at most 100), in order.
    package var recordedRequests: [RecordedRequest] { firstRequests.withLock { $0 } }

    /// Waits for the exchanges under way (`waitingAtMost` seconds at most), then,
    /// when anything was recorded and `save` is true, closes the journal into the
    /// cassette; otherwise removes it, leaving the cassette as it was.
    /// - Returns: how many exchanges were recorded, whether the cassette was written,
    ///   and notes for the user (exchanges set aside, and why).
    /// - Throws: `InputError` when the cassette cannot be written; the journal then
    ///   stays beside it for `tapedeck record --recover`.
    package func finish(save: Bool, waitingAtMost seconds: Double) throws(InputError) -> (recorded: Int, saved: Bool, notes: [String]) {
        // A client may have its answer before the upstream reports the
        // exchange complete: wait for what is under way, so it is recorded.
        _ = underWay.wait(timeout: .now() + seconds)
        // What completed is written first, however long the exchanges still under way took.
        writing.sync {}
        syncing.withLock { $0?.cancel() }
        let recorded = self.recorded
        let closed = writer.withLock { writer in
            Result { () throws(InputError) in try writer.close(saving: save && recorded > 0) }
        }
        let (saved, notes) = try closed.get()
        return (recorded, saved, notes)
    }
}
