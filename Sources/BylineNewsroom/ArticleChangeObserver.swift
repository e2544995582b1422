import BylineCore

/// Told about every article write after it is stored, so in-memory indexes stay current without a
/// full recompute. ``ArticleWriter`` calls it on each create, update, upsert and delete.
public protocol ArticleChangeObserver: Sendable {
    /// The article as stored (in any status).
    func articleSaved(_ article: Article) async
    /// The article is gone.
    func articleDeleted(_ id: ArticleID) async
}
