import Foundation

/// A bare TCP connection to a loopback port, for sending what no HTTP client
/// would: malformed request lines, huge heads, pipelined requests, stalls.
final class RawConnection {
    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; reads give up after `timeout` seconds. With
    /// `receiveBuffer`, the socket takes at most about that many bytes the client has not read.
    init?(port: Int, timeout: Int = 2, receiveBuffer: Int32? = nil) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBuffer { setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if status != 0 {
            close(descriptor)
            return nil
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Foundation.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }

    /// Reads until `done` holds for what arrived, the peer closes, or a read times out.
    func receive(until done: (String) -> Bool = { _ in false }) -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if count < 0 { return (String(decoding: received, as: UTF8.self), false) }
            received += buffer[0..<count]
            if done(String(decoding: received, as: UTF8.self)) { return (String(decoding: received, as: UTF8.self), false) }
        }
    }

    /// Reads and counts bytes until `total` arrived, the peer closes, or a read times out.
    func count(upTo total: Int) -> Int {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var received = 0
        while received < total {
            let count = recv(descriptor, &buffer, min(buffer.count, total - received), 0)
            if count <= 0 { break }
            received += count
        }
        return received
    }
}
