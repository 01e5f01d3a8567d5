import Tapedeck

/// Splits a recording into page walks, in file order. An exchange continues the
/// walk before it when it asks for the page the previous page named (its
/// `Link` next URL, next link, token, marker or has-more cursor). Otherwise a
/// walk starts at a request for a first page (no marker, token or cursor,
/// offset 0 or absent, page 1 or absent) or when a non-paging parameter
/// changes; each following exchange continues it.
struct WalkSplitter {
    func split(_ exchanges: [Exchange]) -> [PageWalk] {
        var walks: [PageWalk] = []
        var identity: String?
        var named: String?
        for exchange in exchanges {
            let key = Self.identity(of: exchange)
            let paging = exchange.operation?.paging
            let continues = named != nil && paging?.sentPointer(exchange.target) == named
            let first = !continues && Self.isFirstPage(exchange)
            if !continues && (first || key != identity || walks.isEmpty) {
                walks.append(PageWalk(index: walks.count, exchanges: [exchange], startsAtFirstPage: first))
            } else {
                walks[walks.count - 1].exchanges.append(exchange)
            }
            identity = key
            named = paging.flatMap { paging in
                paging.nextPointer(
                    body: exchange.body, headers: exchange.interaction.response.headers,
                    items: exchange.body?[paging.items]?.arrayValue ?? []
                ).map(paging.comparable)
            }
        }
        return walks
    }

    /// What stays the same along one walk: method, path and the query parameters that are not paging or volatile.
    static func identity(of exchange: Exchange) -> String {
        let ignored = (exchange.operation?.paging?.parameters ?? []).union(exchange.operation?.volatileParams ?? [])
        let query = exchange.target.query.filter { !ignored.contains($0.key) }.sorted { $0.key < $1.key }
        return exchange.interaction.request.method + " /" + exchange.target.segments.joined(separator: "/") + "?"
            + query.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }

    static func isFirstPage(_ exchange: Exchange) -> Bool {
        guard let paging = exchange.operation?.paging else { return true }
        let query = exchange.target.query
        for name in [paging.markerParam, paging.tokenParam, paging.cursorParam].compactMap({ $0 })
        where !(query[name] ?? "").isEmpty {
            return false
        }
        if let offset = paging.offsetParam, let value = query[offset], Int(value) != 0 { return false }
        if let page = paging.pageParam, let value = query[page], Int(value) != paging.firstPage { return false }
        return true
    }
}
