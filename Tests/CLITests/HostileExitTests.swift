import Foundation
import TapedeckTestSupport
import Testing

/// Start-up refusals through the built binary: each wrong value exits 2 at once,
/// naming the option (or variable, or files) it came from, before anything runs.
struct HostileExitTests {
    static let root = CheckCommandTests.packageRoot
    static let cassette = "Cassettes/otc-ddm/walk.json"

    // MARK: the clock

    @Test(arguments: ["0000-01-01T00:00:00Z", "0000-06-15T12:00:00Z", "1969-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00"])
    func aClockOutsideTheYearsACassetteHoldsIsRefused(now: String) throws {
        for command in [["sim"], ["demo", "--tasks", "1"], ["drift", "--simulator"], ["scan", Self.cassette]] {
            let result = try TapedeckBinary.run(command, in: Self.root, environment: ["TAPEDECK_NOW": now], timeout: 60)
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.hasPrefix("TAPEDECK_NOW: error: expected a time from 1970"), "\(result.stderr)")
        }
    }

    @Test(arguments: ["1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2999-01-01T00:00:00Z"])
    func aClockAtTheEdgesOfTheRangeIsTaken(now: String) throws {
        let result = try TapedeckBinary.run(["scan", Self.cassette], in: Self.root, environment: ["TAPEDECK_NOW": now], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
    }

    // MARK: option values

    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        Case(arguments: ["demo", "--tasks", "99999999999"], message: "--tasks is a number of tasks per instance from 0 to"),
        Case(arguments: ["demo", "--tasks=-1"], message: "--tasks is a number of tasks per instance"),
        Case(arguments: ["record", "--upstream", "http://user:secret@127.0.0.1:1", "--cassette", "/tmp/never-x.json"], message: "--upstream is a base URL"),
        Case(arguments: ["record", "--upstream", "http://127.0.0.1:1/v1?x=1", "--cassette", "/tmp/never-x.json"], message: "without a query"),
        Case(arguments: ["record", "--upstream", "http://127.0.0.1:1/v1#part", "--cassette", "/tmp/never-x.json"], message: "without a fragment"),
        Case(arguments: ["record", "--upstream", "https://u@api.example", "--cassette", "/tmp/never-x.json"], message: "without user info"),
        Case(arguments: ["serve", "--mode", "missing", "--upstream", "http://127.0.0.1:1/v1?page=1", cassette], message: "without a query"),
        Case(arguments: ["serve", cassette, "--forward", "--intercept", ""], message: "--intercept takes a host"),
        Case(arguments: ["serve", cassette, "--forward", "--intercept", "*"], message: "to intercept every host, leave --intercept out"),
        Case(arguments: ["serve", cassette, "--forward", "--intercept", "*."], message: "--intercept takes a host"),
        Case(arguments: ["serve", cassette, "--forward", "--intercept", "a*b.example"], message: "--intercept takes a host"),
        Case(arguments: ["serve", "--max-recorded-body", "lots", cassette], message: "--max-recorded-body is a number of bytes"),
        Case(arguments: ["serve", "--idle-timeout", "0", cassette], message: "--idle-timeout is a number of seconds"),
    ])
    func aWrongValueExitsTwoNamingItsOption(_ test: Case) throws {
        let result = try TapedeckBinary.run(test.arguments, in: Self.root, timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(test.message), "\(result.stderr)")
        #expect(!result.stdout.contains("Serving") && !result.stdout.contains("Recording"))
        #expect(!result.stderr.contains("secret"))
    }

    @Test(arguments: ["/proc/tapedeck-nope/scratch", "FILE/inside"])
    func anUnwritableDriftScratchExitsTwoNamingTheOption(scratch: String) throws {
        let folder = try scratchFolder("tapedeck-exit")
        let file = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let path = scratch.replacingOccurrences(of: "FILE", with: file.path)
        let result = try TapedeckBinary.run(["drift", "--simulator", "--scratch", path], in: Self.root, timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--scratch"), "\(result.stderr)")
    }

    @Test func aBadUpstreamCACertIsNamedAsItself() throws {
        let folder = try scratchFolder("tapedeck-exit")
        let pem = folder.appendingPathComponent("not-a-cert.pem")
        try Data("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n".utf8).write(to: pem)
        for file in [pem.path, folder.appendingPathComponent("missing.pem").path] {
            let result = try TapedeckBinary.run(
                [
                    "record", "--forward", "--ca-dir", folder.appendingPathComponent("ca").path, "--upstream-cacert", file,
                    "--cassette", folder.appendingPathComponent("r.json").path,
                ], in: Self.root, timeout: 60)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("--upstream-cacert"), "\(result.stderr)")
            #expect(result.stderr.contains(file))
            #expect(!result.stderr.contains("--host"), "\(result.stderr)")
        }
    }

    @Test func twoProfilesWithOneIDExitTwoNamingBothFiles() throws {
        let folder = try scratchFolder("tapedeck-exit")
        let document = #"{"id":"twin","summary":"s","authentication":[],"recognise":{"hosts":["twin.example"],"paths":["/v1/x"]}}"#
        for name in ["first.profile.json", "second.profile.json"] { try Data(document.utf8).write(to: folder.appendingPathComponent(name)) }
        for command in [["check", Self.cassette, "--contracts", folder.path], ["scan", Self.cassette, "--contracts", folder.path]] {
            let result = try TapedeckBinary.run(command, in: Self.root, timeout: 60)
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("first.profile.json") && result.stderr.contains("second.profile.json"), "\(result.stderr)")
        }
    }

    @Test func aCAFolderWhoseKeyAndCertificateDisagreeIsRefused() throws {
        let folder = try scratchFolder("tapedeck-exit")
        let (first, second) = (folder.appendingPathComponent("one"), folder.appendingPathComponent("two"))
        for ca in [first, second] { #expect(try TapedeckBinary.run(["ca", "--ca-dir", ca.path]).status == 0) }
        let key = first.appendingPathComponent("tapedeck-ca-key.pem")
        try FileManager.default.removeItem(at: key)
        try FileManager.default.copyItem(at: second.appendingPathComponent("tapedeck-ca-key.pem"), to: key)
        let result = try TapedeckBinary.run(["serve", "--forward", "--ca-dir", first.path, Self.cassette], in: Self.root, timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(key.path) && result.stderr.contains(first.appendingPathComponent("tapedeck-ca.pem").path), "\(result.stderr)")
        #expect(!result.stdout.contains("Serving"))
    }

    // MARK: exposure

    @Test func aForwardProxyOffLoopbackNeedsTheOptIn() throws {
        let folder = try scratchFolder("tapedeck-exit")
        let result = try TapedeckBinary.run(
            ["serve", "--forward", "--host", "0.0.0.0", "--ca-dir", folder.path, Self.cassette], in: Self.root, timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("open proxy") && result.stderr.contains("--allow-open-proxy"), "\(result.stderr)")
        #expect(!result.stdout.contains("Serving"))
    }

    /// An address of no machine here (TEST-NET-1): the warning comes before the bind fails, and nothing listens off loopback.
    @Test func aServerOffLoopbackIsWarnedAbout() throws {
        let result = try TapedeckBinary.run(["serve", "--host", "192.0.2.1", Self.cassette], in: Self.root, timeout: 60)
        #expect(result.stderr.contains("warning: --host 192.0.2.1 is not a loopback address: anyone who can reach it"), "\(result.stderr)")
        let loopback = try TapedeckBinary.run(["serve", "--host", "127.0.0.1", "--port", "70000", Self.cassette], in: Self.root, timeout: 60)
        #expect(!loopback.stderr.contains("warning"))
    }

    // MARK: -o through special files

    @Test func outputWritesThroughASymbolicLinkAndKeepsIt() throws {
        let folder = try scratchFolder("tapedeck-exit")
        let target = folder.appendingPathComponent("real.har")
        try Data("old".utf8).write(to: target)
        let link = folder.appendingPathComponent("link.har")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.har")
        let result = try TapedeckBinary.run(["export", Self.cassette, "-o", link.path], in: Self.root, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.har")
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("{"))
    }

    @Test(arguments: ["/dev/null", "/dev/stdout"])
    func outputWritesThroughACharacterDevice(device: String) throws {
        let result = try TapedeckBinary.run(["export", Self.cassette, "-o", device], in: Self.root, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        var status = stat()
        // Still what it was (a device, or the pipe standard output is here), never replaced by a file.
        #expect(stat(device, &status) == 0 && status.st_mode & S_IFMT != S_IFREG, "\(device) was replaced by a file")
        if device == "/dev/stdout" { #expect(result.stdout.contains("\"log\"")) }
    }

    @Test func outputToAFullDeviceExitsTwoAndLeavesIt() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let result = try TapedeckBinary.run(["contract", "draft", Self.cassette, "-o", "/dev/full"], in: Self.root, timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("/dev/full"))
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR, "/dev/full was replaced")
    }

    @Test func outputWritesThroughAFIFO() throws {
        let folder = try scratchFolder("tapedeck-exit")
        let fifo = folder.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo.path]
        let output = Pipe()
        reader.standardOutput = output
        try reader.run()
        let result = try TapedeckBinary.run(["contract", "draft", Self.cassette, "-o", fifo.path], in: Self.root, timeout: 60)
        let read = output.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(String(decoding: read, as: UTF8.self).contains("openapi: "))
        var status = stat()
        #expect(lstat(fifo.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced by a file")
    }

    @Test func outputToAFolderIsRefused() throws {
        let folder = try scratchFolder("tapedeck-exit")
        let result = try TapedeckBinary.run(["export", Self.cassette, "-o", folder.path], in: Self.root, timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("a folder"))
    }
}
