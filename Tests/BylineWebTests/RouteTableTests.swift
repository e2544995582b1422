import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import BylineCore
import BylineRoutes
import BylineWeb
import BylineNewsroom

/// The router registers endpoints of the route table only, and every error under `/api` is JSON.
@Suite struct RouteTableTests {
    /// A concrete path for a registered pattern: each parameter replaced by a value of its kind.
    static func samplePath(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            // RouterPath prints a parameter as `{name}`; the table writes `:name`.
            let name = segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
            switch name {
            case ":slug": return "kazakhstan"
            case ":id": return "42"
            case ":revision": return "7"
            case ":ref": return "a-story"
            case ":file": return "news.xml"
            default: return name
            }
        }.joined(separator: "/")
    }

    @Test func everyRegisteredRouteIsOneTheTableParsesAndPrints() async throws {
        let services = try BylineServices.make(config: BylineConfig(storage: .memory, loadDemoWhenEmpty: false))
        let routes = try buildRouter(services: services).routes
        #expect(routes.count > 70)
        for route in routes {
            let pattern = route.path.description
            #expect(!pattern.contains("*"), "no wildcard routes: \(pattern)")
            let path = Self.samplePath(pattern)
            let parsed = try SiteRoute(path: path)
            #expect(parsed?.path == path, "\(route.method) \(pattern) → \(path) parses to \(String(describing: parsed))")
        }
    }

    @Test func everyAPIErrorIsJSON() async throws {
        let app = try await NewsroomFixture.make().app()
        try await app.test(.router) { client in
            let cases: [(String, HTTPRequest.Method, HTTPResponse.Status)] = [
                ("/api/v1/search", .get, .badRequest),                      // no q
                ("/api/v1/search?q=tram&page=0", .get, .badRequest),
                ("/api/v1/search?q=tram&sort=sideways", .get, .badRequest),
                ("/api/v1/search?q=tram&section=no-such-section", .get, .badRequest),
                ("/api/v1/articles/no-such-story", .get, .notFound),
                ("/api/v1/nothing-here", .get, .notFound),
                ("/api/v1/admin/articles/0", .get, .notFound),
                ("/api/v1/admin/articles", .post, .unauthorized),
            ]
            for (uri, method, status) in cases {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == status, "\(uri)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(uri)")
                let error = decodeObject(response)["error"] as? [String: Any]
                #expect(error?["code"] is String && error?["message"] is String, "\(uri): \(String(buffer: response.body))")
            }
        }
    }

    @Test func siteAndAdminErrorsArePages() async throws {
        let app = try await NewsroomFixture.make().app()
        try await app.test(.router) { client in
            for (uri, status) in [("/search?q=tram&page=0", HTTPResponse.Status.badRequest), ("/no-such-page", .notFound),
                                  ("/admin/articles/0", .notFound), ("/tag/x?page=abc", .badRequest)] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == status, "\(uri)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
            }
        }
    }
}
