import TapedeckContracts

/// libFuzzer target: the contract loader (YAML, OpenAPI and the `x-tapedeck-…`
/// extensions). Any input loads or throws an `InputError`, in bounded time.
func fuzzContract(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = try? Contract(yaml: String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self), file: "fuzz.yaml")
    return 0
}
