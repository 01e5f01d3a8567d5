import TapedeckContracts

/// libFuzzer target: the scenario loader. Any input loads or throws an `InputError`, in bounded time.
func fuzzScenario(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    _ = try? Scenario(yaml: text, file: "fuzz.yaml", name: "fuzz")
    return 0
}
