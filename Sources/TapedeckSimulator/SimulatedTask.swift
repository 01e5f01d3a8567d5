import Foundation

/// One generated task: the provider-neutral facts every provider's fields are made from.
struct SimulatedTask: Sendable {
    /// 0 is the newest task.
    var index: Int
    /// A large, unique, descending-with-age record id (IoTDA's marker, Yandex's int64 id).
    var recordID: Int64
    var created: Date
    var finished: Date
    /// A deterministic pseudo-random number for picking enumeration values.
    var draw: UInt64

    func pick<T>(_ values: [T], salt: UInt64 = 0) -> T {
        values[Int((draw &+ salt &* 0x9E37_79B9_7F4A_7C15) % UInt64(values.count))]
    }

    /// A hex string of `length` digits derived from the task.
    func hex(_ length: Int, salt: UInt64 = 0) -> String {
        var state = draw ^ salt
        var text = ""
        while text.count < length {
            state = SimulatedTask.mix(state)
            text += String(state, radix: 16)
        }
        return String(text.prefix(length))
    }

    /// A task that appears while the simulator runs (`newTaskEvery`): the
    /// `number`th arrival after the `count` generated ones, created at `date`,
    /// with a record id above every other.
    static func arrival(number: Int, after count: Int, seed: UInt64, salt: UInt64, at date: Date) -> SimulatedTask {
        let index = count + number
        let draw = mix(seed ^ mix(salt ^ UInt64(index)))
        return SimulatedTask(
            index: index, recordID: 1_805_431_584_415_000_000 + Int64(index + 1) * 1_000 + Int64(draw % 997),
            created: date, finished: date.addingTimeInterval(Double(draw % 3_600) + 60), draw: draw)
    }

    /// SplitMix64's finaliser: a well-spread hash of `value`.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The tasks of one instance, newest first, spread over the last 20 days before `now`.
    static func generate(count: Int, seed: UInt64, salt: UInt64, now: Date) -> [SimulatedTask] {
        let spacing = 20 * 86_400 / Double(max(count, 1))
        return (0..<count).map { index in
            let draw = mix(seed ^ mix(salt ^ UInt64(index)))
            let created = now.addingTimeInterval(-Double(index + 1) * spacing)
            return SimulatedTask(
                index: index, recordID: 1_805_431_584_415_000_000 + Int64(count - index) * 1_000 + Int64(draw % 997),
                created: created, finished: created.addingTimeInterval(Double(draw % 3_600) + 60), draw: draw)
        }
    }
}
