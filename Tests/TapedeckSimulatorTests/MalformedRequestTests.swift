import Foundation
import TapedeckProviders
import TapedeckSimulator
import Testing

/// The simulator keeps serving after a client misbehaves.
struct MalformedRequestTests {
    /// Sends raw bytes on a fresh connection and returns what came back within a second.
    static func exchange(_ bytes: Data, to port: Int, closeEarly: Bool = false) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "" }
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if closeEarly { return "" }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
    }

    @Test func badRequestsAreRefusedAndTheServerKeepsServing() async throws {
        let simulator = ProviderSimulator(configuration: SimulatorConfiguration(tasksPerInstance: 5))
        try await simulator.start()
        let port = simulator.port
        #expect(Self.exchange(Data("THIS IS NOT HTTP\r\n\r\n".utf8), to: port).hasPrefix("HTTP/1.1 400"))
        let huge = "GET /otc-ddm/v3/p/jobs HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n"
        let answer = Self.exchange(Data(huge.utf8), to: port)
        #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 4"))
        _ = Self.exchange(Data("GET /otc-ddm/v3/p/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial".utf8), to: port, closeEarly: true)
        let healthy = Self.exchange(Data("GET /__tapedeck/drift HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), to: port)
        #expect(healthy.hasPrefix("HTTP/1.1 200"))
        try await simulator.stop()
    }
}
