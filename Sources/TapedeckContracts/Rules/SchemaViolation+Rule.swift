/// Which of Tapedeck's rules a JSON Schema keyword's violation is reported under.
extension SchemaViolation {
    var rule: ContractRule {
        switch keyword {
        case "type": .fieldType
        case "required", "dependentRequired": .requiredField
        case "enum", "const": .enumValue
        case "format" where ["date-time", "date", "time"].contains(expected): .timeFormat
        default: .valueFormat
        }
    }
}

extension String {
    /// Whether this JSON path is `ancestor` or inside it (`$.a.b` is within `$.a`, `$.ab` is not).
    func isWithin(_ ancestor: String) -> Bool {
        guard hasPrefix(ancestor) else { return false }
        let rest = dropFirst(ancestor.count)
        return rest.isEmpty || rest.first == "." || rest.first == "["
    }
}
