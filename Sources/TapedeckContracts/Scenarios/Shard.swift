public import Tapedeck

/// One of N shards of a CI matrix (`K/N`, K from 1): each scenario belongs to
/// exactly one shard, by a stable hash of its name (FNV-1a), so the shards of a
/// run cover every scenario once whatever order or machine they run on.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// `TAPEDECK_SHARD=K/N` for the scenario runner.
    public static let environmentVariable = "TAPEDECK_SHARD"

    /// 1-based.
    public let index: Int
    public let count: Int

    /// Reads `K/N` (1 ≤ K ≤ N ≤ 1000); `source` names the option or variable in errors.
    /// - Throws: `InputError` naming `source`, what was expected and what was found.
    public init(_ text: String, source: String) throws(InputError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), (1...1000).contains(count), (1...count).contains(index)
        else {
            throw InputError(
                file: source, expected: "K/N with 1 ≤ K ≤ N ≤ 1000, such as 2/3", found: "\"\(text.prefix(40))\"",
                hint: "Run shard 1/N to N/N, one per CI job")
        }
        self.index = index
        self.count = count
    }

    /// Whether the scenario called `name` is this shard's.
    public func contains(_ name: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(hash % UInt64(count)) == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}
