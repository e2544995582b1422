import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import BylineCore
import BylineStore
import BylineWeb
import BylineNewsroom

/// Automatic entity tags on save and entity pages, through the real write path and router.
@Suite struct EntityTaggingTests {
    static let now = Date(timeIntervalSince1970: 1_764_400_000)

    func services(_ storage: BylineConfig.Storage = .memory) async throws -> BylineServices {
        let services = try BylineServices.make(config: BylineConfig(storage: storage, loadDemoWhenEmpty: false))
        _ = try await services.stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        return services
    }

    func draft(tags: [String] = []) -> ArticleDraft {
        ArticleDraft(
            headline: "Kazakhstan asks Russia for help as protests spread",
            bodyMarkdown: """
            Kazakhstan's president, Kassym-Jomart Tokayev, asked Russia for troops on Wednesday after protests spread to Almaty.

            Tokayev said the Collective Security Treaty Organization (CSTO) would send a peacekeeping force. Vladimir Putin agreed within hours.

            Putin spoke to Tokayev again on Thursday, the Kremlin said.
            """,
            section: Slug("world")!, tags: tags, status: .published, publishedAt: Self.now.addingTimeInterval(-60))
    }

    @Test func savesGetEntityTagsAndEditorTagsAreKept() async throws {
        let services = try await services()
        let article = try await services.writer.create(draft(tags: ["Unrest"]), now: Self.now)
        let names = article.tags.map(\.tag.name)
        #expect(names.first == "Unrest")
        #expect(article.tags.first?.origin == .editor)
        for expected in ["Kazakhstan", "Russia", "Kassym-Jomart Tokayev", "Collective Security Treaty Organization"] {
            #expect(names.contains(expected), "missing \(expected) in \(names)")
        }
        let tokayev = try #require(article.tags.first { $0.tag.name == "Kassym-Jomart Tokayev" })
        #expect(tokayev.origin == .automatic)
        #expect(tokayev.tag.entity?.type == "PER")
    }

    @Test(arguments: [false, true])
    func removedAutomaticTagsStayRemoved(sqlite: Bool) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ent-\(UUID().uuidString).db").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let services = try await services(sqlite ? .sqlite(path: path) : .memory)
        let article = try await services.writer.create(draft(), now: Self.now)
        let russia = try #require(article.tags.first { $0.tag.name == "Russia" })
        let removed = try await services.writer.removeAutomaticTag(russia.tag.slug, from: article.id, now: Self.now)
        #expect(!removed.tags.contains { $0.tag.name == "Russia" })
        // A later edit runs the tagger again; Russia stays removed, the other entities stay.
        var edit = ArticleDraft(removed)
        edit.dek = "An edited dek."
        let edited = try await services.writer.update(article.id, with: edit, now: Self.now.addingTimeInterval(60))
        #expect(!edited.tags.contains { $0.tag.name == "Russia" })
        #expect(edited.tags.contains { $0.tag.name == "Kazakhstan" })
    }

    @Test func entityPagesListStoriesAndFacts() async throws {
        let services = try await services()
        _ = try await services.writer.create(draft(), now: Self.now)
        let app = Application(router: try buildRouter(services: services, clock: { Self.now }))
        try await app.test(.router) { client in
            let article = try await client.execute(uri: "/article/kazakhstan-asks-russia-for-help-as-protests-spread", method: .get)
            #expect(article.text.contains("href=\"/entity/kazakhstan\""), "entity tags link to entity pages")
            let page = try await client.execute(uri: "/entity/kazakhstan", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Kazakhstan</h1>"))
            #expect(page.text.contains("Place"))
            #expect(page.text.contains("Kazakhstan asks Russia for help"))
            let person = try await client.execute(uri: "/entity/kassym-jomart-tokayev", method: .get)
            #expect(person.status == .ok)
            #expect(person.text.contains("Person"))
            let missing = try await client.execute(uri: "/entity/nobody-at-all", method: .get)
            #expect(missing.status == .notFound)
        }
    }
}
