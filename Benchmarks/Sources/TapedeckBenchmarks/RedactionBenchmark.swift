import Foundation
import Tapedeck

/// Measures redacting and writing a recording full of distinct secrets against
/// a baseline in the same run: the same recording with the secrets' parameters
/// under names that are not credentials', so it is parsed and written alike
/// and only finding and replacing the secrets differs.
struct RedactionBenchmark: Sendable {
    /// What one run measured.
    struct Result: Sendable {
        /// Signed requests in each recording.
        var interactions: Int
        /// Distinct secrets in the recording (and placeholders in the written cassette).
        var secrets: Int
        /// Redacting and writing the recording with the secrets.
        var seconds: Double
        /// Redacting and writing the same recording without them.
        var baselineSeconds: Double
        var overBaseline: Double { seconds / baselineSeconds }
    }

    /// Distinct secrets to plant: two per signed request (its `Signature` and `SignatureNonce`).
    var secrets: Int

    /// A benchmark of `secrets` distinct secrets (rounded down to an even number).
    init(secrets: Int = 10_000) { self.secrets = secrets }

    /// Builds both recordings, then times redacting and writing each (the better of two rounds).
    /// - Parameter progress: told the name of each phase as it starts.
    /// - Throws: `InputError` when a cassette cannot be written to the temporary folder.
    func run(progress: (_ phase: String) -> Void = { _ in }) throws(InputError) -> Result {
        let requests = max(1, secrets / 2)
        let signed = recording(requests, names: ("Signature", "SignatureNonce"))
        let plain = recording(requests, names: ("Digest", "Nonce"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var seconds = Double.infinity
        var baseline = Double.infinity
        var found = 0
        for round in 1...2 {
            progress("round \(round) of 2, redacting \(requests) requests")
            baseline = min(baseline, try Self.time(plain, to: folder.appendingPathComponent("plain.json")).seconds)
            let (time, placeholders) = try Self.time(signed, to: folder.appendingPathComponent("signed.json"))
            seconds = min(seconds, time)
            found = placeholders
        }
        return Result(interactions: requests, secrets: found, seconds: seconds, baselineSeconds: baseline)
    }

    /// The standard redactor taught the nonce's name, as the signing provider's profile teaches it.
    private static let redactor = Redactor(catalogue: CredentialCatalogue.standard.adding(["SignatureNonce"], only: .parameter))

    /// Redacts and writes `cassette`: the seconds it took, and the highest placeholder number written.
    private static func time(_ cassette: Cassette, to file: URL) throws(InputError) -> (seconds: Double, placeholders: Int) {
        let start = DispatchTime.now()
        let redacted = redactor.redact(cassette)
        try CassetteStore.write(redacted, to: file)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return (seconds, PlaceholderTable.highestNumber(in: redacted.interactions))
    }

    /// `count` signed Alibaba-style requests, each with a distinct signature and nonce under `names`, each answered by a page.
    private func recording(_ count: Int, names: (signature: String, nonce: String)) -> Cassette {
        let body = RecordedBody(content: .json(ReplayBenchmark.page()))
        var state: UInt64 = 7
        func random(_ length: Int) -> String {
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            return String(
                (0..<length).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return alphabet[Int((state >> 33) % 62)]
                })
        }
        return Cassette(
            interactions: (0..<count).map { index in
                let query =
                    "Action=DescribeTasks&Format=JSON&Version=2020-12-01&PageNumber=\(index)&SignatureMethod=HMAC-SHA1"
                    + "&\(names.nonce)=\(random(32))&Timestamp=2026-12-02T10%3A00%3A00Z&\(names.signature)=\(random(27))%3D"
                return Interaction(
                    request: RecordedRequest(method: "GET", url: "http://127.0.0.1:9/?" + query),
                    response: RecordedResponse(status: 200, headers: ["Content-Type": "application/json"], body: body),
                    recordedAt: Date(timeIntervalSince1970: 1_795_000_000), duration: 0.001)
            })
    }
}
