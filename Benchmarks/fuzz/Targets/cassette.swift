import Foundation
import Tapedeck

/// libFuzzer target: the cassette reader. Any input reads or throws an
/// `InputError`; a cassette it reads is written as bytes it reads again.
func fuzzCassette(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let cassette = try? Cassette(jsonData: Data(bytes: bytes, count: count), file: "fuzz.json") else { return 0 }
    do {
        _ = try Cassette(jsonData: cassette.jsonData(), file: "written.json")
    } catch {
        fatalError("the cassette writer wrote what its reader rejects: \(error)")
    }
    return 0
}
