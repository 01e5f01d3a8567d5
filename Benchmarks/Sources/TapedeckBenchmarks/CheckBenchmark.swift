import Foundation
import Tapedeck
import TapedeckContracts

/// Measures checking throughput on a synthetic IoTDA walk (by default
/// 1,000,000 tasks in pages of 500) against the floor of merely parsing the
/// same page bodies with `JSONSerialization`, in the same run.
struct CheckBenchmark: Sendable {
    /// The timings of one run, in seconds.
    struct Result: Sendable {
        /// The size of the walk: tasks, pages and bytes of page bodies.
        var tasks: Int
        /// See `tasks`.
        var pages: Int
        /// See `tasks`.
        var bytes: Int
        /// `JSONSerialization.jsonObject` over every page body: the baseline.
        var serializationParse: Double
        /// Tapedeck's exact `JSONParser` over every page body.
        var tapedeckParse: Double
        /// `ContractChecker.check` over the parsed walk (all rules).
        var check: Double
        /// Violations found (0: the synthetic walk follows the contract).
        var violations: Int

        /// Parse plus check, relative to the baseline.
        var ratio: Double { (tapedeckParse + check) / serializationParse }
        /// Checking alone, relative to the baseline.
        var checkRatio: Double { check / serializationParse }
    }

    /// Tasks in the walk.
    var tasks: Int
    /// Tasks per page.
    var pageSize: Int

    /// A benchmark of `tasks` tasks in pages of `pageSize`.
    init(tasks: Int = 1_000_000, pageSize: Int = 500) {
        self.tasks = tasks
        self.pageSize = pageSize
    }

    /// Generates the walk, then times the baseline, the parse and the check.
    /// - Parameter progress: told the name of each phase as it starts.
    /// - Throws: `InputError` when `contract` is not the IoTDA contract the walk is written for.
    func run(contract: Contract, progress: (_ phase: String) -> Void = { _ in }) throws(InputError) -> Result {
        guard contract.provider == "huawei-iotda" else {
            throw InputError(file: contract.file, expected: "the huawei-iotda contract", found: contract.provider)
        }
        let recordedAt = Date(timeIntervalSince1970: 1_777_593_600)
        progress("generating \(tasks) tasks")
        let pages = makePages(recordedAt: recordedAt)
        progress("parsing \(pages.count) pages with JSONSerialization")
        let baseline = Self.time {
            for page in pages { _ = try? JSONSerialization.jsonObject(with: page.body) }
        }
        var parsed: [Interaction] = []
        parsed.reserveCapacity(pages.count)
        progress("parsing \(pages.count) pages with JSONParser")
        let parse = Self.time {
            for page in pages {
                let body = (try? JSONParser.parse(page.body)) ?? .null
                parsed.append(
                    Interaction(
                        request: RecordedRequest(method: "GET", url: page.url),
                        response: RecordedResponse(status: 200, body: RecordedBody(content: .json(body))),
                        recordedAt: recordedAt, duration: 0))
            }
        }
        var violations = 0
        progress("checking \(pages.count) pages")
        let check = Self.time { violations = ContractChecker(contract: contract).check(parsed).violations.count }
        return Result(
            tasks: tasks, pages: pages.count, bytes: pages.reduce(0) { $0 + $1.body.count },
            serializationParse: baseline, tapedeckParse: parse, check: check, violations: violations)
    }

    /// Runs the Python baseline (`Benchmarks/check/jsonschema_baseline.py`: `json.loads` plus
    /// `jsonschema` validation of the same walk) and returns its time in seconds.
    /// - Throws: `InputError` naming the script when it cannot run or prints no time.
    func runPythonBaseline(script: URL) throws(InputError) -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--tasks", String(tasks), "--page-size", String(pageSize)]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            throw InputError(file: script.path, expected: "a runnable python3", found: error.localizedDescription)
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let line = try? JSONParser.parse(data),
            let seconds = line["seconds"]?.doubleValue
        else {
            throw InputError(
                file: script.path, expected: "a JSON line with the seconds taken",
                found: "exit status \(process.terminationStatus)", hint: "Is the jsonschema package installed (pip install jsonschema)?")
        }
        return seconds
    }

    private func makePages(recordedAt: Date) -> [(url: String, body: Data)] {
        let base = "http://127.0.0.1:8080/huawei-iotda/v5/iot/project/iotda-instances/0a1b2c3d-4e5f/tasks?limit=\(pageSize)"
        let newest = recordedAt.timeIntervalSince1970 - 3600
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var pages: [(url: String, body: Data)] = []
        var marker: Int?
        var id = 0
        while id < tasks {
            let count = min(pageSize, tasks - id)
            var text = "{\"page\":{\"count\":\(tasks),\"marker\":\"\(10_000_000_000 - (id + count))\"},\"tasks\":["
            for offset in 0..<count {
                let created = formatter.string(from: Date(timeIntervalSince1970: newest - Double(id + offset) * 10))
                if offset > 0 { text += "," }
                text += "{\"task_id\":\"" + String(format: "%08x-0000-4000-8000-%012x", id + offset, id + offset)
                text += "\",\"type\":\"CREATE\",\"status\":\"SUCCESS\",\"status_detail\":\"done\",\"create_time\":\""
                text += created + "\",\"start_time\":\"" + created + "\",\"end_time\":\"" + created
                text += "\",\"target_config\":null,\"operate_window\":{\"start_time\":\"18:00\",\"end_time\":\"22:00\"}}"
            }
            text += "]}"
            pages.append((base + (marker.map { "&marker=\($0)" } ?? ""), Data(text.utf8)))
            marker = 10_000_000_000 - (id + count)
            id += count
        }
        return pages
    }

    private static func time(_ work: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
