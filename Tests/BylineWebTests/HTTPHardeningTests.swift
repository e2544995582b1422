import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Logging
#if canImport(Glibc)
import Glibc
#endif
import BylineCore
import BylineStore
@testable import BylineWeb
import BylineNewsroom

/// HEAD and 405, security headers and oversized bodies (issue 15), through the real router.
@Suite struct HTTPHardeningTests {
    static let article = "/article/kazakhstan-calls-in-allies"

    @Test(arguments: ["/healthz", "/", HTTPHardeningTests.article, "/feed.xml", "/sitemap.xml", "/assets/site.css", "/admin/login"])
    func headAnswersLikeGetWithoutTheBody(path: String) async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let get = try await client.execute(uri: path, method: .get)
            let head = try await client.execute(uri: path, method: .head)
            #expect(get.status == .ok)
            #expect(head.status == get.status)
            #expect(head.body.readableBytes == 0)
            #expect(get.body.readableBytes > 0)
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            for name in [HTTPField.Name.contentType, .eTag, .cacheControl, .lastModified, .contentSecurityPolicy] {
                #expect(head.headers[name] == get.headers[name], "\(name) of HEAD \(path)")
            }
        }
    }

    @Test func headOfAMissingPageIsA404WithoutBody() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let head = try await client.execute(uri: "/article/no-such-story", method: .head)
            #expect(head.status == .notFound)
            #expect(head.body.readableBytes == 0)
            #expect(try await client.execute(uri: "/no/such/page", method: .head).status == .notFound)
        }
    }

    /// On the wire: a HEAD answer carries no body bytes, so the next answer on the connection starts right after it.
    @Test func headOnALiveConnectionIsFollowedDirectlyByTheNextAnswer() async throws {
        let app = Application(router: try buildRouter(services: try await SiteFixture.make().services, clock: { SiteFixture.now }),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let socket = try RawSocket(port: try #require(client.port))
            socket.send("HEAD \(Self.article) HTTP/1.1\r\nHost: localhost\r\n\r\nGET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            _ = try await socket.closedAfter(limit: .seconds(10))
            let text = String(decoding: socket.received, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            #expect(parts.count == 3, "two heads and the GET body: \(text.prefix(300))")
            #expect(parts.first?.hasPrefix("HTTP/1.1 200") == true)
            #expect(parts.dropFirst().first?.hasPrefix("HTTP/1.1 200") == true, "the GET answer follows the HEAD head directly")
            #expect(parts.last == "ok\n" || parts.last == "ok")
        }
    }

    @Test func otherMethodsOnAGetRouteAre405WithAllow() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            for (method, path) in [(HTTPRequest.Method.delete, "/"), (.put, "/healthz"), (.post, Self.article), (.patch, "/feed.xml")] {
                let response = try await client.execute(uri: path, method: method)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == "GET, HEAD", "\(method) \(path)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
            // A path with GET and POST lists both; a handler's own 404 stays a 404; an unknown path stays a 404.
            let login = try await client.execute(uri: "/admin/login", method: .delete)
            #expect(login.status == .methodNotAllowed)
            #expect(login.headers[.allow] == "GET, HEAD, POST")
            let logout = try await client.execute(uri: "/admin/logout", method: .get)
            #expect(logout.status == .methodNotAllowed)
            #expect(logout.headers[.allow] == "POST")
            // Under /api the 405 is the API's JSON error, with Allow.
            let api = try await client.execute(uri: "/api/v1/search?q=x", method: .delete)
            #expect(api.status == .methodNotAllowed)
            #expect(api.headers[.allow] == "GET, HEAD")
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            #expect(String(buffer: api.body).contains(#""code":"method_not_allowed""#))
            #expect(try await client.execute(uri: "/article/no-such-story", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/no/such/page", method: .delete).status == .notFound)
            // Found routes are untouched.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test(arguments: ["/", HTTPHardeningTests.article, "/admin/login", "/no/such/page", "/assets/site.css", "/feed.xml"])
    func everyResponseCarriesTheSecurityHeaders(path: String) async throws {
        let app = try await SiteFixture.make().app() // base URL https://news.example
        try await app.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            let policies = response.headers[values: .contentSecurityPolicy]
            #expect(policies.contains("default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'none'; "
                                      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
            #expect(response.headers[.strictTransportSecurity] == "max-age=31536000")
        }
    }

    @Test func theAdminKeepsItsOwnPolicyAndPlainHTTPGetsNoHSTS() async throws {
        let services = try BylineServices.make(config: BylineConfig(storage: .memory, baseURL: "http://127.0.0.1:8080", loadDemoWhenEmpty: false))
        let app = Application(router: try buildRouter(services: services))
        try await app.test(.router) { client in
            let login = try await client.execute(uri: "/admin/login", method: .get)
            #expect(login.headers[values: .contentSecurityPolicy].contains("frame-ancestors 'none'"))
            #expect(login.headers[values: .contentSecurityPolicy].count == 2)
            #expect(login.headers[.strictTransportSecurity] == nil)
            #expect(login.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    /// The pages run no script: the only `<script>` elements are JSON-LD data blocks, which the policy does not run.
    @Test func pagesHaveNoScriptsButStructuredData() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            for path in ["/", Self.article, "/section/world", "/admin/login"] {
                let html = try await client.execute(uri: path, method: .get).text
                let scripts = html.components(separatedBy: "<script").count - 1
                let data = html.components(separatedBy: "<script type=\"application/ld+json\">").count - 1
                #expect(scripts == data, "\(path) has a script that is not JSON-LD")
                #expect(!html.contains(" style=\""), "\(path) has an inline style the policy blocks")
                #expect(!html.contains("<style"), "\(path) has a style element the policy blocks")
            }
        }
    }

    @Test func aFormOverOneMebibyteIs413WithAMessage() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let (cookie, csrf) = try #require(try await signIn(client, "edna"))
            let filler = String(repeating: "a", count: 1_100_000)
            let (headers, body) = form([("csrf", csrf), ("headline", "Long"), ("section", "world"), ("action", "save"), ("body", filler)],
                                       cookie: cookie)
            let response = try await client.execute(uri: "/admin/articles/new", method: .post, headers: headers, body: body)
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("larger than 1 MiB"))
            #expect(response.text.contains("at most \(100_000) characters"))
            // The editor's body field stops the text before the server must refuse it.
            let editor = try await client.execute(uri: "/admin/articles/new", method: .get, headers: [.cookie: cookie])
            #expect(editor.text.contains("<textarea name=\"body\" rows=\"18\" maxlength=\"100000\">"))

            let login = try await client.execute(uri: "/admin/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "csrf=x&password=" + filler))
            #expect(login.status == .contentTooLarge)

            var json: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(f.admin)"]
            json[.accept] = "application/json"
            let api = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json,
                                               body: ByteBuffer(string: "{\"body\": \"\(filler)\"}"))
            #expect(api.status == .contentTooLarge)
            #expect(api.text.contains("\"body_too_large\""))
        }
    }
}

/// What the security-header and HEAD middlewares add to a request that passes through them: their header fields
/// and nothing else. Prints the figures; with `bench/malloc-count.c` preloaded it counts allocations too. The time
/// bound is loose: tests run in debug builds on a shared machine.
@Suite struct MiddlewareCostTests {
    struct CostContext: RequestContext {
        struct Source: RequestContextSource { var logger: Logger }
        var coreContext: CoreRequestContextStorage
        init(source: Source) { coreContext = .init(source: source) }
    }

    /// The allocation counter when one is preloaded.
    static let mallocCalls: (@convention(c) () -> Int)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "byline_malloc_calls") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) () -> Int).self)
    }()

    @Test func theMiddlewaresAddOnlyTheirHeaders() async throws {
        let security = SecurityHeadersMiddleware<CostContext>(https: true)
        let head = HeadRequestMiddleware<CostContext>()
        let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/healthz"),
                              body: RequestBody(buffer: ByteBuffer()))
        let context = CostContext(source: .init(logger: Logger(label: "cost")))
        let body = ByteBuffer(string: "ok")
        // A fresh response each time, as a handler makes one.
        func page() -> Response {
            Response(status: .ok, headers: [.contentType: "text/plain", .contentLength: "2", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: body))
        }
        let rounds = 50_000
        func measure(_ run: () async throws -> Response) async throws -> (time: Duration, allocations: Int) {
            let calls = Self.mallocCalls?() ?? 0
            let start = ContinuousClock.now
            for _ in 0..<rounds { _ = try await run() }
            return (ContinuousClock.now - start, (Self.mallocCalls?() ?? 0) - calls)
        }
        func bare() async throws -> Response { try await head.handle(request, context: context) { _, _ in page() } }
        func full() async throws -> Response {
            try await security.handle(request, context: context) { request, context in
                try await head.handle(request, context: context) { _, _ in page() }
            }
        }
        #expect(try await full().headers.count == 8)
        _ = try await (measure(bare), measure(full)) // warm up
        let (a, b) = (try await measure(bare), try await measure(full))
        let time = (b.time - a.time) / rounds
        print("security headers: +\(time) per request over a handler and the HEAD check (\(a.time / rounds)); debug build")
        if Self.mallocCalls != nil {
            let extra = Double(b.allocations - a.allocations) / Double(rounds)
            print("security headers: +\(extra) allocations per request (handler and HEAD check: \(Double(a.allocations) / Double(rounds)))")
            #expect(extra <= 1.01, "one growth of the header array at most")
        }
        #expect(time < .microseconds(50))
    }
}
