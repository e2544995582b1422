import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import BylineWeb

/// `Resources/openapi.json` is edited by hand, so it is checked against the router: every route registered under
/// `/api/v1` must be documented, and every documented operation must be a registered route.
@Suite struct OpenAPIDriftTests {
    /// An operation as "METHOD /path", with path parameters written `{name}` as OpenAPI does.
    struct Operation: Hashable, Comparable, CustomStringConvertible {
        var method: String
        var path: String

        var description: String { "\(method) \(path)" }

        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
    }

    static let prefix = "/api/v1"
    /// The keys of an OpenAPI path item that name operations (the others are `summary`, `parameters`, …).
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The routes the real router has under ``prefix``; `:name` captures become `{name}`.
    static func registeredOperations(_ router: Router<BylineRequestContext>) -> Set<Operation> {
        Set(router.routes.compactMap { route in
            let path = route.path.description.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                segment.first == ":" ? "{\(segment.dropFirst())}" : String(segment)
            }.joined(separator: "/")
            guard path == prefix || path.hasPrefix(prefix + "/") else { return nil }
            return Operation(method: route.method.rawValue, path: path)
        })
    }

    /// The operations the served document lists under `paths`.
    static func documentedOperations(_ document: [String: Any]) throws -> Set<Operation> {
        let paths = try #require(document["paths"] as? [String: Any], "the document has no paths")
        var operations = Set<Operation>()
        for (path, item) in paths {
            let item = try #require(item as? [String: Any], "paths[\"\(path)\"] is not an object")
            for key in item.keys where methods.contains(key) {
                operations.insert(Operation(method: key.uppercased(), path: path))
            }
        }
        return operations
    }

    @Test func documentMatchesTheRouter() async throws {
        let fixture = try await SiteFixture.make()
        let router = try buildRouter(services: fixture.services, clock: { SiteFixture.now })
        let registered = Self.registeredOperations(router)
        #expect(!registered.isEmpty, "no routes under \(Self.prefix): the prefix or the router changed")

        let body = try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/openapi.json", method: .get).body
        }
        let document = try #require(try JSONSerialization.jsonObject(with: Data([UInt8](buffer: body))) as? [String: Any])
        let documented = try Self.documentedOperations(document)

        let undocumented = registered.subtracting(documented).sorted()
        let unrouted = documented.subtracting(registered).sorted()
        #expect(undocumented.isEmpty, """
            routes missing from Sources/BylineWeb/Resources/openapi.json:
            \(undocumented.map { "  \($0)" }.joined(separator: "\n"))
            """)
        #expect(unrouted.isEmpty, """
            operations in Sources/BylineWeb/Resources/openapi.json that the router does not have:
            \(unrouted.map { "  \($0)" }.joined(separator: "\n"))
            """)
    }
}
