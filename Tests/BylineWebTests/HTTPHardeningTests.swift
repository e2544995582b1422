import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import BylineCore
import BylineStore
@testable import BylineWeb
import BylineNewsroom

/// Oversized bodies (issue 15), through the real router.
@Suite struct HTTPHardeningTests {
    static let article = "/article/kazakhstan-calls-in-allies"

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
