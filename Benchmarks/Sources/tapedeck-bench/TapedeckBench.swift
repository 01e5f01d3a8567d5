import ArgumentParser
import TapedeckBenchmarks

/// `tapedeck-bench`: the benchmarks on their own (`tapedeck bench` runs the same commands).
@main
extension BenchCommand {}
