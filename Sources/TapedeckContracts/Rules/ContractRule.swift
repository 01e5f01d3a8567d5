/// The stable id of one contract rule, as written in reports, `--allow` and
/// scenario files. `docs/contracts.md` says what each checks and which seed
/// text backs it.
public enum ContractRule: String, CaseIterable, Sendable, Codable, Comparable {
    case requiredField = "required-field"
    case fieldType = "field-type"
    case enumValue = "enum-value"
    case timeFormat = "time-format"
    case valueFormat = "value-format"
    case paramRange = "param-range"
    case timeWindow = "time-window"
    case pageSize = "page-size"
    case totalStable = "total-stable"
    case totalMatches = "total-matches"
    case noDuplicates = "no-duplicates"
    case markerMonotonic = "marker-monotonic"
    case cursorTerminates = "cursor-terminates"
    case echoMismatch = "echo-mismatch"
    case itemsInWindow = "items-in-window"
    case filterHonored = "filter-honored"
    case errorShape = "error-shape"
    case statusCode = "status-code"

    /// One line saying what the rule catches, for reports.
    public var summary: String {
        switch self {
        case .requiredField: "a documented response field is absent"
        case .fieldType: "a field's JSON type differs from the documented type"
        case .enumValue: "a value outside the documented enumeration"
        case .timeFormat: "a timestamp not in the documented format"
        case .valueFormat: "a documented pattern, length or range violated in a response value"
        case .paramRange: "a request parameter outside its documented range or set, or a required one missing"
        case .timeWindow: "an invalid or too old time window was answered as a success"
        case .pageSize: "a page holds more items than the requested (or default) limit"
        case .totalStable: "the reported total changes between pages of one walk"
        case .totalMatches: "the items of a complete walk do not add up to the reported total"
        case .noDuplicates: "an item id appears twice in one walk"
        case .markerMonotonic: "a marker fails to move in its documented direction"
        case .cursorTerminates: "a page token repeats or cycles, or the end is signalled wrongly"
        case .echoMismatch: "a response's echo of a request parameter differs from what was sent"
        case .itemsInWindow: "an item's timestamp lies outside the requested window"
        case .filterHonored: "an item that the request's filter excludes"
        case .errorShape: "an error response lacks the documented error fields"
        case .statusCode: "an HTTP status the contract does not document"
        }
    }

    /// Catalogue order, as in `docs/contracts.md`.
    public static func < (lhs: ContractRule, rhs: ContractRule) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
