import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineNewsroom

/// `/api/v1/admin/...`: article writes, workflow, revisions, corrections, sections, authors, tags (AdminTaxonomyAPI.swift)
/// and the audit log.
/// Every route needs an admin-scope token or a session; roles decide the rest (``EditorialService``).
struct AdminAPI: Sendable {
    let stores: Stores
    let newsroom: Newsroom
    let auth: APIAuthenticator
    let baseURL: String
    let clock: @Sendable () -> Date

    var editorial: EditorialService { newsroom.editorial }

    func register(on router: Router<BylineRequestContext>) {
        registerTaxonomy(on: router)
        router.on(.adminAPIArticles) { request, _, _ in try await list(request) }
        router.on(.adminAPICreateArticle) { request, _, _ in
            let principal = try await auth.adminPrincipal(request)
            let input = try await APIJSON.decode(ArticleInput.self, from: request)
            let article = try await editorial.create(input.draft(status: .draft, publishedAt: nil), by: principal, now: clock())
            return try await respond(article, status: .created)
        }
        router.on(.adminAPIArticle) { request, _, id in
            let principal = try await auth.adminPrincipal(request)
            return try await respond(try await readable(id, principal))
        }
        router.on(.adminAPIUpdateArticle) { request, _, id in
            let principal = try await auth.adminPrincipal(request)
            let current = try await editorial.editableArticle(id, by: principal)
            let input = try await APIJSON.decode(ArticleInput.self, from: request)
            let draft = input.draft(status: current.status, publishedAt: current.publishedAt,
                                    automaticTags: current.tags.filter { $0.origin == .automatic }.map(\.tag.name),
                                    externalID: current.externalID)
            return try await respond(try await editorial.update(id, with: draft, by: principal, now: clock()))
        }
        router.on(.adminAPIDeleteArticle) { request, _, id in
            let principal = try await auth.adminPrincipal(request)
            try await editorial.delete(id, by: principal, now: clock())
            return APIJSON.noContent()
        }
        router.on(.adminAPIPublish) { request, _, id in
            let principal = try await auth.adminPrincipal(request)
            return try await respond(try await editorial.publish(id, by: principal, now: clock()))
        }
        router.on(.adminAPIUnpublish) { request, _, id in
            let principal = try await auth.adminPrincipal(request)
            return try await respond(try await editorial.unpublish(id, by: principal, now: clock()))
        }
        router.on(.adminAPISchedule) { request, _, id in
            let principal = try await auth.adminPrincipal(request)
            let input = try await APIJSON.decode(ScheduleInput.self, from: request)
            return try await respond(try await editorial.schedule(id, at: input.publish_at, by: principal, now: clock()))
        }
        router.on(.adminAPISubmit) { request, _, id in
            let principal = try await auth.adminPrincipal(request)
            try await editorial.submit(id, by: principal, now: clock())
            return try await respond(try await readable(id, principal))
        }
        router.on(.adminAPIRevisions) { request, _, id in
            let principal = try await auth.adminPrincipal(request)
            _ = try await readable(id, principal)
            let revisions = try await newsroom.publishing.revisions.revisions(article: id)
            return try APIJSON.response(["revisions": revisions.map {
                RevisionJSON(id: $0.id.rawValue, number: $0.number, actor: $0.actor, created_at: $0.createdAt, headline: $0.draft.headline)
            }])
        }
        router.on(.adminAPIRevisionDiff) { request, _, target in
            let principal = try await auth.adminPrincipal(request)
            _ = try await readable(target.id, principal)
            let (revision, previous) = try await revisionPair(target.id, target.revision)
            return try APIJSON.response(RevisionDiff.json(from: previous, to: revision))
        }
        router.on(.adminAPIRestoreRevision) { request, _, target in
            let principal = try await auth.adminPrincipal(request)
            return try await respond(try await editorial.restore(target.revision, of: target.id, by: principal, now: clock()))
        }
        router.on(.adminAPIAddCorrection) { request, _, id in
            let principal = try await auth.adminPrincipal(request)
            let input = try await APIJSON.decode(CorrectionInput.self, from: request)
            let correction = try await editorial.addCorrection(id, text: input.text, by: principal, now: clock())
            return try APIJSON.response(CorrectionJSON(correction), status: .created)
        }
        router.on(.adminAPICreateSection) { request, _, _ in
            let principal = try await auth.editorialPrincipal(request, "manage sections")
            let input = try await APIJSON.decode(SectionInput.self, from: request)
            let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 120 else { throw ValidationError(field: "name", "must be 1 to 120 characters") }
            guard (input.summary ?? "").count <= ArticleLimits.dek else { throw ValidationError(field: "summary", "is too long") }
            if try await stores.sections.section(slug: input.slug) != nil {
                throw PublishingError.conflict("A section with this slug exists.")
            }
            let section = try await stores.sections.ensureSection(slug: input.slug, name: name, summary: input.summary ?? "",
                                                                  position: input.position ?? 100)
            try await newsroom.publishing.audit.record(actor: principal.actor, action: "section.create", target: "section:\(section.slug)",
                                                       detail: section.name, now: clock())
            return try APIJSON.response(SectionJSON(section, base: baseURL), status: .created)
        }
        router.on(.adminAPIUpdateAuthor) { request, _, slug in
            let principal = try await auth.editorialPrincipal(request, "manage authors")
            guard let author = try await stores.authors.author(slug: slug) else { throw PublishingError.notFound("author") }
            let input = try await APIJSON.decode(AuthorBioInput.self, from: request)
            guard input.bio.count <= 2_000 else { throw ValidationError(field: "bio", "is longer than 2000 characters") }
            let updated = try await stores.authors.updateBio(author.id, bio: input.bio.trimmingCharacters(in: .whitespacesAndNewlines))
            try await newsroom.publishing.audit.record(actor: principal.actor, action: "author.update", target: "author:\(slug)",
                                                       detail: "bio", now: clock())
            return try APIJSON.response(AuthorJSON(updated, base: baseURL))
        }
        router.on(.adminAPIAudit) { request, _, _ in
            let principal = try await auth.adminPrincipal(request)
            guard principal.role.isAdmin else { throw PublishingError.forbidden("Only admins may read the audit log.") }
            let limit = try ContentAPI.intParameter(request, "limit", range: 1...500) ?? 100
            let offset = try ContentAPI.intParameter(request, "offset", range: 0...1_000_000) ?? 0
            let entries = try await newsroom.publishing.audit.entries(limit: limit, offset: offset)
            return try APIJSON.response(["entries": entries.map(AuditEntryJSON.init)])
        }
    }

    /// An article any signed-in role may read (authors read all, edit their own).
    private func readable(_ id: ArticleID, _ principal: Principal) async throws -> Article {
        guard let article = try await stores.articles.article(id: id) else { throw PublishingError.notFound("article \(id.rawValue)") }
        return article
    }

    /// A revision of the article and the one before it.
    func revisionPair(_ id: ArticleID, _ revisionID: RevisionID) async throws -> (Revision, Revision?) {
        let all = try await newsroom.publishing.revisions.revisions(article: id)
        guard let index = all.firstIndex(where: { $0.id == revisionID }) else { throw PublishingError.notFound("revision") }
        return (all[index], index + 1 < all.count ? all[index + 1] : nil)
    }

    private func respond(_ article: Article, status: HTTPResponse.Status = .ok) async throws -> Response {
        let corrections = try await newsroom.publishing.corrections.corrections(article: article.id)
        return try APIJSON.response(ArticleJSON(article, corrections: corrections, base: baseURL, admin: true), status: status)
    }

    private func list(_ request: Request) async throws -> Response {
        _ = try await auth.adminPrincipal(request)
        let page = try ContentAPI.intParameter(request, "page", range: 1...PageRequest.maxPage) ?? 1
        var query = ArticleQuery(visibility: .all, page: PageRequest(page: page, size: 50))
        if let raw = try ContentAPI.parameter(request, "status") {
            guard let status = ArticleStatus(rawValue: raw) else { throw BylineError.badParameter("status", "must be draft, scheduled or published") }
            query.visibility = .status(status)
        }
        var empty = false
        if let slug = try ContentAPI.slugParameter(request, "section") {
            if let section = try await stores.sections.section(slug: slug) { query.section = section.id } else { empty = true }
        }
        if let slug = try ContentAPI.slugParameter(request, "author") {
            if let author = try await stores.authors.author(slug: slug) { query.author = author.id } else { empty = true }
        }
        let result = empty ? Paged(items: [], request: query.page, total: 0) : try await stores.articles.list(query)
        return try APIJSON.response(AdminArticleListJSON(
            articles: result.items.map {
                AdminArticleRowJSON(id: $0.id.rawValue, slug: $0.slug.rawValue, headline: $0.headline, section: $0.section.slug.rawValue,
                                    authors: $0.contributors.map(\.author.name), published_at: $0.publishedAt, updated_at: $0.updatedAt)
            },
            page: result.request.page, page_count: result.pageCount, total: result.total))
    }
}

/// Word-level differences between two revisions, field by field.
enum RevisionDiff {
    static func fields(from old: ArticleDraft?, to new: ArticleDraft) -> [(field: String, diff: WordDiff)] {
        func text(_ d: ArticleDraft?) -> [String: String] {
            guard let d else { return [:] }
            return [
                "headline": d.headline, "dek": d.dek, "body": d.bodyMarkdown, "section": d.section.rawValue,
                "authors": d.contributors.map { c in c.role.map { r in "\(c.name) (\(r))" } ?? c.name }.joined(separator: ", "),
                "tags": d.tags.joined(separator: ", "), "slug": d.slug?.rawValue ?? "",
                "lead_image": d.leadImage.map { "\($0.url) \($0.alt) \($0.caption ?? "") \($0.credit ?? "")" } ?? "",
            ]
        }
        let a = text(old), b = text(new)
        return ["headline", "dek", "body", "section", "authors", "tags", "slug", "lead_image"].map {
            (field: $0, diff: WordDiff(old: a[$0] ?? "", new: b[$0] ?? ""))
        }
    }

    static func json(from previous: Revision?, to revision: Revision) -> DiffJSON {
        DiffJSON(from: previous?.number, to: revision.number,
                 fields: fields(from: previous?.draft, to: revision.draft).map { DiffJSON.Field(field: $0.field, runs: $0.diff.runs) })
    }
}
