import Foundation
import NIOCore
import NIOHTTP1
import TapedeckHTTP
import TapedeckProviders
import TapedeckServer
import TapedeckTestSupport
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Generated secrets (`PlantedSecretGenerator`) and the vendor corpus through
/// every way a recording is made: a HAR import, in-process recording and the
/// recording proxy, and the forward HTTPS proxy (curl through `CONNECT` and
/// TLS interception). None survives in any form, and the scan flags every raw exchange.
/// Each test makes its own corpus, scratch folder and servers (on ports the system
/// picks), so they run side by side: run one after another they were the suite's tail.
struct PlantedSecretGenerativeTests {
    /// 80 generated exchanges and 5 rounds of the vendor corpus (175 exchanges modelled on 21 vendors).
    static func corpus(base: String) -> PlantedSecretGenerator {
        var generator = PlantedSecretGenerator(seed: 2026, base: base)
        for _ in 0..<80 { generator.addGenerated() }
        generator.addVendorExchanges(rounds: 5)
        return generator
    }

    /// The planted secrets, in any form, that `file` still holds.
    static func survivors(in file: URL, of corpus: PlantedSecretGenerator) throws -> [String] {
        let text = try String(contentsOf: file, encoding: .utf8)
        return Set(corpus.secrets).filter { secret in SecretForms.of(secret).contains { text.contains($0) } }.map { "\($0.prefix(6))… (\($0.count))" }
    }

    static func verify(_ file: URL, _ corpus: PlantedSecretGenerator, path: String) throws {
        let survivors = try survivors(in: file, of: corpus)
        let distinct = Set(corpus.secrets).count
        #expect(survivors.isEmpty, "\(survivors.count) of \(distinct) planted secrets survived \(path): \(survivors.sorted())")
        #expect(try CassetteStore.load(file).interactions.count == corpus.interactions.count)
        if let out = ProcessInfo.processInfo.environment["TAPEDECK_CORPUS_OUT"] {
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let copy = folder.appendingPathComponent("generated-\(path).json")
            try? FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: file, to: copy)
        }
    }

    @Test func theCorpusIsLargeAndCoversTheVendors() {
        let corpus = Self.corpus(base: "http://api.example")
        #expect(corpus.interactions.count >= 250)
        #expect(Set(corpus.secrets).count >= 400)
        #expect(PlantedSecretGenerator.vendors.count >= 15)
    }

    @Test func theScanFlagsEveryRawExchange() throws {
        let corpus = Self.corpus(base: "http://api.example")
        let file = try scratchFolder("tapedeck-server-tests").appendingPathComponent("generated-raw.har")
        try HARExporter.har(from: Cassette(interactions: corpus.interactions)).write(to: file)
        let findings = try SecretScanner(redactor: ProfileCatalogue.standardRedactor).scan(file: file.path)
        let flagged = Set(
            findings.compactMap { finding -> Int? in
                guard case .index(let index)? = finding.path.components.dropFirst(2).first else { return nil }
                return index
            })
        let missed = Set(corpus.interactions.indices).subtracting(flagged).sorted()
        #expect(missed.isEmpty, "\(missed.count) of \(corpus.interactions.count) raw exchanges not flagged: \(missed)")
        for finding in findings.prefix(2000) {
            #expect(!corpus.secrets.contains { $0.count >= 8 && finding.description.contains($0) }, "a finding shows a secret")
        }
    }

    @Test func noGeneratedSecretSurvivesImport() throws {
        let corpus = Self.corpus(base: "http://api.example")
        let cassette = try HARImporter(redactor: ProfileCatalogue.standardRedactor).cassette(
            fromHAR: HARExporter.har(from: Cassette(interactions: corpus.interactions)), file: "generated.har")
        let file = try scratchFolder("tapedeck-server-tests").appendingPathComponent("generated-import.json")
        try CassetteStore.write(cassette, to: file)
        try Self.verify(file, corpus, path: "import")
    }

    /// An upstream that answers the corpus as generated, secrets and all.
    static func upstream(in folder: URL) async throws -> (CassetteServer, PlantedSecretGenerator) {
        let raw = folder.appendingPathComponent("generated-raw.json")
        try CassetteStore.write(Cassette(interactions: corpus(base: "http://api.example").interactions), to: raw)
        let server = try await CassetteServer.started(.init(cassettes: [raw], allowsRepeats: true))
        return (server, corpus(base: server.baseURL.absoluteString))
    }

    @Test func noGeneratedSecretSurvivesInProcessRecording() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let (upstream, corpus) = try await Self.upstream(in: folder)
        let file = folder.appendingPathComponent("generated-in-process.json")
        let session = try CassetteSession(CassetteConfiguration(file: file, mode: .all, redactor: ProfileCatalogue.standardRedactor))
        let client = session.urlSession()
        for interaction in corpus.interactions {
            let (_, response) = try await client.data(for: PlantedSecretCorpusTests.urlRequest(interaction.request))
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(interaction.request.method) \(interaction.request.url.suffix(40))")
        }
        _ = try session.finish()
        try await upstream.stop()
        try Self.verify(file, corpus, path: "in-process")
    }

    @Test func noGeneratedSecretSurvivesTheRecordingProxy() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let (upstream, corpus) = try await Self.upstream(in: folder)
        let file = folder.appendingPathComponent("generated-proxy.json")
        let proxy = try await CassetteServer.started(.init(cassettes: [file], mode: .all, upstream: upstream.baseURL))
        let client = URLSession(configuration: .ephemeral)
        for interaction in corpus.interactions {
            let (_, response) = try await client.data(for: PlantedSecretCorpusTests.urlRequest(interaction.request, at: proxy.baseURL))
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(interaction.request.method) \(interaction.request.url.suffix(40))")
        }
        try await proxy.stop()
        try await upstream.stop()
        try Self.verify(file, corpus, path: "proxy")
    }

    /// Answers each request with the corpus's answer number `X-Corpus-Index`, over TLS.
    struct CorpusResponder: HTTPResponder {
        let interactions: [Interaction]

        func respondImmediately(to request: HTTPRequest) -> HTTPResponse? {
            guard let index = request.headers.first(name: "X-Corpus-Index").flatMap(Int.init), interactions.indices.contains(index) else {
                return HTTPResponse(status: .notFound)
            }
            let response = interactions[index].response
            var headers = HTTPHeaders()
            for field in response.headers { headers.add(name: field.name, value: field.value) }
            return HTTPResponse(status: .ok, headers: headers, body: ByteBuffer(bytes: response.body.data))
        }

        func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) {
            if let answer = respondImmediately(to: request) { stream.send(answer) }
        }
    }

    @Test func noGeneratedSecretSurvivesTheForwardProxy() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let tls = try LoopbackTLS(in: folder)
        let authority = try CertificateAuthority(folder: folder.appendingPathComponent("ca"))
        let placeholder = Self.corpus(base: "https://localhost:1")
        let upstream = try await tls.serve(CorpusResponder(interactions: placeholder.interactions))
        let corpus = Self.corpus(base: "https://localhost:\(upstream.port)")
        let file = folder.appendingPathComponent("generated-forward.json")
        let proxy = try await CassetteServer.started(
            .init(cassettes: [file], mode: .all, forward: .init(authority: authority), upstreamTrust: .certificates(tls.certificateFile)))
        // One curl for every exchange (`--next`), each with its method, headers and body.
        var arguments: [String] = []
        for (index, interaction) in corpus.interactions.enumerated() {
            if index > 0 { arguments.append("--next") }
            arguments += ["-sS", "--max-time", "20", "--noproxy", "", "--proxy", "http://127.0.0.1:\(proxy.port)", "--cacert", authority.certificateFile.path]
            arguments += ["-o", "/dev/null", "-X", interaction.request.method, "-H", "X-Corpus-Index: \(index)", "-H", "Expect:"]
            for field in interaction.request.headers { arguments += ["-H", "\(field.name): \(field.value)"] }
            if !interaction.request.body.isEmpty {
                let body = folder.appendingPathComponent("body-\(index)")
                try interaction.request.body.data.write(to: body)
                arguments += ["--data-binary", "@" + body.path]
            }
            arguments.append(interaction.request.url)
        }
        let output = folder.appendingPathComponent("curl.out")
        let status = try ServerFixture.run("curl", arguments, output: output, timeout: 300)
        let log = try String(contentsOf: output, encoding: .utf8)
        #expect(status == 0, "\(log.prefix(2000))")
        try await proxy.stop()
        try await upstream.stop()
        try Self.verify(file, corpus, path: "forward")
    }
}
