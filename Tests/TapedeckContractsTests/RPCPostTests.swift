import Foundation
import Tapedeck
import Testing

@testable import TapedeckContracts
import TapedeckTestSupport

/// Alibaba's RPC both ways: the same walk checks clean as GETs with the
/// parameters in the query and as POSTs with them in a form body.
struct RPCPostTests {
    static let walk = PackageRoot.url.appendingPathComponent("Cassettes/alibaba-petadata/walk.json")

    /// The walk with each request sent as a POST whose query moved to a form body.
    static func posted(_ cassette: Cassette, contentType: String) -> Cassette {
        var posted = cassette
        for index in posted.interactions.indices {
            var request = posted.interactions[index].request
            let split = request.url.split(separator: "?", maxSplits: 1)
            request.method = "POST"
            request.url = String(split[0])
            request.headers.append(name: "Content-Type", value: contentType)
            request.body = RecordedBody(content: .text(String(split[1])))
            posted.interactions[index].request = request
        }
        return posted
    }

    @Test(arguments: ["application/x-www-form-urlencoded", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"])
    func aPostFormWalkChecksCleanLikeItsGetTwin(contentType: String) throws {
        let recorded = try CassetteStore.load(Self.walk)
        let contract = Recordings.contract("alibaba-petadata")
        let asGets = ContractChecker(contract: contract).check(recorded, recording: "walk.json")
        #expect(asGets.failures.isEmpty)
        let posted = Self.posted(recorded, contentType: contentType)
        #expect(Recordings.catalogue.detect(posted.interactions)?.provider == "alibaba-petadata")
        let asPosts = ContractChecker(contract: contract).check(posted, recording: "walk.json")
        #expect(asPosts.failures.isEmpty, "\(asPosts.failures)")
        #expect(asPosts.walks.count == asGets.walks.count)
    }

    @Test func aPostWhoseBodyIsNotAFormFindsNoOperation() throws {
        let posted = Self.posted(try CassetteStore.load(Self.walk), contentType: "text/plain")
        #expect(Recordings.catalogue.detect(posted.interactions) == nil)
    }
}
