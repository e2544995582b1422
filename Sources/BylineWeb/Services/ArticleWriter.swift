import Foundation
import BylineCore
import BylineStore
import BylineText

/// The one write path for articles (editor, API, import): validate, render and sanitise the body, then store.
public struct ArticleWriter: Sendable {
    let stores: Stores
    let renderer: MarkdownRenderer

    public init(stores: Stores, renderer: MarkdownRenderer = MarkdownRenderer()) {
        self.stores = stores
        self.renderer = renderer
    }

    /// A draft ready to store: validated, with its body rendered to sanitised HTML.
    /// - Throws: ``ValidationError`` naming each bad field.
    public func prepare(_ draft: ArticleDraft) throws(ValidationError) -> ArticleDraft {
        var valid = try draft.validated()
        valid.bodyHTML = renderer.html(from: valid.bodyMarkdown)
        return valid
    }

    /// Creates an article.
    /// - Throws: ``ValidationError``, ``StoreError``.
    public func create(_ draft: ArticleDraft, now: Date = Date()) async throws -> Article {
        try await stores.articles.create(try prepare(draft), now: now)
    }

    /// Replaces an article's content.
    /// - Throws: ``ValidationError``, ``StoreError``.
    public func update(_ id: ArticleID, with draft: ArticleDraft, now: Date = Date()) async throws -> Article {
        try await stores.articles.update(id, with: try prepare(draft), now: now)
    }

    /// Creates or updates drafts by external id in one transaction; each draft succeeds or fails alone.
    /// - Throws: only when the batch as a whole could not be written.
    public func upsert(_ drafts: [ArticleDraft], now: Date = Date()) async throws -> [Result<UpsertOutcome, StoreError>] {
        var prepared: [ArticleDraft] = []
        var failures: [Int: StoreError] = [:]
        for (i, draft) in drafts.enumerated() {
            do { prepared.append(try prepare(draft)) } catch { failures[i] = .invalid(error) }
        }
        var stored = try await stores.articles.upsertBatch(prepared, now: now).makeIterator()
        return drafts.indices.map { i in
            if let failure = failures[i] { return .failure(failure) }
            return stored.next() ?? .failure(.conflict("missing result"))
        }
    }
}
