import NIOCore
import NIOHTTP1
import Synchronization

/// Applies faults to a server's answers. Which requests are hit depends only
/// on the seed and the order requests arrive in, so a run can be repeated.
public final class FaultInjector: Sendable {
    public let faults: [HTTPFault]
    private let seed: UInt64
    private let counter = Atomic<UInt64>(0)

    public init(faults: [HTTPFault], seed: UInt64 = 1) {
        self.faults = faults
        self.seed = seed
    }

    /// `response` with the faults that hit this request applied: every latency,
    /// and the first of the other faults whose roll comes up. A status fault
    /// answers `statusAnswer(code)` (a server's own error body) when given.
    public func apply(to response: HTTPResponse, statusAnswer: ((Int) -> HTTPResponse)? = nil) -> HTTPResponse {
        guard !faults.isEmpty else { return response }
        let request = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        var result = response
        var struck = false
        for (position, fault) in faults.enumerated() {
            if case .latency(let milliseconds) = fault {
                result.delay = result.delay + .milliseconds(Int64(milliseconds))
                continue
            }
            guard !struck, roll(request: request, fault: position) < fault.rate else { continue }
            struck = true
            switch fault {
            case .status(let code, _): result = Self.statusAnswer(code, body: statusAnswer?(code), keeping: result.delay)
            case .reset: result.delivery = .reset
            case .truncate: result.delivery = .truncated(bytes: result.body.readableBytes / 2)
            case .slowBody: result.delivery = .slow(chunkSize: 64, interval: .milliseconds(20))
            case .latency: break
            }
        }
        return result
    }

    /// A uniform number in [0, 1) for one request and one fault (SplitMix64).
    private func roll(request: UInt64, fault: Int) -> Double {
        var z = seed &+ request &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(fault) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }

    /// The answer to a status fault: `answer` (or a generic JSON body), marked as injected.
    private static func statusAnswer(_ code: Int, body answer: HTTPResponse?, keeping delay: TimeAmount) -> HTTPResponse {
        var result =
            answer
            ?? HTTPResponse(
                status: HTTPResponseStatus(statusCode: code), headers: HTTPHeaders([("Content-Type", "application/json")]),
                body: ByteBuffer(string: "{\"fault\":\"injected by tapedeck\",\"status\":\(code)}"))
        result.status = HTTPResponseStatus(statusCode: code)
        result.headers.add(name: "X-Tapedeck-Fault", value: String(code))
        if code == 429 { result.headers.add(name: "Retry-After", value: "1") }
        result.delay = delay
        return result
    }
}
