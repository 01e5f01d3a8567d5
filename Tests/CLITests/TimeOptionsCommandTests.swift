import Foundation
import Testing
import TapedeckTestSupport

/// `serve` and `record` take time matching's tolerance and distance as durations;
/// anything else is refused before a port is bound, naming the option.
struct TimeOptionsCommandTests {
    @Test(arguments: ["serve", "record"], ["--time-tolerance", "--time-distance"])
    func aValueThatIsNoDurationExitsTwoNamingTheOption(command: String, option: String) throws {
        let cassette = scratchRoot.appendingPathComponent("tapedeck-time-\(UUID().uuidString).json").path
        let arguments =
            command == "serve"
            ? ["serve", cassette, option, "soon"] : ["record", "--upstream", "http://127.0.0.1:9", "--cassette", cassette, option, "soon"]
        let result = try TapedeckBinary.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("\(option): error: expected a duration: seconds, or a number with s, m, h, d or w"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cassette))
    }
}
