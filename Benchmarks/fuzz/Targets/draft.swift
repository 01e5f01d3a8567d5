import Foundation
import Tapedeck
import TapedeckContracts

/// libFuzzer target: the contract drafter. Any cassette it reads drafts a
/// contract, and the draft loads as a contract (the drafter's own promise:
/// `contract draft` writes nothing `check` cannot load).
func fuzzDraft(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let cassette = try? Cassette(jsonData: Data(bytes: bytes, count: count), file: "fuzz.json"), !cassette.interactions.isEmpty
    else { return 0 }
    let draft = ContractDrafter(provider: "fuzz").draft(cassette, recording: "fuzz.json")
    do {
        _ = try draft.readBack(file: "draft.yaml")
    } catch  where "\(error)".contains("expected at least one operation") {
        // Nothing in the recording could be drafted: `contract draft` says so, located, and writes nothing.
        return 0
    } catch {
        fatalError("the drafter wrote a contract its loader rejects: \(error)")
    }
    return 0
}
