import Foundation
import Tapedeck

/// The rules that need a page's items or several pages: page-size,
/// echo-mismatch, filter-honored, items-in-window, no-duplicates,
/// total-stable, total-matches, marker-monotonic (a returned marker, or the
/// documented item order) and cursor-terminates (for every style that names
/// its next page: marker, token, link-header, next-link, header-token, has-more).
/// Each page's items are visited once.
struct WalkChecker {
    /// Checks `walk` and says how many items it held and whether it reached its last page.
    func check(_ walk: PageWalk, into sink: inout ViolationSink) -> (items: Int, complete: Bool) {
        var state = State()
        var complete = false
        for (page, exchange) in walk.exchanges.enumerated() {
            sink.exchange = exchange.index
            sink.page = page
            // A body is an object, or the item array itself (`items: $`).
            guard exchange.isSuccess, let operation = exchange.operation, let body = exchange.body,
                body.arrayValue != nil || body.objectValue != nil
            else { continue }
            for echo in operation.echoes { checkEcho(echo, body: body, exchange: exchange, into: &sink) }
            guard let paging = operation.paging else {
                complete = true
                continue
            }
            let items = body[paging.items]?.arrayValue ?? []
            // A limit of 0 asks for the default (proto3's unset field); one below is param-range's to report.
            let limit =
                paging.limitParam.flatMap { exchange.target.query[$0] }.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
                ?? paging.defaultLimit
            if let limit, items.count > limit {
                sink.report(
                    .pageSize, at: paging.items, "the page holds \(items.count) items, more than the limit of \(limit)",
                    expected: "at most \(limit)", actual: String(items.count), seed: paging.seed)
            }
            if page == 0, let total = paging.total.flatMap({ body[$0]?.int64Value }) {
                state.seen.reserveCapacity(Int(min(max(total, 0), 10_000_000)))
            }
            checkItems(items, operation: operation, paging: paging, exchange: exchange, state: &state, into: &sink)
            checkOrder(items, paging: paging, state: &state, into: &sink)
            let next = paging.nextPointer(body: body, headers: exchange.interaction.response.headers, items: items)
            // An empty has-more page that says more follow has no last item to continue from.
            let stranded = paging.style == .hasMore && items.isEmpty && paging.hasMoreField.flatMap { body[$0]?.boolValue } == true
            if stranded, let flag = paging.hasMoreField {
                sink.report(
                    .cursorTerminates, at: flag, "an empty page says more items follow but has no last item to continue from",
                    expected: "false on an empty page", actual: "true", seed: paging.seed)
            }
            let total = paging.total.flatMap { body[$0]?.scalarText }
            checkTotal(total, paging: paging, state: &state, into: &sink)
            switch paging.style {
            case .marker:
                checkMarker(paging, body: body, exchange: exchange, items: items.count, limit: limit, state: &state, into: &sink)
            case .token, .linkHeader, .nextLink, .headerToken, .hasMore:
                checkPointer(next, paging: paging, exchange: exchange, hasItems: !items.isEmpty, state: &state, into: &sink)
            case .pageNumber, .offset: break
            }
            complete = Self.isLastPage(
                paging, exchange: exchange, items: items.count, limit: limit, total: total, hasNext: next != nil || stranded)
        }
        if complete, walk.startsAtFirstPage, !state.exceededTotal, let total = state.firstTotal.flatMap({ Int($0) }),
            total != state.itemCount, let last = walk.exchanges.last, let paging = last.operation?.paging
        {
            sink.exchange = last.index
            sink.page = walk.exchanges.count - 1
            sink.report(
                .totalMatches, at: paging.total ?? paging.items,
                "the complete walk holds \(state.itemCount) items but reports a total of \(total)",
                expected: String(total), actual: String(state.itemCount), seed: paging.seed)
        }
        return (state.itemCount, complete)
    }

    private struct State {
        var itemCount = 0
        var firstTotal: String?
        var exceededTotal = false
        var seen: [String: (page: Int, item: Int)] = [:]
        var lastMarker: String?
        var tokens: Set<String> = []
        var lastOrdered: String?
    }

    private func checkItems(
        _ items: [JSONValue], operation: OperationContract, paging: PagingSpec, exchange: Exchange, state: inout State,
        into sink: inout ViolationSink
    ) {
        let filters = operation.filters.compactMap { filter -> (FilterSpec, Set<String>, Set<String>?)? in
            guard let value = exchange.parameter(filter.param) ?? filter.defaultValue else { return nil }
            let accepted = filter.separator.map { value.components(separatedBy: $0) } ?? [value]
            // A value the parameter cannot name (Alibaba Status beyond TaskStatus's 0-5) is not judged by it.
            let nameable = operation.parameter(filter.param).flatMap { operation.plan[$0.node].text?.allowed }
            return (filter, Set(accepted.map { $0.trimmingCharacters(in: .whitespaces) }), nameable)
        }
        let window = itemWindow(operation, exchange: exchange)
        let checkIDs = sink.isEnabled(.noDuplicates) ? paging.itemID : nil
        for (offset, item) in items.enumerated() {
            guard case .object(let object) = item else { continue }
            if let idField = checkIDs, let id = object[idField]?.scalarText {
                if let first = state.seen.updateValue((sink.page, offset), forKey: id) {
                    state.seen[id] = first
                    sink.report(
                        .noDuplicates, at: paging.items.appending(index: offset).appending(idField),
                        "item id \"\(id)\" already appeared on page \(first.page), item \(first.item)",
                        expected: "an id not seen before in this walk", actual: id, seed: paging.seed)
                }
            }
            for (filter, accepted, nameable) in filters {
                if let value = object[filter.field]?.scalarText, !accepted.contains(value), nameable?.contains(value) ?? true {
                    sink.report(
                        .filterHonored, at: paging.items.appending(index: offset).appending(filter.field),
                        "\"\(value)\" is excluded by the request's \(filter.param)",
                        expected: accepted.sorted().joined(separator: ", "), actual: value, seed: filter.seed)
                }
            }
            if let window, let text = object[window.field]?.stringValue, let time = window.format(text),
                time < window.lower || time > window.upper
            {
                sink.report(
                    .itemsInWindow, at: paging.items.appending(index: offset).appending(window.field),
                    "\"\(text)\" lies outside the window \(window.description)", expected: window.description,
                    actual: text, seed: operation.window?.seed)
            }
        }
        state.itemCount += items.count
    }

    /// The window items must fall in: the request's start and end, and the documented maximum age.
    private func itemWindow(
        _ operation: OperationContract, exchange: Exchange
    )
        -> (field: String, format: (String) -> Double?, lower: Double, upper: Double, description: String)?
    {
        guard let spec = operation.window, let field = spec.itemTime else { return nil }
        var lower = -Double.infinity
        var upper = Double.infinity
        var parts: [String] = []
        if let name = spec.startParam, let start = RequestValidator.time(of: name, operation: operation, exchange: exchange) {
            lower = start
            parts.append("from \(name)=\(exchange.parameter(name)!)")
        }
        if let name = spec.endParam, let end = RequestValidator.time(of: name, operation: operation, exchange: exchange) {
            upper = end
            parts.append("to \(name)=\(exchange.parameter(name)!)")
        }
        if let days = spec.itemMaxAgeDays {
            lower = max(lower, exchange.recordedAt - days * 86_400)
            parts.append("within \(Int(days)) days before \(exchange.interaction.recordedAt)")
        }
        guard !parts.isEmpty else { return nil }
        let format: (String) -> Double? =
            if let known = spec.itemTimeFormat { known.seconds } else { { text in TimeFormat.allCases.lazy.compactMap { $0.seconds(text) }.first } }
        return (field, format, lower, upper, parts.joined(separator: " "))
    }

    private func checkEcho(_ echo: EchoSpec, body: JSONValue, exchange: Exchange, into sink: inout ViolationSink) {
        guard let sent = exchange.parameter(echo.param) ?? echo.defaultValue, let echoed = body[echo.field]?.scalarText,
            !Self.same(sent, echoed)
        else { return }
        sink.report(
            .echoMismatch, at: echo.field, "the response echoes \(echo.param) as \"\(echoed)\" but \"\(sent)\" was sent",
            expected: sent, actual: echoed, seed: echo.seed)
    }

    private func checkTotal(_ total: String?, paging: PagingSpec, state: inout State, into sink: inout ViolationSink) {
        guard let total, let path = paging.total else { return }
        if let first = state.firstTotal {
            if !Self.same(first, total) {
                sink.report(
                    .totalStable, at: path, "the total changed from \(first) to \(total) within the walk",
                    expected: first, actual: total, seed: paging.seed)
            }
        } else {
            state.firstTotal = total
        }
        if !state.exceededTotal, let limit = Int(state.firstTotal ?? total), state.itemCount > limit {
            state.exceededTotal = true
            sink.report(
                .totalMatches, at: path, "\(state.itemCount) items seen so far, more than the reported total of \(limit)",
                expected: "at most \(limit)", actual: String(state.itemCount), seed: paging.seed)
        }
    }

    private func checkMarker(
        _ paging: PagingSpec, body: JSONValue, exchange: Exchange, items: Int, limit: Int?, state: inout State,
        into sink: inout ViolationSink
    ) {
        guard let field = paging.markerField, items > 0 else { return }
        guard let marker = body[field]?.scalarText, !marker.isEmpty else {
            if let limit, items >= limit {
                sink.report(
                    .cursorTerminates, at: field, "a full page returned no marker to continue from",
                    expected: "a marker on a page of \(limit) items", actual: "none", seed: paging.seed)
            }
            return
        }
        let sent = paging.markerParam.flatMap { exchange.target.query[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        for previous in [sent, state.lastMarker].compactMap({ $0 }) {
            let order = Self.compare(marker, previous)
            let moved = paging.markerOrder == .descending ? order < 0 : order > 0
            if !moved {
                sink.report(
                    .markerMonotonic, at: field,
                    "the marker did not move \(paging.markerOrder.rawValue) from \(previous)",
                    expected: (paging.markerOrder == .descending ? "less than " : "greater than ") + previous,
                    actual: marker, seed: paging.seed)
                break
            }
        }
        state.lastMarker = marker
    }

    /// `cursor-terminates` for the styles whose page names the next one: the next
    /// page must not be one this walk already asked for (a cycle), and an empty page names none.
    private func checkPointer(
        _ next: String?, paging: PagingSpec, exchange: Exchange, hasItems: Bool, state: inout State,
        into sink: inout ViolationSink
    ) {
        if let sent = paging.sentPointer(exchange.target) { state.tokens.insert(sent) }
        guard let next else { return }
        let (noun, location) = Self.pointerName(paging)
        let key = paging.comparable(next)
        if state.tokens.contains(key) {
            sink.report(
                .cursorTerminates, at: location, pattern: location,
                "the \(noun) leads back to a page already asked for in this walk",
                expected: "a \(noun) not seen before in this walk", actual: next, seed: paging.seed)
        } else if !hasItems {
            sink.report(
                .cursorTerminates, at: location, pattern: location, "an empty page still names a next page",
                expected: "no \(noun) on an empty page", actual: next, seed: paging.seed)
        }
        state.tokens.insert(key)
    }

    /// What a style's next-page pointer is called in messages, and where it is.
    private static func pointerName(_ paging: PagingSpec) -> (noun: String, location: String) {
        switch paging.style {
        case .linkHeader: ("Link rel=\"\(paging.linkRel)\" URL", "response.headers.Link")
        case .nextLink: ("next link", paging.nextLinkField?.description ?? "$")
        case .headerToken: ("next page token", "response.headers." + (paging.tokenHeader ?? ""))
        case .hasMore:
            (
                "cursor (the last item's \(paging.cursorField ?? paging.itemID ?? "id"))",
                paging.items.appending(index: 0).wildcarded + "." + (paging.cursorField ?? paging.itemID ?? "id")
            )
        case .token, .marker, .pageNumber, .offset: ("next page token", paging.nextTokenField?.description ?? "$")
        }
    }

    /// `marker-monotonic` for a documented item order: each item's order field moves in
    /// the documented direction from the one before it, across pages (equal values pass).
    private func checkOrder(_ items: [JSONValue], paging: PagingSpec, state: inout State, into sink: inout ViolationSink) {
        guard let order = paging.itemOrder, let field = paging.orderField ?? paging.itemID else { return }
        for (offset, item) in items.enumerated() {
            guard let value = item[field]?.scalarText else { continue }
            if let previous = state.lastOrdered {
                let comparison = Self.compare(value, previous)
                if order == .descending ? comparison > 0 : comparison < 0 {
                    sink.report(
                        .markerMonotonic, at: paging.items.appending(index: offset).appending(field),
                        "\(field) \(value) breaks the documented \(order.rawValue) order after \(previous)",
                        expected: (order == .descending ? "at most " : "at least ") + previous, actual: value,
                        seed: paging.seed)
                }
            }
            state.lastOrdered = value
        }
    }

    private static func isLastPage(
        _ paging: PagingSpec, exchange: Exchange, items: Int, limit: Int?, total: String?, hasNext: Bool
    ) -> Bool {
        // Styles whose page names the next one end only when it stops naming one; the others also end on a short page.
        if paging.endsOnShortPage, let limit, items < limit { return true }
        if paging.endsOnShortPage, limit == nil, items == 0 { return true }
        let totalCount = total.flatMap { Int($0) }
        switch paging.style {
        case .pageNumber:
            // Pages, limits and totals come from the recording: any of them may be near Int.max or Int.min.
            let page = paging.pageParam.flatMap { exchange.target.query[$0] }.flatMap { Int($0) } ?? paging.firstPage
            guard let totalCount, let limit else { return false }
            let pages = page.subtractingReportingOverflow(paging.firstPage - 1)
            let reached = pages.partialValue.multipliedReportingOverflow(by: limit)
            guard !pages.overflow, !reached.overflow else { return page > paging.firstPage }
            return reached.partialValue >= totalCount
        case .offset:
            let offset = paging.offsetParam.flatMap { exchange.target.query[$0] }.flatMap { Int($0) } ?? 0
            guard let totalCount else { return false }
            let reached = offset.addingReportingOverflow(items)
            return reached.overflow || reached.partialValue >= totalCount
        case .marker, .token, .linkHeader, .nextLink, .headerToken, .hasMore:
            return !hasNext
        }
    }

    /// Equal as text, or as numbers (`"10"` and `10`, `1.0` and `1`).
    private static func same(_ a: String, _ b: String) -> Bool {
        a == b || (Double(a) != nil && Double(a) == Double(b))
    }

    /// Orders markers: as non-negative integers of any length when both are digits, else as text.
    static func compare(_ a: String, _ b: String) -> Int {
        let digits: (String) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if digits(a), digits(b) {
            let x = a.drop(while: { $0 == "0" })
            let y = b.drop(while: { $0 == "0" })
            if x.count != y.count { return x.count < y.count ? -1 : 1 }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        return a == b ? 0 : (a < b ? -1 : 1)
    }
}
