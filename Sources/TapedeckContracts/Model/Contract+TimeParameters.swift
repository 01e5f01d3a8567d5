public import Tapedeck

extension Contract {
    /// The request parameters the contract documents as times: every operation's
    /// window parameters (`x-tapedeck-window` `start-param`/`end-param`) and query
    /// parameters whose schema has a time format. Replay matches them by their offset
    /// from now at any distance from the recording (`TimeMatching.parameters`).
    public var timeParameters: Set<String> {
        var names: Set<String> = []
        for operation in operations {
            if let window = operation.window {
                names.formUnion([window.startParam, window.endParam].compactMap { $0 })
            }
            for parameter in operation.parameters where parameter.location == .query && operation.plan[parameter.node].timeFormat != nil {
                names.insert(parameter.name)
            }
        }
        return names.subtracting(operations.reduce(into: Set<String>()) { $0.formUnion($1.volatileParams) })
    }
}

extension TimeMatching {
    /// This time matching with `contract`'s time parameters added.
    public func adding(_ contract: Contract) -> TimeMatching {
        var copy = self
        copy.parameters.formUnion(contract.timeParameters)
        return copy
    }
}
