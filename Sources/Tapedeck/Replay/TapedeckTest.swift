// URLSession is Foundation's on Apple platforms and FoundationNetworking's on Linux.
#if canImport(FoundationNetworking)
    public import FoundationNetworking
#else
    public import Foundation
#endif

/// What a test under `.cassette(…)` (TapedeckTesting) uses: the cassette session
/// of the running test, task-local, so that any client adapter can reach it
/// (the OpenAPI transport's `TapedeckTest.transport(wrapping:)` among them)
/// without depending on Swift Testing.
public enum TapedeckTest {
    /// The cassette session of the running test.
    @TaskLocal public static var session: CassetteSession?

    /// A `URLSession` that records and replays through the running test's cassette.
    public static var urlSession: URLSession {
        guard let session else { preconditionFailure("TapedeckTest.urlSession is only available inside a test with the .cassette(…) trait") }
        return session.urlSession()
    }
}
