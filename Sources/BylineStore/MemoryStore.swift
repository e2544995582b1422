import Foundation
import BylineCore

/// An in-memory store for tests and previews; implements every store protocol with the same rules as SQLite.
public actor MemoryStore: ArticleStore, SectionStore, AuthorStore, TagStore {
    private var sectionsByID: [SectionID: Section] = [:]
    private var authorsByID: [AuthorID: Author] = [:]
    private var tagsByID: [TagID: Tag] = [:]
    private var articlesByID: [ArticleID: Article] = [:]
    private var suppressed: [ArticleID: Set<Slug>] = [:]
    /// Slugs that tags were renamed or merged away from, and the tag each leads to now.
    private var formerTagSlugs: [Slug: TagID] = [:]
    private var nextID: Int64 = 1
    private var token: Int64 = 0

    public init() {}

    private func makeID() -> Int64 { defer { nextID += 1 }; return nextID }

    // MARK: Sections

    public func sections() -> [Section] {
        sectionsByID.values.sorted { ($0.position, $0.name) < ($1.position, $1.name) }
    }

    public func section(slug: Slug) -> Section? {
        sectionsByID.values.first { $0.slug == slug }
    }

    public func ensureSection(slug: Slug, name: String, summary: String, position: Int) -> Section {
        if let existing = section(slug: slug) { return existing }
        let section = Section(id: SectionID(makeID()), slug: slug, name: name, summary: summary, position: position)
        sectionsByID[section.id] = section
        token += 1
        return section
    }

    // MARK: Authors

    public func author(slug: Slug) -> Author? { authorsByID.values.first { $0.slug == slug } }

    public func authors() -> [Author] { authorsByID.values.sorted { $0.name < $1.name } }

    public func updateBio(_ id: AuthorID, bio: String) throws -> Author {
        guard var author = authorsByID[id] else { throw StoreError.notFound("author \(id.rawValue)") }
        author.bio = bio
        authorsByID[id] = author
        for (articleID, var article) in articlesByID where article.contributors.contains(where: { $0.author.id == id }) {
            article.contributors = article.contributors.map { $0.author.id == id ? Contributor(author: author, role: $0.role) : $0 }
            articlesByID[articleID] = article
        }
        token += 1
        return author
    }

    private func resolveAuthor(_ input: ContributorInput) -> Author? {
        guard let slug = Slug.make(from: input.name) else { return nil }
        if let existing = author(slug: slug) { return existing }
        let author = Author(id: AuthorID(makeID()), slug: slug, name: input.name)
        authorsByID[author.id] = author
        return author
    }

    // MARK: Tags

    public func tag(slug: Slug) -> Tag? { tagsByID.values.first { $0.slug == slug } }

    public func tag(formerSlug slug: Slug) -> Tag? { formerTagSlugs[slug].flatMap { tagsByID[$0] } }

    public func popularTags(limit: Int, now: Date) -> [(tag: Tag, count: Int)] {
        var counts: [TagID: Int] = [:]
        for article in articlesByID.values where article.isPublic(at: now) {
            for t in article.tags { counts[t.tag.id, default: 0] += 1 }
        }
        return counts.compactMap { id, count in tagsByID[id].map { (tag: $0, count: count) } }
            .sorted { ($0.count, $1.tag.name) > ($1.count, $0.tag.name) }
            .prefix(limit).map { $0 }
    }

    public func suppressedAutomaticTags(for article: ArticleID) -> Set<Slug> { suppressed[article] ?? [] }

    public func suppressAutomaticTag(_ slug: Slug, on article: ArticleID) throws {
        guard articlesByID[article] != nil else { throw StoreError.notFound("article \(article.rawValue)") }
        suppressed[article, default: []].insert(slug)
        token += 1
    }

    private func resolveTag(_ name: String, entity: EntityInfo? = nil) -> Tag? {
        guard let slug = Slug.make(from: name) else { return nil }
        if var existing = tag(slug: slug) {
            if let entity, existing.entity != entity {
                existing.entity = entity
                tagsByID[existing.id] = existing
                refreshTag(existing)
            }
            return existing
        }
        let tag = Tag(id: TagID(makeID()), slug: slug, name: name, entity: entity)
        tagsByID[tag.id] = tag
        return tag
    }

    /// Keeps the copies of a tag inside stored articles in step with the tag.
    private func refreshTag(_ tag: Tag) {
        for (id, var article) in articlesByID where article.tags.contains(where: { $0.tag.id == tag.id }) {
            article.tags = article.tags.map { $0.tag.id == tag.id ? ArticleTag(tag: tag, origin: $0.origin) : $0 }
            articlesByID[id] = article
        }
    }

    // MARK: Articles

    public func create(_ draft: ArticleDraft, now: Date) throws -> Article {
        let article = try build(draft, id: ArticleID(makeID()), createdAt: draft.createdAt ?? now, now: now)
        articlesByID[article.id] = article
        token += 1
        return article
    }

    public func update(_ id: ArticleID, with draft: ArticleDraft, now: Date) throws -> Article {
        guard let existing = articlesByID[id] else { throw StoreError.notFound("article \(id.rawValue)") }
        let article = try build(draft, id: id, createdAt: existing.createdAt, now: now, currentSlug: existing.slug,
                                currentPublishedAt: existing.publishedAt, isNew: false)
        articlesByID[id] = article
        token += 1
        return article
    }

    public func upsertBatch(_ drafts: [ArticleDraft], now: Date) -> [Result<UpsertOutcome, StoreError>] {
        drafts.map { draft in
            do {
                if let externalID = draft.externalID,
                   let existing = articlesByID.values.first(where: { $0.externalID == externalID }) {
                    if existing.hasSameContent(as: draft) { return .success(.unchanged(existing)) }
                    return .success(.updated(try update(existing.id, with: draft, now: now)))
                }
                return .success(.created(try create(draft, now: now)))
            } catch let error as StoreError {
                return .failure(error)
            } catch {
                return .failure(.conflict(String(describing: error)))
            }
        }
    }

    public func delete(_ id: ArticleID) throws {
        guard articlesByID.removeValue(forKey: id) != nil else { throw StoreError.notFound("article \(id.rawValue)") }
        suppressed[id] = nil
        token += 1
    }

    public func article(id: ArticleID) -> Article? { articlesByID[id] }

    public func article(slug: Slug) -> Article? { articlesByID.values.first { $0.slug == slug } }

    public func list(_ query: ArticleQuery) -> Paged<ArticleSummary> {
        let matching = articlesByID.values.filter { article in
            switch query.visibility {
            case .publicAt(let now): if !article.isPublic(at: now) { return false }
            case .all: break
            case .status(let status): if article.status != status { return false }
            }
            if let section = query.section, article.section.id != section { return false }
            if let tag = query.tag, !article.tags.contains(where: { $0.tag.id == tag }) { return false }
            if !query.tagsAny.isEmpty, !article.tags.contains(where: { query.tagsAny.contains($0.tag.id) }) { return false }
            if let author = query.author, !article.contributors.contains(where: { $0.author.id == author }) { return false }
            return !query.excluding.contains(article.id)
        }
        .sorted(by: Self.newestFirst)
        let page = matching.dropFirst(query.page.offset).prefix(query.page.size).map(\.summary)
        return Paged(items: Array(page), request: query.page, total: matching.count)
    }

    public func changeToken() -> Int64 { token }

    /// Newest first by publication time (unpublished by update time), then by id, descending.
    static func newestFirst(_ a: Article, _ b: Article) -> Bool {
        let da = a.publishedAt ?? a.updatedAt, db = b.publishedAt ?? b.updatedAt
        return da != db ? da > db : a.id.rawValue > b.id.rawValue
    }

    private func build(_ draft: ArticleDraft, id: ArticleID, createdAt: Date, now: Date, currentSlug: Slug? = nil,
                       currentPublishedAt: Date? = nil, isNew: Bool = true) throws -> Article {
        guard let section = section(slug: draft.section) else { throw StoreError.unknownSection(draft.section) }
        let wanted = draft.slug ?? Slug.make(from: draft.headline) ?? Slug.fallback
        let slug: Slug
        if let currentSlug, draft.slug == nil || draft.slug == currentSlug {
            slug = currentSlug
        } else {
            slug = ArticleSlugs.unique(wanted) { candidate in
                articlesByID.values.contains { $0.slug == candidate && $0.id != id }
            }
        }
        func entity(_ name: String) -> EntityInfo? {
            let slug = Slug.make(from: name)
            return draft.entities.first { Slug.make(from: $0.name) == slug }
        }
        var tags: [ArticleTag] = draft.tags.compactMap { name in
            resolveTag(name, entity: entity(name)).map { ArticleTag(tag: $0, origin: .editor) }
        }
        let suppressedHere = suppressed[id] ?? []
        for name in draft.automaticTags where !suppressedHere.contains(Slug.make(from: name) ?? .fallback) {
            if let tag = resolveTag(name, entity: entity(name)), !tags.contains(where: { $0.tag.id == tag.id }) {
                tags.append(ArticleTag(tag: tag, origin: .automatic))
            }
        }
        let publishedAt = draft.publishedAt ?? currentPublishedAt ?? (draft.status == .published ? now : nil)
        // A new article counts as last changed when it was published (an import of old stories is not an update).
        let updatedAt = draft.updatedAt ?? (isNew ? min(publishedAt ?? now, now) : now)
        return Article(
            id: id, slug: slug, headline: draft.headline, dek: draft.dek, bodyMarkdown: draft.bodyMarkdown,
            bodyHTML: draft.bodyHTML, section: section,
            contributors: draft.contributors.compactMap { input in resolveAuthor(input).map { Contributor(author: $0, role: input.role) } },
            tags: tags, status: draft.status, publishedAt: publishedAt,
            createdAt: createdAt, updatedAt: updatedAt, leadImage: draft.leadImage, externalID: draft.externalID)
    }
}

/// The slug rule every store shares: the wanted slug, else `-2`, `-3`, … until free.
public enum ArticleSlugs {

    /// The first of `wanted`, `wanted-2`, `wanted-3`, … for which `isTaken` is false.
    public static func unique(_ wanted: Slug, isTaken: (Slug) throws -> Bool) rethrows -> Slug {
        if try !isTaken(wanted) { return wanted }
        var n = 2
        while try isTaken(wanted.numbered(n)) { n += 1 }
        return wanted.numbered(n)
    }
}

// MARK: Taxonomy upkeep

extension MemoryStore {
    public func updateSection(_ slug: Slug, name: String, summary: String, position: Int) throws -> Section {
        guard var section = section(slug: slug) else { throw StoreError.notFound("section \(slug.rawValue)") }
        section.name = name; section.summary = summary; section.position = position
        sectionsByID[section.id] = section
        for (id, var article) in articlesByID where article.section.id == section.id {
            article.section = section
            articlesByID[id] = article
        }
        token += 1
        return section
    }

    public func allTags(matching query: String?, limit: Int, offset: Int) -> [(tag: Tag, count: Int)] {
        var uses: [TagID: Int] = [:]
        for article in articlesByID.values { for tag in article.tags { uses[tag.tag.id, default: 0] += 1 } }
        let needle = query?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return tagsByID.values
            .filter { needle.isEmpty || $0.name.lowercased().contains(needle) || $0.slug.rawValue.contains(needle) }
            .sorted { ($0.name.lowercased(), $0.slug.rawValue) < ($1.name.lowercased(), $1.slug.rawValue) }
            .dropFirst(max(0, offset)).prefix(max(0, limit))
            .map { (tag: $0, count: uses[$0.id] ?? 0) }
    }

    public func renameTag(_ slug: Slug, to name: String) throws -> Tag {
        guard var tag = tag(slug: slug) else { throw StoreError.notFound("tag \(slug.rawValue)") }
        guard let newSlug = Slug.make(from: name) else { throw StoreError.invalid(ValidationError(field: "name", "has no letters or digits")) }
        if let other = self.tag(slug: newSlug), other.id != tag.id { throw StoreError.conflict("tag \(newSlug.rawValue) exists") }
        if newSlug != tag.slug { formerTagSlugs[tag.slug] = tag.id }
        formerTagSlugs[newSlug] = nil
        tag.name = name
        tag.slug = newSlug
        tagsByID[tag.id] = tag
        refreshTag(tag)
        token += 1
        return tag
    }

    public func mergeTag(_ source: Slug, into target: Slug) throws -> (tag: Tag, articles: Int) {
        guard let from = tag(slug: source) else { throw StoreError.notFound("tag \(source.rawValue)") }
        guard let into = tag(slug: target) else { throw StoreError.notFound("tag \(target.rawValue)") }
        guard from.id != into.id else { throw StoreError.conflict("a tag cannot be merged into itself") }
        var moved = 0
        for (id, var article) in articlesByID {
            guard let index = article.tags.firstIndex(where: { $0.tag.id == from.id }) else { continue }
            let origin = article.tags[index].origin
            if origin == .automatic { suppressed[id, default: []].insert(source) }
            if article.tags.contains(where: { $0.tag.id == into.id }) {
                article.tags.remove(at: index)
            } else {
                article.tags[index] = ArticleTag(tag: into, origin: origin)
            }
            articlesByID[id] = article
            moved += 1
        }
        for (slug, id) in formerTagSlugs where id == from.id { formerTagSlugs[slug] = into.id }
        formerTagSlugs[source] = into.id
        tagsByID[from.id] = nil
        token += 1
        return (into, moved)
    }

    public func deleteTag(_ slug: Slug) throws -> Int {
        guard let tag = tag(slug: slug) else { throw StoreError.notFound("tag \(slug.rawValue)") }
        var removed = 0
        for (id, var article) in articlesByID {
            guard let index = article.tags.firstIndex(where: { $0.tag.id == tag.id }) else { continue }
            if article.tags[index].origin == .automatic { suppressed[id, default: []].insert(slug) }
            article.tags.remove(at: index)
            articlesByID[id] = article
            removed += 1
        }
        tagsByID[tag.id] = nil
        formerTagSlugs = formerTagSlugs.filter { $0.value != tag.id }
        token += 1
        return removed
    }
}
