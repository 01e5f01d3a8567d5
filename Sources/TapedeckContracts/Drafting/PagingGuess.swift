import Tapedeck

/// One operation's paging, guessed from the recording: which request part
/// changes from one page to the next and which part of the previous answer
/// fed it (a `Link` header, a URL or token in the body, a response header, the
/// last item's id, or a count), plus the page size, the item id, the total and
/// the items' order.
struct PagingGuess {
    /// How one page led to the next.
    enum Turn: Hashable {
        case linkHeader(moved: [String])
        case nextLink(JSONPath, moved: [String])
        case headerToken(header: String, param: String)
        case hasMore(param: String, cursorField: String)
        case bodyToken(param: String, field: JSONPath)
        case offset(String)
        case pageNumber(String)

        var style: PagingSpec.Style {
            switch self {
            case .linkHeader: .linkHeader
            case .nextLink: .nextLink
            case .headerToken: .headerToken
            case .hasMore: .hasMore
            case .bodyToken(_, let field): field.description.lowercased().contains("marker") ? .marker : .token
            case .offset: .offset
            case .pageNumber: .pageNumber
            }
        }
    }

    var style: PagingSpec.Style
    /// The `x-tapedeck-paging` entries, in the order they are written.
    var entries: [(key: String, value: DraftScalar)] = []
    var confidence: DraftConfidence
    /// What the guess rests on, in sentences, for standard error and the YAML's notes.
    var evidence: [String] = []
    /// Request parameters that change between the pages of one walk without paging it (signatures, nonces).
    var volatile: [String] = []

    /// Whether the entries are all a contract needs for the style: page numbers and offsets
    /// need the page size's parameter, which a recording that never sent one cannot name.
    /// An incomplete guess stays a note; written as `x-tapedeck-paging`, the draft would not load.
    var isComplete: Bool {
        guard style == .pageNumber || style == .offset else { return true }
        return entries.contains { $0.key == "limit-param" }
    }

    /// Names a page size parameter commonly has.
    static let limitNames: Set<String> = [
        "limit", "per_page", "perpage", "pagesize", "page_size", "size", "max", "maxresults", "max_results",
        "maxrecordsperpage", "count", "top", "$top", "maxitems",
    ]

    /// The guess for one operation's exchanges in file order, or `nil` when no page leads to another
    /// and nothing in the answers names a next page.
    static func guess(_ pages: [DraftPage]) -> PagingGuess? {
        guard let items = itemsPath(pages) else { return nil }
        let itemID = self.itemID(pages, items: items)
        var turns: [Turn?] = [nil]
        for index in pages.indices.dropFirst() {
            let (previous, next) = (pages[index - 1], pages[index])
            turns.append(previous.isSuccess && next.isSuccess ? turn(from: previous, to: next, items: items, itemID: itemID) : nil)
        }
        var votes: [Turn: Int] = [:]
        for case let turn? in turns { votes[turn, default: 0] += 1 }
        guard let best = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && rank($0.key) > rank($1.key)) })
        else { return singlePageGuess(pages, items: items, itemID: itemID) }
        let (chosen, count) = (best.key, best.value)
        let turnCount = turns.compactMap { $0 }.count
        var chains: [[Int]] = []
        for index in pages.indices where pages[index].isSuccess {
            if turns[index] == chosen, !chains.isEmpty { chains[chains.count - 1].append(index) } else { chains.append([index]) }
        }
        var guess = PagingGuess(
            style: chosen.style, confidence: count >= 2 && count == turnCount ? .sure : count == turnCount ? .likely : .unsure)
        guess.evidence.append(
            "\(chosen.style.rawValue): \(describe(chosen)) on \(count) of \(turnCount) page turns")
        guess.write(chosen, pages: pages, chains: chains, items: items, itemID: itemID)
        return guess
    }

    /// Earlier styles win a tie: the more specific evidence.
    private static func rank(_ turn: Turn) -> Int {
        switch turn {
        case .linkHeader: 0
        case .nextLink: 1
        case .headerToken: 2
        case .hasMore: 3
        case .bodyToken: 4
        case .offset: 5
        case .pageNumber: 6
        }
    }

    private static func describe(_ turn: Turn) -> String {
        switch turn {
        case .linkHeader: "the next request was the previous answer's Link rel=\"next\" URL"
        case .nextLink(let field, _): "the next request was the URL in the previous answer's \(field)"
        case .headerToken(let header, let param): "\(param) took the previous answer's \(header) header"
        case .hasMore(let param, let field): "\(param) took the previous page's last item's \(field)"
        case .bodyToken(let param, let field): "\(param) took the previous answer's \(field)"
        case .offset(let param): "\(param) grew by the previous page's item count"
        case .pageNumber(let param): "\(param) grew by one"
        }
    }

    /// How `previous` led to `next`, by the most specific evidence.
    private static func turn(from previous: DraftPage, to next: DraftPage, items: JSONPath, itemID: String?) -> Turn? {
        let moved = Array(
            Set(previous.target.query.keys).union(next.target.query.keys)
                .filter { previous.target.query[$0] != next.target.query[$0] }
        ).sorted()
        guard !moved.isEmpty else { return nil }
        let key = next.target.pageKey
        if previous.headers.values(for: "Link").contains(where: { LinkHeader($0).target(rel: "next").map { RequestTarget(url: $0).pageKey } == key }) {
            return .linkHeader(moved: moved)
        }
        let scalars = previous.body.map { self.scalars(in: $0, skipping: items) } ?? []
        if let link = scalars.first(where: { $0.1.stringValue.map { $0.contains("/") && RequestTarget(url: $0).pageKey == key } == true }) {
            return .nextLink(link.0, moved: moved)
        }
        // The last item's id before counting: ascending numeric ids also grow by a page's item count.
        for param in moved {
            guard let value = next.target.query[param], !value.isEmpty,
                case .object(let last)? = previous.body?[items]?.arrayValue?.last
            else { continue }
            let ids = [itemID].compactMap { $0 } + last.keys.filter { $0 != itemID && $0.lowercased().hasSuffix("id") }
            if let field = ids.first(where: { last[$0]?.scalarText == value }) { return .hasMore(param: param, cursorField: field) }
        }
        // Counting before a header or body field: an echoed `limit` or a rate-limit header can equal the next offset.
        for param in moved {
            guard let value = next.target.query[param].flatMap({ Int($0) }) else { continue }
            let before = previous.target.query[param].flatMap { Int($0) }
            let count = previous.body?[items]?.arrayValue?.count ?? 0
            let grown = value.subtractingReportingOverflow(before ?? 0)
            if count > 0, !grown.overflow, grown.partialValue == count { return .offset(param) }
            let start = before ?? 1
            if start < Int.max, value == start + 1 { return .pageNumber(param) }
        }
        for param in moved {
            guard let value = next.target.query[param], value.count >= 2,
                let header = previous.headers.first(where: { $0.value == value })?.name
            else { continue }
            return .headerToken(header: header, param: param)
        }
        for param in moved {
            guard let value = next.target.query[param], !value.isEmpty else { continue }
            if let field = scalars.first(where: { $0.1.scalarText == value }) { return .bodyToken(param: param, field: field.0) }
        }
        return nil
    }

    /// With no page turn recorded, a `Link` rel="next" header or a next-page URL in the body still names the style.
    private static func singlePageGuess(_ pages: [DraftPage], items: JSONPath, itemID: String?) -> PagingGuess? {
        guard let first = pages.first(where: \.isSuccess) else { return nil }
        var guess: PagingGuess
        if first.headers.values(for: "Link").contains(where: { LinkHeader($0).target(rel: "next") != nil }) {
            guess = PagingGuess(style: .linkHeader, confidence: .unsure)
            guess.evidence.append("link-header: an answer has a Link rel=\"next\" header, but no page turn was recorded")
        } else if let body = first.body,
            let path = scalars(in: body, skipping: items).first(where: { path, value in
                guard case .key(let name)? = path.components.last else { return false }
                return ["next", "nextlink", "@odata.nextlink", "next_page_url"].contains(name.lowercased())
                    && value.stringValue?.contains("/") == true
            })?.0
        {
            guess = PagingGuess(style: .nextLink, confidence: .unsure)
            guess.entries.append(("next-link-field", .string(path.description)))
            guess.evidence.append("next-link: \(path) holds a URL, but no page turn was recorded")
        } else {
            return nil
        }
        guess.entries.append(("items", .string(items.description)))
        if let itemID { guess.entries.append(("item-id", .string(itemID))) }
        return guess
    }

    // MARK: writing the entries

    private mutating func write(_ chosen: Turn, pages: [DraftPage], chains: [[Int]], items: JSONPath, itemID: String?) {
        var moving: Set<String> = []
        for chain in chains {
            for (previous, next) in zip(chain, chain.dropFirst()) {
                let before = pages[previous].target.query
                let after = pages[next].target.query
                moving.formUnion(Set(before.keys).union(after.keys).filter { before[$0] != after[$0] })
            }
        }
        var paging: Set<String> = []
        switch chosen {
        case .linkHeader(let moved), .nextLink(_, let moved):
            if case .nextLink(let field, _) = chosen { entries.append(("next-link-field", .string(field.description))) }
            if case .linkHeader = chosen { entries.append(("link-rel", .string("next"))) }
            let counters = moved.filter { param in pages.allSatisfy { $0.target.query[param].map { Int($0) != nil } ?? true } }
            if counters.count == 1, let param = counters.first {
                entries.append(("page-param", .string(param)))
                paging.insert(param)
            }
            paging.formUnion(moving)
        case .headerToken(let header, let param):
            entries += [("token-header", .string(header)), ("token-param", .string(param))]
            paging.insert(param)
        case .hasMore(let param, let cursorField):
            if let flag = pages.first(where: \.isSuccess)?.body.flatMap({ Self.hasMoreFlag(in: $0, skipping: items) }) {
                entries.append(("has-more-field", .string(flag.description)))
            } else {
                evidence.append("has-more: no boolean field says whether more items follow; add has-more-field")
                confidence = .unsure
            }
            entries.append(("cursor-param", .string(param)))
            if cursorField != itemID { entries.append(("cursor-field", .string(cursorField))) }
            paging.insert(param)
        case .bodyToken(let param, let field):
            if style == .marker {
                entries += [("marker-param", .string(param)), ("marker-field", .string(field.description))]
                entries.append(("marker-order", .string(markerOrder(pages, chains: chains, field: field).rawValue)))
            } else {
                entries += [("token-param", .string(param)), ("next-token-field", .string(field.description))]
            }
            paging.insert(param)
        case .offset(let param):
            entries.append(("offset-param", .string(param)))
            paging.insert(param)
        case .pageNumber(let param):
            let first = chains.compactMap { pages[$0[0]].target.query[param].flatMap { Int($0) } }.min() ?? 1
            entries += [("page-param", .string(param)), ("first-page", .integer(first == 0 ? 0 : 1))]
            paging.insert(param)
        }
        if style == .linkHeader || style == .nextLink, let page = entries.first(where: { $0.key == "page-param" }), case .string(let param) = page.value {
            let first = chains.compactMap { pages[$0[0]].target.query[param].flatMap { Int($0) } }.min() ?? 1
            entries.append(("first-page", .integer(first == 0 ? 0 : 1)))
        }
        writeLimit(pages: pages, chains: chains, items: items, paging: &paging)
        entries.append(("items", .string(items.description)))
        if let itemID { entries.append(("item-id", .string(itemID))) }
        writeTotal(pages: pages, chains: chains, items: items)
        writeOrder(pages: pages, chains: chains, items: items, itemID: itemID)
        volatile = moving.subtracting(paging).sorted()
        if !volatile.isEmpty {
            evidence.append("volatile: \(volatile.joined(separator: ", ")) changed between pages without paging them")
        }
    }

    private mutating func writeLimit(pages: [DraftPage], chains: [[Int]], items: JSONPath, paging: inout Set<String>) {
        let counts = { (index: Int) in pages[index].body?[items]?.arrayValue?.count ?? 0 }
        let full = chains.filter { $0.count > 1 }
        let candidates = Set(pages.flatMap { $0.target.query.keys }).subtracting(paging).filter { name in
            pages.allSatisfy { $0.target.query[name].map { Int($0) != nil } ?? true }
        }
        let fits = candidates.filter { name in
            pages.indices.allSatisfy { index in pages[index].target.query[name].flatMap { Int($0) }.map { counts(index) <= $0 } ?? true }
        }
        let exact = fits.filter { name in
            full.contains { chain in chain.dropLast().allSatisfy { pages[$0].target.query[name] == String(counts($0)) } }
        }
        let named = fits.filter { Self.limitNames.contains($0.lowercased()) }
        let limit = (exact.isEmpty ? named : exact).sorted().first
        if let limit {
            entries.append(("limit-param", .string(limit)))
            paging.insert(limit)
            evidence.append(
                "limit-param: \(limit) " + (exact.contains(limit) ? "equals the item count of every full page" : "is named like a page size"))
        } else if style == .pageNumber || style == .offset {
            evidence.append("limit-param: no parameter looks like the page size; the contract needs one for \(style.rawValue)")
            confidence = .unsure
        }
        // Without a page size sent, every page but a walk's last holds the default, and no page holds more.
        let unsized = full.filter { chain in limit == nil || chain.allSatisfy { pages[$0].target.query[limit!] == nil } }
        let defaults = Set(unsized.flatMap { $0.dropLast().map(counts) })
        if defaults.count == 1, let size = defaults.first, size > 0, unsized.allSatisfy({ counts($0.last!) <= size }) {
            entries.append(("default-limit", .integer(size)))
            evidence.append("default-limit: \(size), the first page's size when no page size was sent")
        }
    }

    private mutating func writeTotal(pages: [DraftPage], chains: [[Int]], items: JSONPath) {
        guard let first = pages.first(where: \.isSuccess)?.body else { return }
        let counted = chains.map { chain in chain.reduce(0) { $0 + (pages[$1].body?[items]?.arrayValue?.count ?? 0) } }
        for (path, value) in Self.scalars(in: first, skipping: items) where value.int64Value != nil {
            let name = path.description.lowercased()
            guard name.contains("total") || name.contains("count") else { continue }
            let totals = chains.map { chain in chain.map { pages[$0].body?[path]?.int64Value } }
            let stable = totals.allSatisfy { Set($0).count == 1 && $0[0] != nil }
            guard stable else { continue }
            let values = totals.map { Int($0[0]!) }
            guard zip(values, counted).allSatisfy({ $0 >= $1 }), zip(values, counted).contains(where: { $0 == $1 }) else { continue }
            entries.append(("total", .string(path.description)))
            evidence.append("total: \(path) stays the same along each walk and equals a complete walk's item count")
            return
        }
    }

    /// The item order along each walk: the item id, else another field, that never moves against one direction.
    private mutating func writeOrder(pages: [DraftPage], chains: [[Int]], items: JSONPath, itemID: String?) {
        let walks = chains.map { chain in chain.flatMap { pages[$0].body?[items]?.arrayValue ?? [] } }
        guard walks.contains(where: { $0.count >= 3 }), case .object(let sample)? = walks.first(where: { !$0.isEmpty })?.first
        else { return }
        // The id first, then fields named for time (`created`), then the rest: a time is what listings are ordered by.
        let others = sample.keys.filter { $0 != itemID }
        let timed = others.filter { name in ["time", "date", "created", "updated", "_at"].contains(where: name.lowercased().contains) }
        let fields = [itemID].compactMap { $0 } + timed + others.filter { !timed.contains($0) }
        for field in fields {
            guard sample[field]?.scalarText != nil, sample[field]?.boolValue == nil else { continue }
            let strict = field == itemID
            for order in [PagingSpec.MarkerOrder.ascending, .descending] where Self.follows(walks, field: field, order: order, strict: strict) {
                entries.append(("item-order", .string(order.rawValue)))
                if field != itemID { entries.append(("order-field", .string(field))) }
                evidence.append("item-order: \(field) is \(order.rawValue) along every walk (a guess: check the API documents it)")
                return
            }
        }
    }

    private static func follows(_ walks: [[JSONValue]], field: String, order: PagingSpec.MarkerOrder, strict: Bool) -> Bool {
        var moved = false
        for walk in walks {
            let values = walk.map { $0[field]?.scalarText }
            guard values.allSatisfy({ $0 != nil }) else { return false }
            for (a, b) in zip(values, values.dropFirst()) {
                let comparison = WalkChecker.compare(b!, a!)
                if comparison == 0 && strict { return false }
                if order == .ascending ? comparison < 0 : comparison > 0 { return false }
                moved = moved || comparison != 0
            }
        }
        return moved
    }

    private func markerOrder(_ pages: [DraftPage], chains: [[Int]], field: JSONPath) -> PagingSpec.MarkerOrder {
        let markers = chains.flatMap { chain in zip(chain, chain.dropFirst()).map { (pages[$0].body?[field]?.scalarText, pages[$1].body?[field]?.scalarText) } }
        let ascending = markers.allSatisfy { pair in
            guard let a = pair.0, let b = pair.1, !b.isEmpty else { return true }
            return WalkChecker.compare(b, a) > 0
        }
        return ascending ? .ascending : .descending
    }

    // MARK: finding things in the answers

    /// The item array: the body itself, else the largest array of objects one or two keys deep.
    private static func itemsPath(_ pages: [DraftPage]) -> JSONPath? {
        var sizes: [JSONPath: Int] = [:]
        for page in pages where page.isSuccess {
            guard let body = page.body else { continue }
            if case .array = body { sizes[.root, default: 0] += body.arrayValue!.count + 1 }
            guard case .object(let object) = body else { continue }
            for member in object.members {
                let path = JSONPath.root.appending(member.key)
                if case .array(let elements) = member.value, elements.allSatisfy({ $0.objectValue != nil }) {
                    sizes[path, default: 0] += elements.count + 1
                } else if case .object(let inner) = member.value {
                    for deeper in inner.members {
                        if case .array(let elements) = deeper.value, elements.allSatisfy({ $0.objectValue != nil }) {
                            sizes[path.appending(deeper.key), default: 0] += elements.count + 1
                        }
                    }
                }
            }
        }
        return sizes.max { $0.value < $1.value || ($0.value == $1.value && $0.key.description > $1.key.description) }?.key
    }

    /// The item field that identifies an item: unique on every page, named `id` or ending in `id`.
    private static func itemID(_ pages: [DraftPage], items: JSONPath) -> String? {
        let lists = pages.compactMap { $0.body?[items]?.arrayValue }.filter { !$0.isEmpty }
        guard case .object(let sample)? = lists.first?.first else { return nil }
        let candidates = sample.keys.filter { $0.lowercased() == "id" } + sample.keys.filter { $0.lowercased() != "id" && $0.lowercased().hasSuffix("id") }
        return candidates.first { key in
            lists.allSatisfy { list in
                let ids = list.compactMap { $0[key]?.scalarText }
                return ids.count == list.count && Set(ids).count == ids.count
            }
        }
    }

    /// A boolean one or two keys deep whose name speaks of more items (`has_more`, `hasMore`, `more`).
    private static func hasMoreFlag(in body: JSONValue, skipping items: JSONPath) -> JSONPath? {
        scalars(in: body, skipping: items).first { path, value in
            value.boolValue != nil && path.description.lowercased().contains("more")
        }?.0
    }

    /// The scalars of `body` up to three keys deep, outside arrays, in document order.
    static func scalars(in body: JSONValue, skipping items: JSONPath) -> [(JSONPath, JSONValue)] {
        var found: [(JSONPath, JSONValue)] = []
        func visit(_ value: JSONValue, _ path: JSONPath) {
            guard path != items else { return }
            switch value {
            case .object(let object) where path.components.count < 3:
                for member in object.members { visit(member.value, path.appending(member.key)) }
            case .string, .number, .bool: found.append((path, value))
            default: break
            }
        }
        visit(body, .root)
        return found
    }
}
