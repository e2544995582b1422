import Foundation
import BylineCore
import BylineStore

/// The newsroom's actions on articles, each checked against the actor's role, written through
/// ``ArticleWriter``, kept as a revision and recorded in the audit log.
public struct EditorialService: Sendable {
    let writer: ArticleWriter
    let stores: Stores
    let publishing: PublishingStores
    let wakeup: ScheduleWakeup

    init(writer: ArticleWriter, stores: Stores, publishing: PublishingStores, wakeup: ScheduleWakeup) {
        self.writer = writer; self.stores = stores; self.publishing = publishing; self.wakeup = wakeup
    }

    // MARK: Permissions

    /// The article, when `principal` may edit it: editors and admins any; authors their own drafts.
    /// - Throws: ``PublishingError/notFound(_:)``, ``PublishingError/forbidden(_:)``.
    public func editableArticle(_ id: ArticleID, by principal: Principal) async throws -> Article {
        guard let article = try await stores.articles.article(id: id) else { throw PublishingError.notFound("article \(id.rawValue)") }
        if principal.role.canEditOthers { return article }
        let owner = try await publishing.workflow.owner(article: id)
        guard let user = principal.user, owner == user.id else {
            throw PublishingError.forbidden("Authors may edit only their own articles.")
        }
        guard article.status == .draft else { throw PublishingError.forbidden("Authors may edit only drafts; ask an editor.") }
        return article
    }

    /// Refuses unless `principal` may publish, schedule or unpublish. A caller that saves and then publishes in
    /// one step checks this first, so a refusal writes nothing.
    /// - Throws: ``PublishingError/forbidden(_:)``.
    public func requirePublisher(_ principal: Principal) throws {
        guard principal.role.canPublish else { throw PublishingError.forbidden("Only editors and admins may publish, schedule or unpublish.") }
    }

    // MARK: Writes

    /// Creates an article; authors may create drafts only.
    /// - Throws: ``PublishingError``, ``ValidationError``, ``StoreError``.
    public func create(_ draft: ArticleDraft, by principal: Principal, now: Date) async throws -> Article {
        if draft.status != .draft { try requirePublisher(principal) }
        if draft.status == .scheduled, let at = draft.publishedAt, at <= now {
            throw ValidationError(field: "published_at", "must be in the future to schedule")
        }
        let article = try await writer.create(draft, now: now)
        if let user = principal.user { try await publishing.workflow.setOwner(article: article.id, user: user.id) }
        try await saved(article, action: "article.create", by: principal, now: now)
        return article
    }

    /// Replaces an article's content. Changing its status needs a publisher.
    /// - Throws: ``PublishingError``, ``ValidationError``, ``StoreError``.
    public func update(_ id: ArticleID, with draft: ArticleDraft, by principal: Principal, now: Date) async throws -> Article {
        let current = try await editableArticle(id, by: principal)
        if draft.status != current.status { try requirePublisher(principal) }
        let article = try await writer.update(id, with: draft, now: now)
        try await saved(article, action: "article.update", by: principal, now: now)
        return article
    }

    /// Publishes now (or keeps the original time of an article published before).
    public func publish(_ id: ArticleID, by principal: Principal, now: Date) async throws -> Article {
        try requirePublisher(principal)
        let current = try await editableArticle(id, by: principal)
        var draft = ArticleDraft(current)
        draft.status = .published
        if let at = current.publishedAt, at > now { draft.publishedAt = now }
        let article = try await writer.update(id, with: draft, now: now)
        try await publishing.workflow.setSubmitted(article: id, at: nil)
        try await saved(article, action: "article.publish", by: principal, now: now)
        return article
    }

    /// Schedules publication at `at`, which must be in the future.
    public func schedule(_ id: ArticleID, at: Date, by principal: Principal, now: Date) async throws -> Article {
        try requirePublisher(principal)
        guard at > now else { throw ValidationError(field: "publish_at", "must be in the future") }
        var draft = ArticleDraft(try await editableArticle(id, by: principal))
        draft.status = .scheduled
        draft.publishedAt = at
        let article = try await writer.update(id, with: draft, now: now)
        try await saved(article, action: "article.schedule", by: principal, now: now, detail: at.formatted(Date.ISO8601FormatStyle(timeZone: .gmt)))
        return article
    }

    /// Takes an article off the site (back to draft).
    public func unpublish(_ id: ArticleID, by principal: Principal, now: Date) async throws -> Article {
        try requirePublisher(principal)
        var draft = ArticleDraft(try await editableArticle(id, by: principal))
        draft.status = .draft
        let article = try await writer.update(id, with: draft, now: now)
        try await saved(article, action: "article.unpublish", by: principal, now: now)
        return article
    }

    /// Deletes an article: publishers any, authors their own drafts.
    public func delete(_ id: ArticleID, by principal: Principal, now: Date) async throws {
        let article = try await editableArticle(id, by: principal)
        try await writer.delete(id)
        try await publishing.audit.record(actor: principal.actor, action: "article.delete", target: "article:\(id.rawValue)",
                                          detail: article.headline, now: now)
        wakeup.poke()
    }

    /// Marks an article submitted for review.
    public func submit(_ id: ArticleID, by principal: Principal, now: Date) async throws {
        let article = try await editableArticle(id, by: principal)
        guard article.status == .draft else { throw PublishingError.conflict("Only drafts can be submitted for review.") }
        try await publishing.workflow.setSubmitted(article: id, at: now)
        try await publishing.audit.record(actor: principal.actor, action: "article.submit", target: "article:\(id.rawValue)",
                                          detail: article.headline, now: now)
    }

    /// Restores a revision's content, keeping the article's current status and publication time.
    public func restore(_ revisionID: RevisionID, of id: ArticleID, by principal: Principal, now: Date) async throws -> Article {
        let current = try await editableArticle(id, by: principal)
        guard let revision = try await publishing.revisions.revision(id: revisionID), revision.articleID == id else {
            throw PublishingError.notFound("revision \(revisionID.rawValue)")
        }
        var draft = revision.draft
        draft.status = current.status
        draft.publishedAt = current.publishedAt
        let article = try await writer.update(id, with: draft, now: now)
        try await saved(article, action: "article.restore", by: principal, now: now, detail: "revision \(revision.number)")
        return article
    }

    /// Adds a correction to a published article; the article counts as updated.
    /// - Throws: ``ValidationError`` on `text`; ``PublishingError``.
    public func addCorrection(_ id: ArticleID, text: String, by principal: Principal, now: Date) async throws -> Correction {
        try requirePublisher(principal)
        let article = try await editableArticle(id, by: principal)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw ValidationError(field: "text", "must not be empty") }
        if trimmed.count > Correction.maxLength { throw ValidationError(field: "text", "is longer than \(Correction.maxLength) characters") }
        guard article.status == .published else { throw PublishingError.conflict("Corrections are for published articles.") }
        let correction = try await publishing.corrections.addCorrection(article: id, text: trimmed, now: now)
        // Re-saving bumps `updatedAt` (the page shows "Updated") and the change token (caches refresh).
        _ = try await writer.update(id, with: ArticleDraft(article), now: now)
        try await publishing.audit.record(actor: principal.actor, action: "article.correct", target: "article:\(id.rawValue)",
                                          detail: trimmed, now: now)
        return correction
    }

    private func saved(_ article: Article, action: String, by principal: Principal, now: Date, detail: String? = nil) async throws {
        _ = try await publishing.revisions.addRevision(article: article.id, actor: principal.actor, draft: ArticleDraft(article), now: now)
        try await publishing.audit.record(actor: principal.actor, action: action, target: "article:\(article.id.rawValue)",
                                          detail: detail ?? article.headline, now: now)
        wakeup.poke()
    }

    // MARK: Scheduling

    /// Every scheduled article, earliest first.
    func scheduledArticles() async throws -> [ArticleSummary] {
        var items: [ArticleSummary] = []
        var page = 1
        while true {
            let batch = try await stores.articles.list(ArticleQuery(visibility: .status(.scheduled),
                                                                    page: PageRequest(page: page, size: PageRequest.maxSize)))
            items += batch.items
            guard batch.hasNext, page < PageRequest.maxPage else { break }
            page += 1
        }
        return items.sorted { ($0.publishedAt ?? .distantFuture, $0.id.rawValue) < ($1.publishedAt ?? .distantFuture, $1.id.rawValue) }
    }

    /// Publishes every scheduled article whose time has come; returns their ids.
    @discardableResult
    public func publishDue(now: Date) async throws -> [ArticleID] {
        var published: [ArticleID] = []
        for summary in try await scheduledArticles() {
            guard let at = summary.publishedAt, at <= now else { break }
            // Re-read: another writer may have changed it since the list was taken.
            guard let article = try await stores.articles.article(id: summary.id), article.status == .scheduled,
                  let due = article.publishedAt, due <= now else { continue }
            var draft = ArticleDraft(article)
            draft.status = .published
            let stored = try await writer.update(article.id, with: draft, now: now)
            _ = try await publishing.revisions.addRevision(article: stored.id, actor: "scheduler", draft: ArticleDraft(stored), now: now)
            try await publishing.audit.record(actor: "scheduler", action: "article.publish", target: "article:\(stored.id.rawValue)",
                                              detail: "scheduled for \(due.formatted(Date.ISO8601FormatStyle(timeZone: .gmt)))", now: now)
            published.append(stored.id)
        }
        return published
    }

    /// When the next scheduled article is due.
    public func nextDue() async throws -> Date? {
        try await scheduledArticles().first?.publishedAt
    }
}
