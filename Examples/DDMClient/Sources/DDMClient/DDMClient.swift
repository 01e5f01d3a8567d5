import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A small client of Open Telekom Cloud DDM's "query tasks" API
/// (`GET /v3/{project_id}/jobs`), as an application would write it: the window
/// comes from the client's own clock, and it pages with `offset` and `limit`
/// until it has `total` jobs.
public struct DDMClient: Sendable {
    /// One job, as the API documents it.
    public struct Job: Decodable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var status: String
    }

    private struct Page: Decodable {
        var jobs: [Job]
        var total: Int
    }

    /// What the API answered when it was not 200.
    public struct Failure: Error, CustomStringConvertible {
        public var status: Int
        public var body: String
        public var description: String { "DDM answered \(status): \(body.prefix(200))" }
    }

    public var baseURL: URL
    public var projectID: String
    public var token: String
    public var session: URLSession
    public var pageSize: Int

    public init(baseURL: URL, projectID: String, token: String, session: URLSession = .shared, pageSize: Int = 10) {
        self.baseURL = baseURL
        self.projectID = projectID
        self.token = token
        self.session = session
        self.pageSize = pageSize
    }

    /// Every job of the last `days` days, up to now by this machine's clock.
    /// - Throws: `Failure` for an answer that is not 200, or the session's error.
    public func jobs(inTheLast days: Int) async throws -> [Job] {
        let end = Date()
        let start = end.addingTimeInterval(-Double(days) * 86_400)
        var jobs: [Job] = []
        while true {
            let page = try await page(from: start, to: end, offset: jobs.count)
            jobs += page.jobs
            if page.jobs.isEmpty || jobs.count >= page.total { return jobs }
        }
    }

    private func page(from start: Date, to end: Date, offset: Int) async throws -> Page {
        var components = URLComponents(url: baseURL.appendingPathComponent("v3/\(projectID)/jobs"), resolvingAgainstBaseURL: false)!
        components.queryItems = [
            URLQueryItem(name: "start_time", value: String(Int64(start.timeIntervalSince1970 * 1000))),
            URLQueryItem(name: "end_time", value: String(Int64(end.timeIntervalSince1970 * 1000))),
            URLQueryItem(name: "offset", value: String(offset)),
            URLQueryItem(name: "limit", value: String(pageSize)),
        ]
        var request = URLRequest(url: components.url!)
        request.setValue(token, forHTTPHeaderField: "X-Auth-Token")
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else { throw Failure(status: status, body: String(decoding: data, as: UTF8.self)) }
        return try JSONDecoder().decode(Page.self, from: data)
    }
}
