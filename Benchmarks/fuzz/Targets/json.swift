import Tapedeck

/// libFuzzer target: the exact JSON parser. Any input parses or throws a
/// `JSONParseError`; a value it parses is written back as JSON that parses to the same value.
func fuzzJSON(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let value = try? JSONParser.parse(bytes: UnsafeBufferPointer(start: bytes, count: count)) else { return 0 }
    let written = JSONWriter(style: .pretty()).string(from: value)
    guard (try? JSONParser.parse(written)) == value else { fatalError("written JSON does not read back as the same value") }
    return 0
}
