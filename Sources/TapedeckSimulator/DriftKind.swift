/// A contract the simulator can break on request, named after the rule that must catch it.
public enum DriftKind: String, CaseIterable, Sendable {
    /// A status outside the documented enumeration.
    case enumValue = "enum-value"
    /// A documented field left out of every item.
    case requiredField = "required-field"
    /// A string id served as a number.
    case fieldType = "field-type"
    /// IoTDA's marker stops decreasing.
    case markerMonotonic = "marker-monotonic"
    /// The last item of a page repeated at the top of the next.
    case noDuplicates = "no-duplicates"
    /// The total grows on every page.
    case totalStable = "total-stable"
    /// A page one item longer than its limit.
    case pageSize = "page-size"
    /// Yandex's page token comes back around to the first page.
    case cursorTerminates = "cursor-terminates"
    /// Timestamps in another format.
    case timeFormat = "time-format"
    /// DDM's offset echoed as 0 on every page.
    case echoMismatch = "echo-mismatch"
    /// A window whose start is after its end is answered as a success.
    case timeWindow = "time-window"
    /// Alibaba's TaskStatus filter ignored.
    case filterHonored = "filter-honored"
    /// Error bodies without their codes.
    case errorShape = "error-shape"
}
