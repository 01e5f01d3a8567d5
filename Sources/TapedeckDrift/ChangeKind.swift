/// The kinds of change a drift run reports, each with its default class
/// (after oasdiff's classification of API changes). A config file can
/// override the class of any kind.
public enum ChangeKind: String, CaseIterable, Sendable, Codable {
    /// A field every committed body had is gone.
    case fieldRemoved = "field-removed"
    /// A field only some committed bodies had is gone.
    case optionalFieldRemoved = "optional-field-removed"
    /// A field every committed body had is now missing from some.
    case fieldNowOptional = "field-now-optional"
    /// A field's JSON type changed.
    case typeChanged = "type-changed"
    /// A field that was never null is now null.
    case fieldNowNull = "field-now-null"
    /// An enumeration-like field has a value never seen before.
    case enumValueAdded = "enum-value-added"
    /// A field no committed body had.
    case fieldAdded = "field-added"
    /// The walk's pages answer with other statuses.
    case statusChanged = "status-changed"
    /// A full page holds a different number of items.
    case pageSizeChanged = "page-size-changed"
    /// The fresh recording breaks a documented contract rule.
    case contractViolation = "contract-violation"
    /// The scenario could not be re-recorded: every page answered an error where
    /// the committed walk succeeded (an expired window, bad credentials), or the
    /// endpoint did not answer. Nothing else is compared, and `--update` keeps the committed cassette.
    case scenarioFailed = "scenario-failed"

    public var defaultClass: DriftClass {
        switch self {
        case .fieldRemoved, .typeChanged, .fieldNowNull, .statusChanged, .contractViolation, .scenarioFailed: .breaking
        case .optionalFieldRemoved, .fieldNowOptional, .enumValueAdded, .pageSizeChanged: .possiblyBreaking
        case .fieldAdded: .nonBreaking
        }
    }
}
