import Foundation

/// The loader under test, named by `TAPEDECK_FUZZ_TARGET` (run.sh sets it): every
/// target is linked into one binary, so the package's objects are linked once.
private let target: (UnsafePointer<UInt8>, Int) -> CInt = {
    let targets: [String: (UnsafePointer<UInt8>, Int) -> CInt] = [
        "json": fuzzJSON, "cassette": fuzzCassette, "har": fuzzHAR, "contract": fuzzContract, "scenario": fuzzScenario,
        "check": fuzzCheck, "profile": fuzzProfile, "draft": fuzzDraft,
    ]
    let name = ProcessInfo.processInfo.environment["TAPEDECK_FUZZ_TARGET"] ?? ""
    guard let target = targets[name] else {
        fatalError("TAPEDECK_FUZZ_TARGET is \"\(name)\"; expected one of \(targets.keys.sorted().joined(separator: ", "))")
    }
    return target
}()

/// libFuzzer's entry point: one input to the target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    target(bytes, count)
}
