/// How a simulator starts: its data seed and size, and the drifts switched on.
public struct SimulatorConfiguration: Sendable {
    /// The same seed gives the same tasks.
    public var seed: UInt64
    /// Tasks per instance.
    public var tasksPerInstance: Int
    /// Contracts broken from the start (switchable at run time too).
    public var drifts: Set<DriftKind>
    public init(seed: UInt64 = 1, tasksPerInstance: Int = 120, drifts: Set<DriftKind> = []) {
        self.seed = seed
        self.tasksPerInstance = tasksPerInstance
        self.drifts = drifts
    }
}
