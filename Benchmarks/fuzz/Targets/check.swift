import Foundation
import Tapedeck
import TapedeckContracts

/// The built-in contracts, loaded once from their folder in the repository.
let catalogue: ContractCatalogue = {
    let folder = URL(fileURLWithPath: #filePath).appendingPathComponent("../../../../Sources/TapedeckProviders/BuiltIn")
    guard let catalogue = try? ContractCatalogue(directory: folder.standardizedFileURL) else { fatalError("the committed contracts must load") }
    return catalogue
}()

/// libFuzzer target: `check` and `trim` on any recording the cassette reader
/// accepts, against every committed contract: they finish, whatever the values.
func fuzzCheck(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let cassette = try? Cassette(jsonData: Data(bytes: bytes, count: count), file: "fuzz.json") else { return 0 }
    for contract in catalogue.contracts {
        let checker = ContractChecker(contract: contract)
        if let first = checker.check(cassette, recording: "fuzz.json").failures.first {
            _ = try? CassetteTrimmer(checker: checker).trim(cassette, keeping: .rule(first.rule), file: "fuzz.json")
        }
    }
    return 0
}
