import Foundation
import Testing
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineWeb
import BylineNewsroom

/// A client socket that writes raw bytes and watches for the server to close; never blocks a thread (it polls
/// without waiting and sleeps between polls), so the server under test keeps the cooperative pool.
final class RawSocket: @unchecked Sendable {
    private var fd: Int32 = -1
    private(set) var received: [UInt8] = []
    let opened = ContinuousClock.now

    /// Connects to the test server, which listens on `localhost` (IPv4 or IPv6).
    init(port: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo("localhost", String(port), &hints, &list) == 0, let first = list else { throw Failure("getaddrinfo") }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            let candidate = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if candidate >= 0, connect(candidate, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                fd = candidate
                break
            }
            if candidate >= 0 { close(candidate) }
            entry = info.pointee.ai_next
        }
        guard fd >= 0 else { throw Failure("connect to port \(port)") }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { if fd >= 0 { close(fd) } }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return } // closed by the server, or its buffer is full: the tests send little
            offset += n
        }
    }

    /// Reads what has arrived; `true` once the server has closed the connection.
    private func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { received += buffer[..<n]; continue }
            if n == 0 { return true }
            return errno != EAGAIN && errno != EWOULDBLOCK
        }
    }

    /// Seconds from opening until the server closed the connection, or `nil` when it is still open at `limit`.
    func closedAfter(limit: Duration) async throws -> Double? {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            if drain() { return seconds(ContinuousClock.now - opened) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Waits until a whole response has arrived (or the server closed); the text received.
    func response(within limit: Duration) async throws -> String {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            let closed = drain()
            let text = String(decoding: received, as: UTF8.self)
            if closed { return text }
            if let head = text.range(of: "\r\n\r\n"), let length = Self.contentLength(text[..<head.lowerBound]),
               received.count >= text.utf8.distance(from: text.startIndex, to: head.upperBound) + length {
                return text
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return String(decoding: received, as: UTF8.self)
    }

    private static func contentLength(_ head: Substring) -> Int? {
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// What the `/collect` test route saw of each body.
let collected = Mutex<[String]>([])

/// The connection timeouts and the connection cap, on a live server with one-second timeouts.
@Suite(.serialized) struct ConnectionLimitTests {
    static let limits = ConnectionLimits(idleTimeout: .seconds(1), headerTimeout: .seconds(1), bodyTimeout: .seconds(1), maxConnections: 6)
    /// Slack for a loaded machine: a timeout of 1 s must have closed the socket by this.
    static let late: Duration = .seconds(4)

    static func app(limits: ConnectionLimits = limits, fixture: NewsroomFixture? = nil) async throws -> some ApplicationProtocol {
        let services: BylineServices
        if let fixture { services = fixture.services } else { services = try await NewsroomFixture.make().services }
        let router = try buildRouter(services: services, clock: { SiteFixture.now })
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .milliseconds(1_500))
            return "done"
        }
        router.post("/collect") { request, _ -> String in
            do {
                let body = try await request.body.collect(upTo: 1 << 20)
                collected.withLock { $0.append("\(body.readableBytes) bytes") }
            } catch {
                collected.withLock { $0.append("error") }
                throw error
            }
            return "collected"
        }
        return Application(router: router, server: .byline(limits: limits, logger: Logger(label: "test")))
    }

    @Test func idleAndHalfSentConnectionsAreClosedAfterTheHeaderTimeout() async throws {
        try await Self.app().test(.live) { client in
            let port = try #require(client.port)
            let idle = try RawSocket(port: port)
            let half = try RawSocket(port: port)
            half.send("GET / HTTP/1.1\r\nHost: localhost\r\n")
            let trickle = try RawSocket(port: port)
            trickle.send("GET / HTTP/1.1\r\n")
            // A header line every 300 ms does not restart the clock.
            for _ in 0..<3 {
                try await Task.sleep(for: .milliseconds(300))
                trickle.send("X-Slow: a\r\n")
            }
            for (name, socket) in [("idle", idle), ("half-sent head", half), ("trickled head", trickle)] {
                let closed = try await socket.closedAfter(limit: Self.late)
                #expect(closed != nil, "\(name) connection still open")
                #expect((closed ?? 0) >= 0.9, "\(name) connection closed before the timeout")
                #expect(!String(decoding: socket.received, as: UTF8.self).hasPrefix("HTTP/1.1 200"), "\(name) was answered")
            }
        }
    }

    @Test func keptAliveConnectionsServeAgainThenCloseWhenIdle() async throws {
        try await Self.app().test(.live) { client in
            let socket = try RawSocket(port: try #require(client.port))
            socket.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(try await socket.response(within: .seconds(5)).hasPrefix("HTTP/1.1 200"))
            // Within the idle timeout the connection serves the next request.
            try await Task.sleep(for: .milliseconds(600))
            socket.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            try await Task.sleep(for: .milliseconds(600))
            let answered = ContinuousClock.now
            #expect(try await socket.response(within: .seconds(5)).components(separatedBy: "HTTP/1.1 200").count == 3)
            let closed = try await socket.closedAfter(limit: Self.late + .seconds(2))
            #expect(closed != nil, "kept-alive connection still open")
            #expect(ContinuousClock.now - answered >= .milliseconds(300))
        }
    }

    @Test func stalledAndDrippingBodiesAreClosedAfterTheBodyTimeout() async throws {
        try await Self.app().test(.live) { client in
            let port = try #require(client.port)
            let head = "POST /admin/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
            let stalled = try RawSocket(port: port)
            stalled.send(head + "csrf=abc&user")
            let dripping = try RawSocket(port: port)
            dripping.send(head)
            var closedWhileDripping = false
            for _ in 0..<15 {
                try await Task.sleep(for: .milliseconds(200))
                dripping.send("a")
                if try await dripping.closedAfter(limit: .zero) != nil { closedWhileDripping = true; break }
            }
            #expect(try await stalled.closedAfter(limit: Self.late) != nil, "stalled body still open")
            var drippingClosed = closedWhileDripping
            if !drippingClosed { drippingClosed = try await dripping.closedAfter(limit: Self.late) != nil }
            #expect(drippingClosed, "dripping body still open")
        }
    }

    /// A body cut off by the timeout reaches the handler as an error, never as a shorter body it might store.
    @Test func aBodyCutOffByTheTimeoutIsAnErrorToTheHandler() async throws {
        try await Self.app().test(.live) { client in
            let socket = try RawSocket(port: try #require(client.port))
            socket.send("POST /collect HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nonly part of it")
            #expect(try await socket.closedAfter(limit: Self.late) != nil)
            try await Task.sleep(for: .milliseconds(200))
            #expect(collected.withLock { $0 } == ["error"])
        }
    }

    @Test func aSlowHandlerIsNotCutOff() async throws {
        try await Self.app().test(.live) { client in
            let socket = try RawSocket(port: try #require(client.port))
            socket.send("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let text = try await socket.response(within: .seconds(10))
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(text.hasSuffix("done"))
        }
    }

    @Test func connectionsOverTheCapAreRefusedWith503AndTheServerRecovers() async throws {
        let limits = ConnectionLimits(idleTimeout: .seconds(30), headerTimeout: .seconds(30), bodyTimeout: .seconds(30), maxConnections: 4)
        try await Self.app(limits: limits).test(.live) { client in
            let port = try #require(client.port)
            // The test client holds one connection; three more fill the cap.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            var held = try (0..<3).map { _ in try RawSocket(port: port) }
            try await Task.sleep(for: .milliseconds(200))
            let refused = try RawSocket(port: port)
            let answer = try await refused.response(within: .seconds(5))
            #expect(answer.hasPrefix("HTTP/1.1 503"))
            #expect(answer.lowercased().contains("connection: close"))
            #expect(try await refused.closedAfter(limit: .seconds(2)) != nil)
            // Served connections still work, and a freed slot is taken again.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            held.removeLast()
            try await Task.sleep(for: .milliseconds(200))
            let next = try RawSocket(port: port)
            next.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(try await next.response(within: .seconds(5)).hasPrefix("HTTP/1.1 200"))
            _ = held
        }
    }

    @Test(arguments: [
        ("bad chunk size", "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", "400"),
        ("chunk size overflow", "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffffffff\r\nabc\r\n0\r\n\r\n", "400"),
        ("xchunked", "Transfer-Encoding: xchunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "400"),
    ])
    func malformedBodiesAre400(name: String, rest: String, status: String) async throws {
        let fixture = try await NewsroomFixture.make()
        try await Self.app(fixture: fixture).test(.live) { client in
            for path in ["/admin/login", "/api/v1/admin/articles"] {
                let socket = try RawSocket(port: try #require(client.port))
                let fields = path.hasPrefix("/api") ? "Content-Type: application/json\r\nAuthorization: Bearer \(fixture.admin)\r\n"
                    : "Content-Type: application/x-www-form-urlencoded\r\n"
                socket.send("POST \(path) HTTP/1.1\r\nHost: localhost\r\n" + fields + rest)
                let answer = try await socket.response(within: .seconds(5))
                #expect(answer.hasPrefix("HTTP/1.1 \(status)"), "\(name) to \(path): \(answer.prefix(200))")
            }
        }
    }

    @Test func theDefaultCapComesFromTheDescriptorLimit() {
        #expect(ConnectionLimits.defaultMaxConnections(descriptorLimit: 1_024) == 960)
        #expect(ConnectionLimits.defaultMaxConnections(descriptorLimit: 4_096) == 4_032)
        #expect(ConnectionLimits.defaultMaxConnections(descriptorLimit: 1_048_576) == 10_000)
        #expect(ConnectionLimits.defaultMaxConnections(descriptorLimit: 10) == 1)
        #expect(ConnectionLimits.defaultMaxConnections(descriptorLimit: nil) == 10_000)
        var config = BylineConfig(storage: .memory)
        config.maxConnections = 7
        #expect(ConnectionLimits(config: config).maxConnections == 7)
        #expect(ConnectionLimits(config: config).bodyTimeout == .seconds(30))
    }
}
