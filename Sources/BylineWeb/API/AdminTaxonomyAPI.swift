import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineNewsroom
import BylineRoutes

/// `/api/v1/admin/tags...` and `PUT /api/v1/admin/sections/{slug}`: the desk's upkeep of the taxonomy — tags
/// listed with usage, renamed, merged into the tag they duplicate, deleted; sections renamed and reordered.
/// Editors and admins only; every change is in the audit log.
extension AdminAPI {
    func registerTaxonomy(on router: Router<BylineRequestContext>) {
        router.on(.adminAPIUpdateSection) { request, _, slug in
            let principal = try await auth.editorialPrincipal(request, "manage sections")
            guard let current = try await stores.sections.section(slug: slug) else { throw PublishingError.notFound("section") }
            let input = try await APIJSON.decode(SectionUpdateInput.self, from: request)
            let name = (input.name ?? current.name).trimmingCharacters(in: .whitespacesAndNewlines)
            let summary = (input.summary ?? current.summary).trimmingCharacters(in: .whitespacesAndNewlines)
            var issues: [FieldIssue] = []
            if name.isEmpty || name.count > 120 { issues.append(FieldIssue(field: "name", message: "must be 1 to 120 characters")) }
            if summary.count > ArticleLimits.dek { issues.append(FieldIssue(field: "summary", message: "is longer than \(ArticleLimits.dek) characters")) }
            if let position = input.position, !(-10_000...10_000).contains(position) {
                issues.append(FieldIssue(field: "position", message: "must be between -10000 and 10000"))
            }
            guard issues.isEmpty else { throw ValidationError(issues) }
            let section = try await stores.sections.updateSection(slug, name: name, summary: summary, position: input.position ?? current.position)
            try await newsroom.publishing.audit.record(actor: principal.actor, action: "section.update", target: "section:\(slug)",
                                                       detail: section.name, now: clock())
            return try APIJSON.response(SectionJSON(section, base: baseURL))
        }
        router.on(.adminAPITags) { request, _, _ in
            _ = try await auth.editorialPrincipal(request, "manage tags")
            let limit = try ContentAPI.intParameter(request, "limit", range: 1...500) ?? 100
            let offset = try ContentAPI.intParameter(request, "offset", range: 0...1_000_000) ?? 0
            let query = request.uri.queryParameters.get("q").map { String($0) }
            guard (query ?? "").count <= 200 else { throw ValidationError(field: "q", "is longer than 200 characters") }
            let tags = try await stores.tags.allTags(matching: query, limit: limit, offset: offset)
            return try APIJSON.response(TagListJSON(tags: tags.map { TagUsageJSON($0.tag, articles: $0.count, base: baseURL) }))
        }
        router.on(.adminAPIUpdateTag) { request, _, slug in
            let principal = try await auth.editorialPrincipal(request, "manage tags")
            let input = try await APIJSON.decode(TagRenameInput.self, from: request)
            let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= ArticleLimits.tagName else {
                throw ValidationError(field: "name", "must be 1 to \(ArticleLimits.tagName) characters")
            }
            let tag: Tag
            do { tag = try await stores.tags.renameTag(slug, to: name) }
            catch StoreError.conflict { throw PublishingError.conflict("Another tag has that name; merge this tag into it instead.") }
            try await newsroom.publishing.audit.record(actor: principal.actor, action: "tag.rename", target: "tag:\(slug)",
                                                       detail: "\(name) (\(tag.slug))", now: clock())
            return try APIJSON.response(TagJSON(tag, base: baseURL))
        }
        router.on(.adminAPIMergeTag) { request, _, slug in
            let principal = try await auth.editorialPrincipal(request, "manage tags")
            let input = try await APIJSON.decode(TagMergeInput.self, from: request)
            guard input.into != slug else { throw PublishingError.conflict("A tag cannot be merged into itself.") }
            guard try await stores.tags.tag(slug: slug) != nil else { throw PublishingError.notFound("tag") }
            guard try await stores.tags.tag(slug: input.into) != nil else {
                throw ValidationError(field: "into", "there is no tag \(input.into.rawValue.debugDescription)")
            }
            let merged = try await stores.tags.mergeTag(slug, into: input.into)
            try await newsroom.publishing.audit.record(actor: principal.actor, action: "tag.merge", target: "tag:\(slug)",
                                                       detail: "into \(input.into) (\(merged.articles) articles)", now: clock())
            return try APIJSON.response(TagChangeJSON(tag: TagJSON(merged.tag, base: baseURL), articles: merged.articles))
        }
        router.on(.adminAPIDeleteTag) { request, _, slug in
            let principal = try await auth.editorialPrincipal(request, "manage tags")
            let removed = try await stores.tags.deleteTag(slug)
            try await newsroom.publishing.audit.record(actor: principal.actor, action: "tag.delete", target: "tag:\(slug)",
                                                       detail: "\(removed) articles", now: clock())
            return try APIJSON.response(TagChangeJSON(tag: nil, articles: removed))
        }
    }

}

/// A tag with how many articles (any status) carry it, for the desk.
struct TagUsageJSON: Codable, Equatable {
    var id: Int64
    var slug: String
    var name: String
    var url: String
    var articles: Int
    /// `PER`, `LOC`, `ORG` or `MISC` when the tagger found it as an entity.
    var entityType: String?

    init(_ t: Tag, articles: Int, base: String) {
        id = t.id.rawValue; slug = t.slug.rawValue; name = t.name; url = SiteRoute.tag(t.slug).url(base: base)
        self.articles = articles; entityType = t.entity?.type
    }

    enum CodingKeys: String, CodingKey { case id, slug, name, url, articles, entityType = "entity_type" }
}

struct TagListJSON: Codable, Equatable { var tags: [TagUsageJSON] }

/// The outcome of a merge (the surviving tag) or a delete (no tag), with the number of articles touched.
struct TagChangeJSON: Codable, Equatable {
    var tag: TagJSON?
    var articles: Int
}

struct SectionUpdateInput: StrictInput {
    var name: String?
    var summary: String?
    var position: Int?
    static let fields: Set<String> = ["name", "summary", "position"]
}

struct TagRenameInput: StrictInput {
    var name: String
    static let fields: Set<String> = ["name"]
}

struct TagMergeInput: StrictInput {
    var into: Slug
    static let fields: Set<String> = ["into"]
}
