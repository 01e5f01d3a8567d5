import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Secrets sent and received through a real `URLSession` against a loopback
/// server never reach the cassette file, and the redacted cassette still replays.
struct RecordRedactionTests {
    static let served = Data(#"{"access_token":"plantedServedToken","project":"p-plantedProject","echo":"plantedRegexSecret-xyz"}"#.utf8)

    @Test func recordedSecretsAreRedactedBeforeTheFileIsWrittenAndItStillReplays() async throws {
        let redactor = try Redactor.standard.addingLiteralSecrets(["plantedEnvironmentSecret"])
            .adding([.regex("plantedRegexSecret-[a-z]+", kind: "echo")])
            .pseudonymising("p-plantedProject", kind: "project")
        let file = scratchRoot.appendingPathComponent("tapedeck-\(UUID().uuidString)/record.json")
        let server = try LoopbackServer(files: ["token.json": Self.served])
        var components = try #require(URLComponents(url: server.baseURL.appendingPathComponent("token.json"), resolvingAgainstBaseURL: false))
        components.percentEncodedQuery = "project=p-plantedProject&AccessKeyId=LTAIplantedQueryKey&Signature=planted%2BSig%3D&note=plantedEnvironmentSecret"
        var request = URLRequest(url: try #require(components.url))
        request.setValue("sid=plantedCookie", forHTTPHeaderField: "Cookie")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpAdditionalHeaders = ["X-Auth-Token": "plantedAdditionalHeaderToken"]

        let recorder = try CassetteSession(CassetteConfiguration(file: file, mode: .all, redactor: redactor))
        let (data, _) = try await recorder.urlSession(configuration: configuration).data(for: request)
        #expect(data == Self.served, "the client gets the real answer while recording")
        #expect(try recorder.finish().saved)

        let bytes = try String(contentsOf: file, encoding: .utf8)
        for secret in [
            "plantedServedToken", "plantedProject", "plantedRegexSecret", "plantedQueryKey", "planted%2BSig", "planted+Sig",
            "plantedEnvironmentSecret", "plantedCookie", "plantedAdditionalHeaderToken",
        ] {
            #expect(!bytes.contains(secret), "\(secret) reached the file")
        }

        let player = try CassetteSession(CassetteConfiguration(file: file, mode: .never, redactor: redactor))
        let (replayed, response) = try await player.urlSession(configuration: configuration).data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: replayed, as: UTF8.self).contains(#""project":"pseudo-project-1""#))
        #expect(try player.finish().misses.isEmpty)
    }
}
