public import Foundation
public import Tapedeck

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// A generic client that walks every page of a listing by following its
/// contract's paging rule (`x-tapedeck-paging`): page numbers, offsets, a
/// marker taken from the previous page, an opaque token (in the body or a
/// header), a has-more flag with the last item's id, or the next page's URL
/// (a `Link` header or a body field, followed as is). It is the client
/// code the scenarios run, through a `URLSession` that Tapedeck records or
/// replays, and a public API for users' own tests.
///
/// ```swift
/// let client = PaginatingClient(contract: contract, session: session) { request in
///     try signer.sign(&request, date: Date())
/// }
/// let walk = try await client.walk(firstPage)
/// ```
public struct PaginatingClient: Sendable {
    /// One page as the client saw it.
    public struct Page: Sendable {
        public var url: URL
        public var status: Int
        /// The body as JSON (an XML answer converted), when it is JSON or XML.
        public var body: JSONValue?
        public var items: [JSONValue]
        /// The response headers (a `Link` header or a header token names the next page).
        public var headers: HeaderFields = [:]
    }

    /// Everything a walk fetched, and why it stopped.
    public struct Walk: Sendable {
        public var pages: [Page]
        public var items: [JSONValue] { pages.flatMap(\.items) }
        /// Why the client stopped asking for pages.
        public var stopReason: String
    }

    public let contract: Contract
    public let session: URLSession
    /// Adds credentials to each request just before it is sent (a provider signer, a token).
    public let authorize: @Sendable (inout URLRequest) throws -> Void
    /// The most pages one walk may fetch: a cursor that cycles cannot loop forever.
    public var maximumPages: Int

    public init(
        contract: Contract, session: URLSession, maximumPages: Int = 1_000,
        authorize: @escaping @Sendable (inout URLRequest) throws -> Void = { _ in }
    ) {
        self.contract = contract
        self.session = session
        self.maximumPages = maximumPages
        self.authorize = authorize
    }

    /// Walks from `firstPage` (the operation's URL with its non-paging parameters and,
    /// if wanted, a page size) until the contract says the listing has ended.
    /// - Throws: `InputError` when the URL is not an operation of the contract, or
    ///   the transport error of a request that failed.
    public func walk(_ firstPage: URL) async throws -> Walk {
        guard let operation = contract.operation(forURL: firstPage.absoluteString, method: "GET")?.operation else {
            throw InputError(
                file: firstPage.absoluteString, expected: "a GET operation of the \(contract.provider) contract",
                found: "a path the contract does not document")
        }
        var pages: [Page] = []
        var next: URL? = firstPage
        var itemsSoFar = 0
        var stopReason = "the first page was the last"
        var asked: Set<String> = []
        while let url = next {
            guard pages.count < maximumPages else {
                stopReason = "stopped after \(maximumPages) pages (the cursor did not end)"
                break
            }
            guard asked.insert(RequestTarget(url: url.absoluteString).pageKey).inserted else {
                stopReason = "the next page is one already fetched (the cursor cycles)"
                break
            }
            let page = try await fetch(url, operation: operation)
            pages.append(page)
            itemsSoFar += page.items.count
            guard let paging = operation.paging else {
                stopReason = "the operation does not page"
                break
            }
            switch Self.nextPage(after: page, paging: paging, itemsSoFar: itemsSoFar) {
            case .next(let url): next = url
            case .end(let reason):
                stopReason = reason
                next = nil
            }
        }
        return Walk(pages: pages, stopReason: stopReason)
    }

    private func fetch(_ url: URL, operation: OperationContract) async throws -> Page {
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        try authorize(&request)
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        let status = http?.statusCode ?? 0
        let headers = HeaderFields(
            (http?.allHeaderFields ?? [:]).compactMap { name, value in
                (name as? String).map { HeaderFields.Field(name: $0, value: "\(value)") }
            })
        let contentType = http?.value(forHTTPHeaderField: "Content-Type")
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: url.absoluteString),
            response: RecordedResponse(status: status, body: RecordedBody(data: data, contentType: contentType)),
            recordedAt: Date(), duration: 0)
        let body = Exchange(index: 0, interaction: interaction, contract: contract).body
        let items = operation.paging.flatMap { body?[$0.items]?.arrayValue } ?? []
        return Page(url: url, status: status, body: body, items: items, headers: headers)
    }

    enum Step: Equatable {
        case next(URL)
        case end(String)
    }

    /// The page after `page`, by the contract's paging rule.
    static func nextPage(after page: Page, paging: PagingSpec, itemsSoFar: Int) -> Step {
        guard (200..<300).contains(page.status) else { return .end("HTTP \(page.status)") }
        guard !page.items.isEmpty else { return .end("an empty page") }
        var components = URLComponents(url: page.url, resolvingAgainstBaseURL: false)
        var query = components?.queryItems ?? []
        func value(_ name: String?) -> String? { name.flatMap { name in query.first(where: { $0.name == name })?.value } }
        func set(_ name: String, _ value: String) {
            query.removeAll { $0.name == name }
            query.append(URLQueryItem(name: name, value: value))
        }
        let limit = value(paging.limitParam).flatMap(Int.init) ?? paging.defaultLimit
        let total = paging.total.flatMap { page.body?[$0] }.flatMap { $0.int64Value ?? $0.stringValue.flatMap(Int64.init) }
        if let total, itemsSoFar >= total, paging.endsOnShortPage { return .end("all \(total) items fetched") }
        let named = paging.nextPointer(body: page.body, headers: page.headers, items: page.items)
        switch paging.style {
        case .linkHeader, .nextLink:
            guard let named, let url = URL(string: named, relativeTo: page.url)?.absoluteURL else {
                return .end("no next page URL")
            }
            return .next(url)
        case .headerToken, .hasMore:
            guard let named, let param = paging.style == .hasMore ? paging.cursorParam : paging.tokenParam else {
                return .end(paging.style == .hasMore ? "no more items" : "no next page token")
            }
            set(param, named)
        case .token:
            guard let field = paging.nextTokenField, let param = paging.tokenParam,
                let token = page.body?[field]?.stringValue, !token.isEmpty
            else { return .end("no next page token") }
            set(param, token)
        case .marker:
            if let limit, page.items.count < limit { return .end("a short page") }
            guard let field = paging.markerField, let param = paging.markerParam, let marker = page.body?[field],
                let text = marker.stringValue ?? marker.numberLexeme, !text.isEmpty
            else { return .end("no marker") }
            set(param, text)
            if let offset = paging.offsetParam, value(offset) != nil { set(offset, "0") }
        case .offset:
            if let limit, page.items.count < limit { return .end("a short page") }
            guard let param = paging.offsetParam else { return .end("no offset parameter") }
            let offset = (value(param).flatMap(Int.init) ?? 0).addingReportingOverflow(page.items.count)
            guard !offset.overflow else { return .end("the next offset is past Int.max") }
            set(param, String(offset.partialValue))
        case .pageNumber:
            if let limit, page.items.count < limit { return .end("a short page") }
            guard let param = paging.pageParam else { return .end("no page parameter") }
            let number = (value(param).flatMap(Int.init) ?? paging.firstPage).addingReportingOverflow(1)
            guard !number.overflow else { return .end("the next page number is past Int.max") }
            set(param, String(number.partialValue))
        }
        components?.queryItems = query
        guard let url = components?.url else { return .end("the next page's URL did not form") }
        return .next(url)
    }
}
