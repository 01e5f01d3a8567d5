public import Tapedeck
public import TapedeckHTTP

/// How a simulator starts: its data seed and size, the drifts switched on,
/// and the faults injected into provider answers.
public struct SimulatorConfiguration: Sendable {
    /// The same seed gives the same tasks.
    public var seed: UInt64
    /// Tasks per instance, at most `maximumTasksPerInstance`.
    public var tasksPerInstance: Int
    /// The most tasks an instance may hold: every task is generated up front.
    public static let maximumTasksPerInstance = 100_000
    /// Contracts broken from the start (switchable at run time too).
    public var drifts: Set<DriftKind>
    /// Faults injected into provider answers (never into the admin endpoints).
    public var faults: [HTTPFault]
    /// When set, a new task appears on an instance after every this many requests
    /// to its provider, as on a live account: a walk can see the listing change under it.
    public var newTaskEvery: Int?
    /// Where "now" comes from: task times, windows and signature freshness are relative to it.
    public var clock: TapedeckClock

    public init(
        seed: UInt64 = 1, tasksPerInstance: Int = 120, drifts: Set<DriftKind> = [], faults: [HTTPFault] = [], newTaskEvery: Int? = nil,
        clock: TapedeckClock = .current
    ) {
        self.clock = clock
        self.seed = seed
        self.tasksPerInstance = tasksPerInstance
        self.drifts = drifts
        self.faults = faults
        self.newTaskEvery = newTaskEvery
    }
}
