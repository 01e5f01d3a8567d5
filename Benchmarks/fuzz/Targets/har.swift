import Foundation
import Tapedeck

/// libFuzzer target: the HAR importer (and exporter). Any input imports or
/// throws an `InputError`; what it imports is a cassette Tapedeck reads back,
/// and its HAR export imports again.
func fuzzHAR(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let cassette = try? HARImporter().cassette(fromHAR: Data(bytes: bytes, count: count), file: "fuzz.har") else { return 0 }
    do {
        _ = try Cassette(jsonData: cassette.jsonData(), file: "imported.json")
        _ = try HARImporter().cassette(fromHAR: HARExporter.har(from: cassette), file: "exported.har")
    } catch {
        fatalError("an imported HAR does not read back: \(error)")
    }
    return 0
}
