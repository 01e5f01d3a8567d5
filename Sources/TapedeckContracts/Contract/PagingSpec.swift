import Tapedeck

/// How an operation's pages chain, from its `x-tapedeck-paging` extension.
struct PagingSpec: Sendable {
    enum Style: String, Sendable, CaseIterable {
        /// A page number parameter (`PageNumbers`), first page `first-page`.
        case pageNumber = "page-number"
        /// An item offset parameter (`start`, `offset`), first page at 0.
        case offset
        /// A marker taken from the previous page (`page.marker`), optionally with an offset.
        case marker
        /// An opaque token taken from the previous page (`nextPageToken`).
        case token
    }

    enum MarkerOrder: String, Sendable, CaseIterable {
        case ascending, descending
    }

    var style: Style
    /// Where the page's item array is (`$.Tasks.Task`).
    var items: JSONPath
    /// The item field that identifies an item within a walk.
    var itemID: String?
    /// Where the reported total is.
    var total: JSONPath?
    var pageParam: String?
    var firstPage = 1
    var limitParam: String?
    var defaultLimit: Int?
    var offsetParam: String?
    var markerParam: String?
    var markerField: JSONPath?
    var markerOrder = MarkerOrder.descending
    var tokenParam: String?
    var nextTokenField: JSONPath?
    /// The seed text behind the paging rules.
    var seed: String?

    /// The query parameters that move along a walk rather than start a new one.
    var parameters: Set<String> {
        Set([pageParam, limitParam, offsetParam, markerParam, tokenParam].compactMap { $0 })
    }
}

/// A response field that repeats a request parameter, from `x-tapedeck-echo`.
struct EchoSpec: Sendable {
    var param: String
    var field: JSONPath
    /// What the server uses when the parameter is not sent.
    var defaultValue: String?
    var seed: String?
}

/// The time window of an operation, from `x-tapedeck-window`.
struct WindowSpec: Sendable {
    var startParam: String?
    var endParam: String?
    /// How far back (in days before the exchange was recorded) the window may start.
    var maxStartAgeDays: Double?
    /// The item field whose time must lie inside the window.
    var itemTime: String?
    var itemTimeFormat: TimeFormat?
    /// How old (in days before the exchange was recorded) an item may be.
    var itemMaxAgeDays: Double?
    var seed: String?
}

/// A request parameter that filters the items, from `x-tapedeck-filters`.
struct FilterSpec: Sendable {
    var param: String
    var field: String
    /// Splits a parameter that lists several accepted values.
    var separator: String?
    /// What the server filters by when the parameter is not sent.
    var defaultValue: String?
    var seed: String?
}
