import Tapedeck

/// Splits a recording into page walks, in file order: a walk starts at a
/// request for a first page (no marker or token, offset 0 or absent, page 1 or
/// absent) or when a non-paging parameter changes; each following exchange
/// continues it.
struct WalkSplitter {
    func split(_ exchanges: [Exchange]) -> [PageWalk] {
        var walks: [PageWalk] = []
        var identity: String?
        for exchange in exchanges {
            let key = Self.identity(of: exchange)
            let first = Self.isFirstPage(exchange)
            if first || key != identity || walks.isEmpty {
                walks.append(PageWalk(index: walks.count, exchanges: [exchange], startsAtFirstPage: first))
            } else {
                walks[walks.count - 1].exchanges.append(exchange)
            }
            identity = key
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
        if let marker = paging.markerParam, let value = query[marker], !value.isEmpty { return false }
        if let token = paging.tokenParam, let value = query[token], !value.isEmpty { return false }
        if let offset = paging.offsetParam, let value = query[offset], Int(value) != 0 { return false }
        if let page = paging.pageParam, let value = query[page], Int(value) != paging.firstPage { return false }
        return true
    }
}
