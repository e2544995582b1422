import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import BylineCore
import BylineWeb
import BylineRoutes

/// The desk's taxonomy upkeep through the real router: roles, validation, and what readers see afterwards.
@Suite struct TaxonomyAPITests {
    @Test func tagUpkeepIsForEditorsAndAdmins() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            #expect(try await client.execute(uri: "/api/v1/admin/tags", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/admin/tags", method: .get, headers: json(f.author)).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/admin/tags", method: .get, headers: json(f.content)).status == .forbidden)
            let rename = body(["name": "Kazakh Republic"])
            #expect(try await client.execute(uri: "/api/v1/admin/tags/kazakhstan", method: .put, headers: json(f.author), body: rename).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/admin/tags/kazakhstan", method: .delete).status == .unauthorized)

            let listed = decodeObject(try await client.execute(uri: "/api/v1/admin/tags?q=kaz", method: .get, headers: json(f.editor)))
            let tags = try #require(listed["tags"] as? [[String: Any]])
            #expect(tags.compactMap { $0["slug"] as? String } == ["kazakhstan"])
            // Four articles carry it, the draft and the scheduled one included.
            #expect(tags.first?["articles"] as? Int == 4)
        }
    }

    @Test func renameMergeAndDeleteShowOnTheSite() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let renamed = try await client.execute(uri: "/api/v1/admin/tags/weather", method: .put, headers: json(f.editor),
                                                   body: body(["name": "Climate and weather"]))
            #expect(renamed.status == .ok)
            #expect(decodeObject(renamed)["slug"] as? String == "climate-and-weather")
            // Old links, pages and feeds lead to the new slug for good.
            let old = try await client.execute(uri: "/tag/weather", method: .get)
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == "/tag/climate-and-weather")
            #expect(try await client.execute(uri: "/tag/weather?page=2", method: .get).headers[.location] == SiteRoute.tag(Slug("climate-and-weather")!, page: 2).path)
            let oldFeed = try await client.execute(uri: SiteRoute.feed(.tag(Slug("weather")!), .rss).path, method: .get)
            #expect(oldFeed.status == .movedPermanently)
            #expect(oldFeed.headers[.location] == SiteRoute.feed(.tag(Slug("climate-and-weather")!), .rss).path)
            let page = try await client.execute(uri: "/tag/climate-and-weather", method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Unrelated world story"))

            // Merging needs an existing target; a tag cannot be merged into itself.
            let missing = try await client.execute(uri: "/api/v1/admin/tags/csto/merge", method: .post, headers: json(f.editor),
                                                   body: body(["into": "no-such-tag"]))
            #expect(missing.status == .unprocessableContent)
            #expect(try await client.execute(uri: "/api/v1/admin/tags/csto/merge", method: .post, headers: json(f.editor),
                                             body: body(["into": "csto"])).status == .conflict)
            #expect(try await client.execute(uri: "/api/v1/admin/tags/csto/merge", method: .post, headers: json(f.editor),
                                             body: body(["into": "kazakhstan", "force": true])).status == .unprocessableContent)
            let merged = try await client.execute(uri: "/api/v1/admin/tags/csto/merge", method: .post, headers: json(f.editor),
                                                  body: body(["into": "kazakhstan"]))
            #expect(merged.status == .ok)
            #expect(decodeObject(merged)["articles"] as? Int == 1)
            let mergedAway = try await client.execute(uri: "/tag/csto", method: .get)
            #expect(mergedAway.status == .movedPermanently)
            #expect(mergedAway.headers[.location] == "/tag/kazakhstan")
            // Kazakhstan is a country: the entity address of the merged-away tag leads to its entity page.
            #expect(try await client.execute(uri: "/entity/csto", method: .get).headers[.location] == "/entity/kazakhstan")

            // Renaming onto another tag's name is a conflict: merge instead.
            #expect(try await client.execute(uri: "/api/v1/admin/tags/markets", method: .put, headers: json(f.editor),
                                             body: body(["name": "Kazakhstan"])).status == .conflict)
            #expect(try await client.execute(uri: "/api/v1/admin/tags/markets", method: .put, headers: json(f.editor),
                                             body: body(["name": "  "])).status == .unprocessableContent)

            let deleted = try await client.execute(uri: "/api/v1/admin/tags/markets", method: .delete, headers: json(f.admin))
            #expect(deleted.status == .ok)
            #expect(decodeObject(deleted)["articles"] as? Int == 1)
            #expect(try await client.execute(uri: "/tag/markets", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/admin/tags/markets", method: .delete, headers: json(f.admin)).status == .notFound)

            // Every change is in the audit log.
            let audit = decodeObject(try await client.execute(uri: "/api/v1/admin/audit", method: .get, headers: json(f.admin)))
            let actions = (audit["entries"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(Set(["tag.rename", "tag.merge", "tag.delete"]).isSubset(of: Set(actions)))
        }
    }

    @Test func sectionsAreRenamedAndReorderedButKeepTheirURL() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let input = body(["name": "International", "summary": "News from abroad", "position": -1])
            #expect(try await client.execute(uri: "/api/v1/admin/sections/world", method: .put, headers: json(f.author), body: input).status == .forbidden)
            let updated = try await client.execute(uri: "/api/v1/admin/sections/world", method: .put, headers: json(f.editor), body: input)
            #expect(updated.status == .ok)
            #expect(decodeObject(updated)["name"] as? String == "International")
            let page = String(buffer: try await client.execute(uri: "/section/world", method: .get).body)
            #expect(page.contains("International"))
            #expect(try await client.execute(uri: "/api/v1/admin/sections/nowhere", method: .put, headers: json(f.editor), body: input).status == .notFound)
            let bad = try await client.execute(uri: "/api/v1/admin/sections/world", method: .put, headers: json(f.editor),
                                               body: body(["name": "", "position": 99_999]))
            #expect(bad.status == .unprocessableContent)
            let issues = ((decodeObject(bad)["error"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(issues) == ["name", "position"])
        }
    }
}
