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
        /// The next page's URL in an RFC 8288 `Link` header (`<…>; rel="next"`), followed as is.
        case linkHeader = "link-header"
        /// A boolean field says more items follow; the cursor parameter takes the last item's id.
        case hasMore = "has-more"
        /// The next page's URL in a body field (`$.next`, `$.links.next`, `$['@odata.nextLink']`).
        case nextLink = "next-link"
        /// An opaque token in a response header, sent back in a query parameter.
        case headerToken = "header-token"
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
    /// The `Link` relation that names the next page (`next`).
    var linkRel = "next"
    /// Where a `has-more` page says whether more items follow.
    var hasMoreField: JSONPath?
    /// The parameter a `has-more` walk sends the last item's cursor in (`starting_after`).
    var cursorParam: String?
    /// The item field the cursor is taken from (the item id unless named).
    var cursorField: String?
    /// Where a `next-link` page names the next page's URL.
    var nextLinkField: JSONPath?
    /// The response header carrying a `header-token` walk's next token.
    var tokenHeader: String?
    /// The documented order of items along a walk, by `orderField` (the item id unless named).
    var itemOrder: MarkerOrder?
    var orderField: String?
    /// The seed text behind the paging rules.
    var seed: String?

    /// The query parameters that move along a walk rather than start a new one.
    var parameters: Set<String> {
        Set([pageParam, limitParam, offsetParam, markerParam, tokenParam, cursorParam].compactMap { $0 })
    }

    /// Whether a short page (or reaching the total) ends a walk; the other styles end only
    /// when a page stops naming the next one.
    var endsOnShortPage: Bool { style == .pageNumber || style == .offset || style == .marker }

    /// Whether the next page is named by a whole URL rather than by one parameter.
    var followsURLs: Bool { style == .linkHeader || style == .nextLink }

    /// Where `body` and `headers` say the next page is: a URL (`link-header`, `next-link`)
    /// or a parameter value (`marker`, `token`, `has-more`, `header-token`); `nil` on a last page.
    /// Page-number and offset pages name no next page: the client counts.
    func nextPointer(body: JSONValue?, headers: HeaderFields, items: [JSONValue]) -> String? {
        let text: String? =
            switch style {
            case .pageNumber, .offset: nil
            case .marker: markerField.flatMap { body?[$0]?.scalarText }
            case .token: nextTokenField.flatMap { body?[$0]?.scalarText }
            case .linkHeader: headers.values(for: "Link").lazy.compactMap { LinkHeader($0).target(rel: linkRel) }.first
            case .nextLink: nextLinkField.flatMap { body?[$0]?.stringValue }
            case .headerToken: tokenHeader.flatMap { headers[$0] }
            case .hasMore:
                if let field = hasMoreField, body?[field]?.boolValue == true,
                    case .object(let last)? = items.last, let key = cursorField ?? itemID
                {
                    last[key]?.scalarText
                } else {
                    nil
                }
            }
        return text.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// What `target` sent to reach its page, comparable with `nextPointer`: the path and
    /// sorted query for the URL styles, the cursor parameter's value for the others.
    func sentPointer(_ target: RequestTarget) -> String? {
        let value: String? =
            switch style {
            case .pageNumber, .offset: nil
            case .linkHeader, .nextLink: target.pageKey
            case .marker: markerParam.flatMap { target.query[$0] }
            case .token, .headerToken: tokenParam.flatMap { target.query[$0] }
            case .hasMore: cursorParam.flatMap { target.query[$0] }
            }
        return value.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `pointer` (from `nextPointer`) in the form `sentPointer` gives it.
    func comparable(_ pointer: String) -> String {
        followsURLs ? RequestTarget(url: pointer).pageKey : pointer
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
