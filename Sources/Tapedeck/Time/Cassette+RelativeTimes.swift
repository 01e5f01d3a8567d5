import Foundation

extension RelativeTime {
    /// The value a relative time gave one query parameter of a walk.
    public struct Binding: Sendable, Equatable {
        public var name: String
        public var time: RelativeTime
        public var value: String

        public init(name: String, time: RelativeTime, value: String) {
            self.name = name
            self.time = time
            self.value = value
        }
    }
}

extension Cassette {
    /// The cassette with each request that sent a bound value noting the expression
    /// that gave it, so replay at another "now" still matches it.
    package func notingRelativeTimes(_ bindings: [RelativeTime.Binding]) -> Cassette {
        guard !bindings.isEmpty else { return self }
        var noted = self
        for index in noted.interactions.indices {
            let query = RequestParts(noted.interactions[index].request.url).query
            for binding in bindings where query[binding.name] == [binding.value] {
                noted.interactions[index].request.relativeTimes[binding.name] = binding.time
            }
        }
        return noted
    }
}
