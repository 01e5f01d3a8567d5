package import ArgumentParser
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Tapedeck
import TapedeckContracts

/// `tapedeck bench` (and `tapedeck-bench`): performance measurements, each against a baseline in the same run.
package struct BenchCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Tapedeck against a baseline in the same run (build with -c release).",
        subcommands: [Check.self, Replay.self, Fetch.self, Redact.self]
    )

    package init() {}

    /// `tapedeck bench check`: checking a long walk versus parsing it with JSONSerialization.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a synthetic IoTDA walk and compare with parsing its pages with JSONSerialization."
        )

        @Option(help: "Tasks in the walk.")
        var tasks = 1_000_000

        @Option(help: "Tasks per page.")
        var pageSize = 500

        @Flag(help: "Skip the Python jsonschema baseline.")
        var skipPython = false

        func run() async throws {
            let contract = try ContractCatalogue.builtIn.contract(for: "huawei-iotda")
            let benchmark = CheckBenchmark(tasks: tasks, pageSize: pageSize)
            let progress = ProgressLine("bench check")
            let result = try benchmark.run(contract: contract, progress: progress.show)
            let megabytes = Double(result.bytes) / 1_048_576
            progress.finish()
            print("walk: \(result.tasks) tasks, \(result.pages) pages, \(String(format: "%.1f", megabytes)) MiB, \(result.violations) violations")
            print(String(format: "JSONSerialization parse (baseline): %8.3f s", result.serializationParse))
            print(String(format: "Tapedeck JSONParser parse:          %8.3f s", result.tapedeckParse))
            print(String(format: "ContractChecker check (18 rules):   %8.3f s", result.check))
            print(String(format: "check alone / baseline:             %8.2fx", result.checkRatio))
            print(String(format: "parse + check / baseline:           %8.2fx (target: within 2x)", result.ratio))
            guard !skipPython else { return }
            guard let folder = ContractCatalogue.defaultDirectory() else {
                throw ValidationError("the Python baseline runs from the repository: Scenarios/contracts was not found")
            }
            let script = folder.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Benchmarks/check/jsonschema_baseline.py")
            progress.show("the Python jsonschema baseline")
            let python = try benchmark.runPythonBaseline(script: script)
            progress.finish()
            let tapedeck = result.tapedeckParse + result.check
            print(String(format: "Python json.loads + jsonschema:     %8.3f s", python))
            print(String(format: "Python / (parse + check):           %8.1fx faster (target: at least 10x)", python / tapedeck))
        }
    }

    /// `tapedeck bench replay`: cassette load and in-process replay versus a bare URLProtocol.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Load a cassette of N interactions, replay them through URLSession, and compare with a bare URLProtocol."
        )

        @Option(help: "Interactions in the cassette.")
        var interactions = 10_000

        func run() async throws {
            let progress = ProgressLine("bench replay")
            let result = try await ReplayBenchmark(interactions: interactions).run(progress: progress.show)
            progress.finish()
            print("cassette: \(result.interactions) interactions, \(String(format: "%.1f", Double(result.cassetteBytes) / 1_048_576)) MiB")
            print(String(format: "load:                         %8.3f s  (%.0f MB/s; target >= 100)", result.loadSeconds, result.loadMegabytesPerSecond))
            print(String(format: "replay via Tapedeck protocol: %8.1f us per request", result.replaySecondsPerRequest * 1e6))
            print(String(format: "bare URLProtocol (floor):     %8.1f us per request", result.floorSecondsPerRequest * 1e6))
            print(String(format: "the floor, URL cache off:     %8.1f us per request", result.uncachedFloorSecondsPerRequest * 1e6))
            print(String(format: "replay / floor:               %8.2fx (the median of 10 rounds taking turns; target <= 1.3x)", result.replayOverFloor))
            print(String(format: "replay / floor, cache off:    %8.2fx (what replay adds beyond URLSession itself)", result.replayOverUncachedFloor))
        }
    }

    /// `tapedeck bench fetch`: what one `URLSession` request costs, the floor under the recording proxy's overhead.
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fetch",
            abstract: "Time sequential URLSession GETs of a URL: the latency the recording proxy's upstream client adds by itself.",
            discussion: """
                The recording proxy forwards through URLSession (FoundationNetworking over libcurl). Fetch the \
                proxy's upstream with this and compare with a direct fetch (wrk) in the same run: the difference \
                is URLSession's own share of the proxy's overhead. Benchmarks/serve/run.sh does.
                """
        )

        @Argument(help: "The URL to GET (loopback).")
        var url: String

        @Option(name: .customLong("header"), help: "A request header, \"Name: value\" (repeatable).")
        var headers: [String] = []

        @Option(help: "Sequential requests to time (after 50 to warm up).")
        var requests = 2000

        func run() async throws {
            guard let target = URL(string: url), ["127.0.0.1", "localhost", "::1"].contains(target.host ?? "") else {
                throw ValidationError("the URL must be on loopback (127.0.0.1), not \"\(url)\"")
            }
            var request = URLRequest(url: target)
            for header in headers {
                let parts = header.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { throw ValidationError("--header takes \"Name: value\", not \"\(header)\"") }
                request.addValue(parts[1], forHTTPHeaderField: parts[0])
            }
            let session = URLSession(configuration: .ephemeral)
            var micros: [Double] = []
            let progress = ProgressLine("bench fetch")
            for round in 0..<(requests + 50) {
                if round % 100 == 0 { progress.show("request \(round) of \(requests + 50)") }
                let start = DispatchTime.now().uptimeNanoseconds
                let (_, response) = try await session.data(for: request)
                guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                    throw ValidationError("\(url) answered \((response as? HTTPURLResponse)?.statusCode ?? 0), not 200")
                }
                if round >= 50 { micros.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000) }
            }
            progress.finish()
            micros.sort()
            print(
                String(
                    format: "URLSession GET: p50 %.0f us, p90 %.0f us over %d requests", micros[micros.count / 2], micros[micros.count * 9 / 10], micros.count))
        }
    }

    /// `tapedeck bench redact`: redacting and writing a recording of many distinct secrets versus the same recording without them.
    struct Redact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "redact",
            abstract: "Redact and write a recording of N distinct secrets (signed requests), and compare with the same recording without secrets."
        )

        @Option(help: "Distinct secrets in the recording (two per signed request).")
        var secrets = 10_000

        func run() async throws {
            let progress = ProgressLine("bench redact")
            let result = try RedactionBenchmark(secrets: secrets).run(progress: progress.show)
            progress.finish()
            print("recording: \(result.interactions) signed requests, \(result.secrets) distinct secrets redacted")
            print(String(format: "no secrets (baseline):   %8.3f s", result.baselineSeconds))
            print(String(format: "with secrets:            %8.3f s  (target: under 2 s)", result.seconds))
            print(String(format: "with / without:          %8.2fx", result.overBaseline))
        }
    }
}
