import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The reverse proxies whose `X-Forwarded-For` Byline believes (`byline serve --trusted-proxy`), and the client
/// address a request stands for. With none configured (the default) the address is the peer's own: a header any
/// client can write never decides whom the sign-in throttle counts.
public struct TrustedProxies: Sendable, Hashable {
    /// One address or CIDR range (`10.0.0.0/8`, `::1`, `fd00::/8`).
    public struct Range: Sendable, Hashable, CustomStringConvertible {
        /// The network's bytes (4 for IPv4, 16 for IPv6).
        let bytes: [UInt8]
        let prefixLength: Int

        /// Parses `address` or `address/prefix`; `nil` when it is neither.
        public init?(_ text: String) {
            let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let bytes = TrustedProxies.parse(String(parts[0])) else { return nil }
            let bits = bytes.count * 8
            if parts.count == 2 {
                guard let n = Int(parts[1]), (0...bits).contains(n) else { return nil }
                prefixLength = n
            } else {
                prefixLength = bits
            }
            self.bytes = bytes
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefixLength
            for (a, b) in zip(address, bytes) where left > 0 {
                let mask: UInt8 = left >= 8 ? 0xFF : ~(0xFF >> UInt8(left))
                if a & mask != b & mask { return false }
                left -= 8
            }
            return true
        }

        public var description: String { TrustedProxies.format(bytes) + "/\(prefixLength)" }
    }

    /// The trusted ranges.
    public let ranges: [Range]

    /// Trusts nobody.
    public init() { ranges = [] }

    /// Parses every entry (commas also separate entries within one).
    /// - Throws: ``InvalidRange`` naming the first entry that is no address or range.
    public init(_ entries: [String]) throws(InvalidRange) {
        var ranges: [Range] = []
        for entry in entries.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let range = Range(entry) else { throw InvalidRange(entry: entry) }
            ranges.append(range)
        }
        self.ranges = ranges
    }

    /// An entry of `--trusted-proxy` that is not an IP address or CIDR range.
    public struct InvalidRange: Error, CustomStringConvertible {
        public let entry: String
        public var description: String { "\(entry.debugDescription) is not an IP address or CIDR range (such as 10.0.0.0/8 or ::1)" }
    }

    /// Whether `address` (text) is a trusted proxy.
    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.parse(address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client a request stands for: the peer itself, unless the peer is a trusted proxy; then the nearest
    /// address in `X-Forwarded-For` (read right to left, past further trusted proxies) that is not trusted.
    /// IPv6 clients are named by their /64 network, as one host usually holds a whole /64. `nil` when the peer
    /// is unknown (an in-process test).
    /// - Parameter forwardedFor: the `X-Forwarded-For` header values, in order.
    public func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, var client = Self.parse(peer) else { return nil }
        if ranges.contains(where: { $0.contains(client) }) {
            let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            for hop in hops.reversed() {
                guard let bytes = Self.parse(Self.strippingPort(hop)) else { break }
                client = bytes
                if !ranges.contains(where: { $0.contains(bytes) }) { break }
            }
        }
        return Self.format(client.count == 16 ? Array(client.prefix(8)) + [UInt8](repeating: 0, count: 8) : client)
            + (client.count == 16 ? "/64" : "")
    }

    /// `1.2.3.4:80` → `1.2.3.4`, `[::1]:80` → `::1`; other text unchanged.
    static func strippingPort(_ hop: String) -> String {
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") { return String(hop[hop.index(after: hop.startIndex)..<close]) }
        let colons = hop.filter { $0 == ":" }.count
        if colons == 1, let colon = hop.firstIndex(of: ":") { return String(hop[..<colon]) }
        return hop
    }

    /// The bytes of an IPv4 or IPv6 address (an IPv4-mapped IPv6 address gives its 4 IPv4 bytes).
    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes.prefix(10).allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes.suffix(4)) }
        return bytes
    }

    static func format(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: bytes.count, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}
