import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import BylineCore
import BylineStore
@testable import BylineWeb
import BylineNewsroom

/// HEAD and 405, and oversized bodies (issue 15), through the real router.
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
        let app = Application(router: buildRouter(services: try await SiteFixture.make().services, clock: { SiteFixture.now }),
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
            #expect(try await client.execute(uri: "/article/no-such-story", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/no/such/page", method: .delete).status == .notFound)
            // Found routes are untouched.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
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
