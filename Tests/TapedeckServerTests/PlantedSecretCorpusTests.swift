import Foundation
import TapedeckProviders
import TapedeckServer
import TapedeckTestSupport
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The planted-secret corpus through every way a recording is made: a HAR
/// import, in-process recording (a `CassetteSession`'s `URLSession`) and the
/// recording proxy. No planted secret survives in any encoding, the redacted
/// cassettes scan clean, and the scan flags every raw entry. With
/// `TAPEDECK_CORPUS_OUT` set, the redacted cassettes are also written there
/// (CI runs detect-secrets over them).
@Suite(.serialized)
struct PlantedSecretCorpusTests {
    /// An upstream that answers the corpus's requests as recorded, secrets and all.
    static func upstream(in folder: URL) async throws -> (CassetteServer, PlantedSecrets) {
        let raw = folder.appendingPathComponent("raw.json")
        try CassetteStore.write(Cassette(interactions: PlantedSecrets(base: "http://api.example").interactions), to: raw)
        let server = try await CassetteServer.started(.init(cassettes: [raw], allowsRepeats: true))
        return (server, PlantedSecrets(base: server.baseURL.absoluteString))
    }

    /// The planted secrets, or any form of one, that `file` still holds.
    static func survivors(in file: URL, of corpus: PlantedSecrets) throws -> [String] {
        let text = try String(contentsOf: file, encoding: .utf8)
        return corpus.secrets.enumerated().filter { _, secret in SecretForms.of(secret).contains { text.contains($0) } }
            .map { "secret \($0.offset) (\($0.element.prefix(4))…)" }
    }

    /// Checks a redacted recording of the corpus and keeps it for CI when asked.
    static func verify(_ file: URL, _ corpus: PlantedSecrets, path: String) throws {
        let survivors = try survivors(in: file, of: corpus)
        #expect(survivors.isEmpty, "\(survivors.count) of \(corpus.secrets.count) planted secrets survived \(path): \(survivors)")
        let findings = try SecretScanner(redactor: ProfileCatalogue.standardRedactor).scan(file: file.path)
        #expect(findings.isEmpty, "the scan flags the redacted output of \(path): \(findings)")
        #expect(try CassetteStore.load(file).interactions.count == corpus.interactions.count)
        if let out = ProcessInfo.processInfo.environment["TAPEDECK_CORPUS_OUT"] {
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let copy = folder.appendingPathComponent("\(path).json")
            try? FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: file, to: copy)
        }
    }

    static func urlRequest(_ recorded: RecordedRequest, at base: URL? = nil) -> URLRequest {
        var url = URL(string: recorded.url)!
        if let base, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.scheme = base.scheme
            components.host = base.host
            components.port = base.port
            url = components.url!
        }
        var request = URLRequest(url: url)
        request.httpMethod = recorded.method
        for field in recorded.headers { request.addValue(field.value, forHTTPHeaderField: field.name) }
        if !recorded.body.isEmpty { request.httpBody = recorded.body.data }
        return request
    }

    @Test func theCorpusPlantsEnoughSecretsInEveryPlace() {
        let corpus = PlantedSecrets(base: "http://api.example")
        #expect(corpus.secrets.count >= 40)
        #expect(Set(corpus.secrets).count == corpus.secrets.count, "every planted secret is distinct")
    }

    @Test func theScanFlagsEveryRawEntry() throws {
        let corpus = PlantedSecrets(base: "http://api.example")
        let file = try scratchFolder("tapedeck-server-tests").appendingPathComponent("raw.har")
        try HARExporter.har(from: Cassette(interactions: corpus.interactions)).write(to: file)
        let findings = try SecretScanner(redactor: ProfileCatalogue.standardRedactor).scan(file: file.path)
        let flagged = Set(
            findings.compactMap { finding -> Int? in
                guard case .index(let index)? = finding.path.components.dropFirst(2).first else { return nil }
                return index
            })
        #expect(flagged == Set(corpus.interactions.indices), "entries not flagged: \(Set(corpus.interactions.indices).subtracting(flagged).sorted())")
        for finding in findings {
            #expect(!corpus.secrets.contains { finding.description.contains($0) }, "a finding shows a secret")
        }
    }

    @Test func noSecretSurvivesImport() throws {
        let corpus = PlantedSecrets(base: "http://api.example")
        let folder = try scratchFolder("tapedeck-server-tests")
        let cassette = try HARImporter(redactor: ProfileCatalogue.standardRedactor).cassette(
            fromHAR: HARExporter.har(from: Cassette(interactions: corpus.interactions)), file: "corpus.har")
        let file = folder.appendingPathComponent("imported.json")
        try CassetteStore.write(cassette, to: file)
        try Self.verify(file, corpus, path: "import")
    }

    @Test func noSecretSurvivesInProcessRecording() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let (upstream, corpus) = try await Self.upstream(in: folder)
        let file = folder.appendingPathComponent("in-process.json")
        let session = try CassetteSession(CassetteConfiguration(file: file, mode: .all, redactor: ProfileCatalogue.standardRedactor))
        let client = session.urlSession()
        for interaction in corpus.interactions {
            let (_, response) = try await client.data(for: Self.urlRequest(interaction.request))
            #expect(
                (response as? HTTPURLResponse)?.statusCode == interaction.response.status, "\(interaction.request.method) \(interaction.request.url.suffix(30))"
            )
        }
        _ = try session.finish()
        try await upstream.stop()
        try Self.verify(file, corpus, path: "in-process")
    }

    @Test func noSecretSurvivesTheRecordingProxy() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let (upstream, corpus) = try await Self.upstream(in: folder)
        let file = folder.appendingPathComponent("proxy.json")
        let proxy = try await CassetteServer.started(.init(cassettes: [file], mode: .all, upstream: upstream.baseURL))
        let client = URLSession(configuration: .ephemeral)
        for interaction in corpus.interactions {
            let (_, response) = try await client.data(for: Self.urlRequest(interaction.request, at: proxy.baseURL))
            #expect(
                (response as? HTTPURLResponse)?.statusCode == interaction.response.status, "\(interaction.request.method) \(interaction.request.url.suffix(30))"
            )
        }
        try await proxy.stop()
        try await upstream.stop()
        try Self.verify(file, corpus, path: "proxy")
        let cookies = try CassetteStore.load(file).interactions[6].response.headers.values(for: "Set-Cookie")
        #expect(cookies.count == 3, "each Set-Cookie line is its own field: \(cookies)")

        // Replayed over HTTP, each is its own line again.
        let replay = try await CassetteServer.started(.init(cassettes: [file]))
        let output = folder.appendingPathComponent("curl.txt")
        #expect(try ServerFixture.run("curl", ["--silent", "--include", "\(replay.baseURL.absoluteString)/session"], output: output) == 0)
        try await replay.stop()
        let lines = try String(contentsOf: output, encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(lines.filter { $0.lowercased().hasPrefix("set-cookie: ") }.count == 3)
    }
}
