import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import SnapshotTesting
import BylineWeb

/// Recorded output of the public surfaces, through the real router on ``SiteFixture`` (fixed clock, memory store
/// filled through the real writer): pages, feeds, the sitemap index, JSON-LD, the assets and the OpenAPI document.
///
/// Each response is recorded as its status line, its headers in the order sent, a blank line and the body, so a
/// changed ETag, content type or cache header fails here as well as a changed byte of the body. A snapshot that
/// is missing is recorded and the test fails, so CI never passes on one it has not compared; after an intended
/// change, delete the file under `__Snapshots__/SnapshotTests/` (or run with `SNAPSHOT_TESTING_RECORD=all`),
/// run the tests, review the diff and commit it.
///
/// The article page is requested with `DNT: 1`, so no random reader id is made and no cookie is set; nothing
/// else needs normalising.
@Suite struct SnapshotTests {
    /// `DNT: 1`: the reader gets no id, so the article page sets no cookie.
    static let doNotTrack: HTTPFields = [HTTPFields.Element.Name("DNT")!: "1"]

    /// One GET through the router, as text.
    static func get(_ uri: String, headers: HTTPFields = [:]) async throws -> String {
        let app = try await SiteFixture.make().app()
        return try await app.test(.router) { client in
            Self.transcript(try await client.execute(uri: uri, method: .get, headers: headers))
        }
    }

    /// The status line, the headers in the order sent, a blank line, then the body as UTF-8.
    static func transcript(_ response: TestResponse) -> String {
        head(response) + "\n" + response.text
    }

    static func head(_ response: TestResponse) -> String {
        var text = "\(response.status.code) \(response.status.reasonPhrase)\n"
        for field in response.headers { text += "\(field.name.canonicalName): \(field.value)\n" }
        return text
    }

    @Test func homePage() async throws {
        let transcript = try await Self.get("/")
        assertSnapshot(of: transcript, as: .lines)
    }

    @Test func articlePage() async throws {
        let transcript = try await Self.get("/article/kazakhstan-calls-in-allies", headers: Self.doNotTrack)
        assertSnapshot(of: transcript, as: .lines)
    }

    @Test func searchPage() async throws {
        let transcript = try await Self.get("/search?q=allies")
        assertSnapshot(of: transcript, as: .lines)
    }

    @Test func searchAPI() async throws {
        let transcript = try await Self.get("/api/v1/search?q=allies")
        assertSnapshot(of: transcript, as: .lines)
    }

    @Test func entityPage() async throws {
        let transcript = try await Self.get("/entity/kazakhstan")
        assertSnapshot(of: transcript, as: .lines)
    }

    @Test func rssFeed() async throws {
        let transcript = try await Self.get("/feed.xml")
        assertSnapshot(of: transcript, as: .lines)
    }

    @Test func atomFeed() async throws {
        let transcript = try await Self.get("/section/world/feed.atom")
        assertSnapshot(of: transcript, as: .lines)
    }

    @Test func jsonFeed() async throws {
        let transcript = try await Self.get("/entity/kazakhstan/feed.json")
        assertSnapshot(of: transcript, as: .lines)
    }

    @Test func sitemapIndex() async throws {
        let transcript = try await Self.get("/sitemap.xml")
        assertSnapshot(of: transcript, as: .lines)
    }

    /// Every `<script type="application/ld+json">` block of an article page, one per line, as served.
    @Test func articleJSONLD() async throws {
        let page = try await Self.get("/article/kazakhstan-calls-in-allies", headers: Self.doNotTrack)
        let blocks = page.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().map { part in
            part.components(separatedBy: "</script>")[0]
        }
        #expect(!blocks.isEmpty)
        assertSnapshot(of: blocks.joined(separator: "\n"), as: .lines)
    }

    @Test func openAPIDocument() async throws {
        let transcript = try await Self.get("/api/openapi.json")
        assertSnapshot(of: transcript, as: .lines)
    }

    @Test func stylesheet() async throws {
        let transcript = try await Self.get("/assets/site.css")
        assertSnapshot(of: transcript, as: .lines)
    }

    /// The logo's headers as text and its bytes as a PNG file.
    @Test func publisherLogo() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/assets/logo.png", method: .get)
            assertSnapshot(of: Self.head(response), as: .lines, named: "head")
            var png = Snapshotting<Data, Data>.data
            png.pathExtension = "png"
            assertSnapshot(of: Data([UInt8](buffer: response.body)), as: png, named: "body")
        }
    }
}
