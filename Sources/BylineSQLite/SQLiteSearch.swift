import Foundation
import GRDB
import BylineCore
import BylineStore
import BylineSearch

/// The FTS5 search index: its schema (migration `v2-search`) and the SQL that keeps it in step with articles.
enum SearchIndexSchema {
    /// Creates the index, its vocabulary view and the trigger that removes deleted articles.
    /// Columns are in ``SearchRanking/fieldWeights`` order; the rowid is the article id.
    static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE article_search USING fts5(
                headline, dek, body, tags, authors, entity_names,
                tokenize = 'unicode61 remove_diacritics 2',
                prefix = '2 3'
            );
            CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab(article_search, 'row');
            CREATE TRIGGER article_search_after_delete AFTER DELETE ON article BEGIN
                DELETE FROM article_search WHERE rowid = OLD.id;
            END;
            """)
    }
}

extension SearchIndexSchema {
    /// A covering index for the visibility and filter checks of every match: `article` rows carry the bodies
    /// (overflow pages) before `status` and `published_at`, so probing the table per match is slow at scale.
    static func visibilityIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX article_search_visibility ON article(id, status, published_at, section_id)")
    }

    /// A covering index for the list summaries of results: the columns after the bodies sit on overflow pages, so
    /// reading `published_at` or the lead image from the table walks each body's overflow chain.
    static func summaryIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX article_summary ON article(id, section_id, published_at, updated_at, slug, headline, dek,
                                                    lead_image_url, lead_image_alt, lead_image_caption, lead_image_credit)
            """)
    }
}

/// Writes index rows. Called inside the transaction of every article write, so the index never lags.
enum SearchIndexer {
    /// (Re)indexes the stored article `id` from its rows (article, tags, authors).
    /// - Throws: GRDB's `DatabaseError`.
    static func index(_ db: Database, id: Int64) throws {
        try db.execute(sql: "DELETE FROM article_search WHERE rowid = ?", arguments: [id])
        guard let row = try Row.fetchOne(db, sql: "SELECT headline, dek, body_markdown, body_html FROM article WHERE id = ?",
                                         arguments: [id]) else { return }
        var editorTags: [String] = [], entityNames: [String] = []
        for tag in try Row.fetchAll(db, sql: """
            SELECT tag.name, article_tag.origin FROM article_tag JOIN tag ON tag.id = article_tag.tag_id
            WHERE article_tag.article_id = ? ORDER BY article_tag.position
            """, arguments: [id]) {
            if (tag["origin"] as String) == TagOrigin.automatic.rawValue { entityNames.append(tag["name"]) } else { editorTags.append(tag["name"]) }
        }
        let authors = try String.fetchAll(db, sql: """
            SELECT author.name FROM article_author JOIN author ON author.id = article_author.author_id
            WHERE article_author.article_id = ? ORDER BY article_author.position
            """, arguments: [id])
        let body = SearchText.indexableBody(html: row["body_html"], markdown: row["body_markdown"])
        let fields = [row["headline"] as String, row["dek"] as String, body, editorTags.joined(separator: " "),
                      authors.joined(separator: " "), entityNames.joined(separator: " ")]
        try db.execute(sql: """
            INSERT INTO article_search (rowid, headline, dek, body, tags, authors, entity_names) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: StatementArguments([id] as [any DatabaseValueConvertible] + fields))
        try SearchChangeSchema.record(db, id: id)
    }

    /// Indexes every article the index lacks (databases created before search existed). Cheap when complete.
    /// - Throws: GRDB's `DatabaseError`.
    static func backfill(_ db: Database) throws {
        let articles = try Int.fetchOne(db, sql: "SELECT count(*) FROM article") ?? 0
        let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM article_search") ?? 0
        guard articles != indexed else { return }
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM article WHERE id NOT IN (SELECT rowid FROM article_search)") {
            try index(db, id: id)
        }
    }
}

/// Turns a parsed ``SearchExpression`` into FTS5 query syntax. Every token is double-quoted and tokens never
/// contain quotes (they are letters and digits only), so nothing a reader types can become FTS5 syntax.
public enum FTS5Query {
    /// The MATCH string for the expression; `nil` when it has nothing to look for.
    public static func match(_ expression: SearchExpression) -> String? {
        let clauses = expression.clauses.compactMap { clause -> String? in
            let alternatives = clause.compactMap(term)
            guard !alternatives.isEmpty else { return nil }
            return alternatives.count == 1 ? alternatives[0] : "(" + alternatives.joined(separator: " OR ") + ")"
        }
        guard !clauses.isEmpty else { return nil }
        var query = clauses.joined(separator: " AND ")
        let excluded = expression.excluded.compactMap(term)
        if !excluded.isEmpty {
            query = "(" + query + ") NOT (" + excluded.joined(separator: " OR ") + ")"
        }
        return query
    }

    private static func term(_ term: SearchTerm) -> String? {
        let tokens = term.tokens.map { $0.filter { $0 != "\"" } }.filter { !$0.isEmpty }
        guard !tokens.isEmpty else { return nil }
        let quoted = "\"" + tokens.joined(separator: " ") + "\""
        if case .prefix = term { return quoted + " *" }
        return quoted
    }
}

extension SQLiteStore: SearchStore {

    public func search(_ request: SearchRequest) async throws -> SearchResults {
        try await search(request, plan: .automatic)
    }

    /// Loads a ranking table (``SearchDocuments``, about 0.5 s at 100k articles) into the pool.
    public func prepareSearch() async throws {
        let documents = searchDocuments
        _ = try await readOnReaderQueue { db in try documents.withDocuments(db) { _ in () } }
    }

    public func searchVocabulary() async throws -> [VocabularyTerm] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT term, doc FROM article_search_vocab").map {
                VocabularyTerm(term: $0["term"], documents: $0["doc"])
            }
        }
    }

    /// The conditions (after `MATCH ?`) that keep results public and inside the filters, with their arguments.
    private static func conditions(_ request: SearchRequest, match: String) -> (sql: String, arguments: StatementArguments) {
        var sql = "article_search MATCH ? AND a.status = 'published' AND a.published_at <= ?"
        var arguments: StatementArguments = [match, request.now.timeIntervalSince1970]
        let filters = request.filters
        if let section = filters.section {
            sql += " AND a.section_id = ?"; _ = arguments.append(contentsOf: [section.rawValue])
        }
        if let tag = filters.tag {
            sql += " AND EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id AND t.tag_id = ?)"
            _ = arguments.append(contentsOf: [tag.rawValue])
        }
        if let author = filters.author {
            sql += " AND EXISTS (SELECT 1 FROM article_author w WHERE w.article_id = a.id AND w.author_id = ?)"
            _ = arguments.append(contentsOf: [author.rawValue])
        }
        if let from = filters.publishedFrom {
            sql += " AND a.published_at >= ?"; _ = arguments.append(contentsOf: [from.timeIntervalSince1970])
        }
        if let before = filters.publishedBefore {
            sql += " AND a.published_at < ?"; _ = arguments.append(contentsOf: [before.timeIntervalSince1970])
        }
        return (sql, arguments)
    }

    /// The matches joined with their articles, for every query below. CROSS JOIN fixes the full-text index as the
    /// outer loop (with a plain JOIN SQLite may walk every published article and probe the index once per article:
    /// 200 ms instead of 1 ms); the covering index answers the visibility and filter checks without article rows.
    private static let matches = "article_search CROSS JOIN article a INDEXED BY article_search_visibility ON a.id = article_search.rowid"

    /// Which plan ranks a search: ``Plan/automatic`` scores every match in one pass with `byline_rank`
    /// (SearchRankFunction.swift); ``Plan/joined`` joins each match with its article and ranks in SQL. Tests hold
    /// the two to the same answers.
    enum Plan: Sendable, Equatable {
        case automatic
        case joined
    }

    /// A search with a chosen plan (``search(_:)`` always takes ``Plan/automatic``).
    func search(_ request: SearchRequest, plan: Plan) async throws -> SearchResults {
        guard let match = FTS5Query.match(request.expression) else {
            return SearchResults(hits: Paged(items: [], request: request.page, total: 0),
                                 facets: request.includeFacets ? SearchFacets() : nil)
        }
        let documents = plan == .automatic ? searchDocuments : nil
        return try await readOnReaderQueue { db in try Self.search(db, request, match: match, documents: documents) }
    }

    private static func search(_ db: Database, _ request: SearchRequest, match: String, documents: SearchDocumentsPool?) throws -> SearchResults {
        let page: ArraySlice<ScoredMatch>
        let total: Int
        var facets: SearchFacets?
        if let documents, let ranked = try rankScored(db, request, match: match, documents: documents) {
            page = ranked.top.dropFirst(request.page.offset)
            total = ranked.total
            facets = try ranked.facetCounts.map { try Self.facets(db, counts: $0) }
        } else {
            let ranked = try rankJoined(db, request, match: match)
            page = ranked.page[...]
            total = ranked.total
            facets = ranked.facets
        }
        let ids = page.map(\.id)
        let (summaries, snippets) = try Self.summaries(db, ids: ids, terms: request.expression.positiveTerms)
        var hits: [SearchHit] = []
        for match in page {
            guard let summary = summaries[match.id] else { continue }
            hits.append(SearchHit(article: summary, score: match.score, snippet: snippets[match.id] ?? []))
        }
        return SearchResults(hits: Paged(items: hits, request: request.page, total: total), facets: facets)
    }

    /// Every search, ranked in one pass over its matches by `byline_rank` with the in-memory documents table:
    /// visibility, filters, BM25 and recency per match, the best `offset + size` kept, every counted match in the
    /// total, and (when facets are asked for) their sections, tags and authors counted from the table. Tag and
    /// author filters are read first as the set of articles they allow. `nil` when the documents table could not
    /// be brought in step with the index (the joined plan then answers).
    private static func rankScored(_ db: Database, _ request: SearchRequest, match: String,
                                   documents: SearchDocumentsPool) throws -> (top: [ScoredMatch], total: Int, facetCounts: [String: [(Int64, Int)]]?)? {
        var allowed: Set<Int64>?
        if let tag = request.filters.tag {
            allowed = Set(try Int64.fetchAll(db.cachedStatement(sql: "SELECT article_id FROM article_tag WHERE tag_id = ?"),
                                             arguments: [tag.rawValue]))
        }
        if let author = request.filters.author {
            let byAuthor = Set(try Int64.fetchAll(db.cachedStatement(sql: "SELECT article_id FROM article_author WHERE author_id = ?"),
                                                  arguments: [author.rawValue]))
            allowed = allowed.map { $0.intersection(byAuthor) } ?? byAuthor
        }
        return try documents.withDocuments(db) { table in
            var state = RankState(documents: table, request: request, allowed: allowed)
            let total = try SearchRankFunction.run(db, match: match, state: &state)
            guard state.unknown == 0 else { return nil }
            state.finish()
            return (state.top.matches, total, state.matchedIDs.map(table.facetCounts))
        }
    }

    /// The reference plan (and the fallback): each match joined with its article for visibility, filters and
    /// recency, ranked in SQL.
    private static func rankJoined(_ db: Database, _ request: SearchRequest, match: String) throws
        -> (page: [ScoredMatch], total: Int, facets: SearchFacets?) {
        let (whereSQL, whereArguments) = conditions(request, match: match)
        let ranking = request.ranking
        // relevance = -bm25(...); score = relevance × recency factor (SearchRanking.score, written in SQL).
        // Arguments in the order their `?` appear in the text.
        var arguments: StatementArguments = [ranking.recencyWeight, ranking.recencyWeight]
        _ = arguments.append(contentsOf: StatementArguments(ranking.fieldWeights))
        _ = arguments.append(contentsOf: [request.now.timeIntervalSince1970, ranking.recencyHalfLife])
        _ = arguments.append(contentsOf: whereArguments)
        _ = arguments.append(contentsOf: [request.page.size, request.page.offset])
        let order = request.sort == .date ? "published_at DESC, id DESC" : "score DESC, id DESC"
        // `count(*) OVER ()` counts every match in the same pass that ranks them (no second pass for the total).
        let ranked = try Row.fetchAll(db, sql: """
            SELECT id, relevance * (1 - ? + ? * pow(2.0, -max(now - published_at, 0) / half_life)) AS score,
                   count(*) OVER () AS total
            FROM (SELECT a.id AS id, a.published_at AS published_at, -bm25(article_search, ?, ?, ?, ?, ?, ?) AS relevance,
                         ? AS now, ? AS half_life
                  FROM \(Self.matches)
                  WHERE \(whereSQL))
            ORDER BY \(order)
            LIMIT ? OFFSET ?
            """, arguments: arguments)
        let page = ranked.map { ScoredMatch(id: $0["id"], score: $0["score"]) }
        if request.includeFacets {
            let counted = try Self.facets(db, whereSQL: whereSQL, arguments: whereArguments)
            return (page, counted.total, counted.facets)
        } else if let first = ranked.first {
            return (page, first["total"], nil)
        } else if request.page.page == 1 {
            return (page, 0, nil)
        }
        // A page past the end has no rows to carry the count.
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(Self.matches) WHERE \(whereSQL)", arguments: whereArguments) ?? 0
        return (page, total, nil)
    }

    /// Facet counts over every match, and the number of matches (each article has exactly one section).
    private static func facets(_ db: Database, whereSQL: String, arguments: StatementArguments) throws -> (facets: SearchFacets, total: Int) {
        let rows = try Row.fetchAll(db, sql: """
            WITH m AS MATERIALIZED (
                SELECT a.id AS id, a.section_id AS section_id
                FROM \(Self.matches) WHERE \(whereSQL))
            SELECT 's' AS kind, section_id AS value, count(*) AS n FROM m GROUP BY section_id
            UNION ALL
            SELECT 't', t.tag_id, count(*) FROM m JOIN article_tag t ON t.article_id = m.id GROUP BY t.tag_id
            UNION ALL
            SELECT 'a', w.author_id, count(*) FROM m JOIN article_author w ON w.article_id = m.id GROUP BY w.author_id
            """, arguments: arguments)
        var counts: [String: [(Int64, Int)]] = [:]
        for row in rows { counts[row["kind"], default: []].append((row["value"], row["n"])) }
        let facets = try Self.facets(db, counts: counts)
        return (facets, (counts["s"] ?? []).reduce(0) { $0 + $1.1 })
    }

    /// Facets from counts by kind (`s` sections, `t` tags, `a` authors: value id and count): the 20 largest of each,
    /// ties by name.
    private static func facets(_ db: Database, counts: [String: [(Int64, Int)]]) throws -> SearchFacets {
        func top(_ kind: String) -> [(Int64, Int)] {
            (counts[kind] ?? []).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        }
        func load<T>(_ table: String, _ pairs: [(Int64, Int)], _ make: (Row) -> T, name: (T) -> String) throws -> [FacetCount<T>] {
            let chosen = Array(pairs.prefix(SearchFacets.maxValues * 2))
            guard !chosen.isEmpty else { return [] }
            let marks = databaseQuestionMarks(count: chosen.count)
            var byID: [Int64: T] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE id IN (\(marks))", arguments: StatementArguments(chosen.map(\.0))) {
                byID[row["id"]] = make(row)
            }
            return chosen.compactMap { pair in byID[pair.0].map { FacetCount(value: $0, count: pair.1) } }
                .sorted { $0.count != $1.count ? $0.count > $1.count : name($0.value) < name($1.value) }
                .prefix(SearchFacets.maxValues).map { $0 }
        }
        return SearchFacets(
            sections: try load("section", top("s"), { SQLiteStore.section($0) }, name: \.name),
            tags: try load("tag", top("t"), { SQLiteStore.tag($0) }, name: \.name),
            authors: try load("author", top("a"), { SQLiteStore.author($0) }, name: \.name))
    }

    /// The list summaries of these articles and the snippets of their bodies as indexed (plain text: no MATCH per
    /// result), in two queries whatever their number: contributors, then everything else. The rows are read straight
    /// from SQLite (``ResultRows``): a results page is on every search's path, and binding through
    /// `StatementArguments` and reading through GRDB's `Row` cost as much as the queries; each body is cut into its
    /// snippet from SQLite's bytes, without becoming a `String`.
    private static func summaries(_ db: Database, ids: [Int64], terms: [SearchTerm]) throws
        -> (summaries: [Int64: ArticleSummary], snippets: [Int64: [SnippetPart]]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        let marks = databaseQuestionMarks(count: ids.count)
        var contributors: [Int64: [Contributor]] = [:]
        try ResultRows.each(db, sql: """
            SELECT aa.article_id, aa.role, author.id, author.slug, author.name, author.bio
            FROM article_author aa JOIN author ON author.id = aa.author_id
            WHERE aa.article_id IN (\(marks)) ORDER BY aa.article_id, aa.position
            """, ids: ids) { row in
            let author = Author(id: AuthorID(row.int64(2)), slug: Slug(row.text(3)) ?? .fallback, name: row.text(4), bio: row.text(5))
            contributors[row.int64(0), default: []].append(Contributor(author: author, role: row.optionalText(1)))
        }
        var sections: [Int64: Section] = [:]
        var result: [Int64: ArticleSummary] = [:]
        var snippets: [Int64: [SnippetPart]] = [:]
        // The body comes from the index's content table (FTS5's `%_content`, column c2 = body); tag ids in order
        // come as one list per article.
        try ResultRows.each(db, sql: """
            SELECT a.id, a.slug, a.headline, a.dek, a.published_at, a.updated_at, a.lead_image_url, a.lead_image_alt,
                   a.lead_image_caption, a.lead_image_credit, s.id, s.slug, s.name, s.summary, s.position,
                   (SELECT group_concat(tag_id) FROM (SELECT tag_id FROM article_tag t WHERE t.article_id = a.id ORDER BY t.position)),
                   c.c2
            FROM article a INDEXED BY article_summary JOIN section s ON s.id = a.section_id
            LEFT JOIN article_search_content c ON c.id = a.id
            WHERE a.id IN (\(marks))
            """, ids: ids) { row in
            let id = row.int64(0)
            let sectionID = row.int64(10)
            let section = sections[sectionID] ?? Section(id: SectionID(sectionID), slug: Slug(row.text(11)) ?? .fallback, name: row.text(12),
                                                         summary: row.text(13), position: Int(row.int64(14)))
            sections[sectionID] = section
            let image = row.optionalText(6).map { LeadImage(url: $0, alt: row.text(7), caption: row.optionalText(8), credit: row.optionalText(9)) }
            let tagIDs = row.text(15).split(separator: ",").compactMap { Int64($0).map { TagID($0) } }
            result[id] = ArticleSummary(
                id: ArticleID(id), slug: Slug(row.text(1)) ?? .fallback, headline: row.text(2), dek: row.text(3),
                section: section, contributors: contributors[id] ?? [],
                publishedAt: row.isNull(4) ? nil : Date(timeIntervalSince1970: row.double(4)),
                updatedAt: Date(timeIntervalSince1970: row.double(5)), leadImage: image, tagIDs: tagIDs)
            snippets[id] = SearchSnippet.make(utf8: row.bytes(16), terms: terms)
        }
        return (result, snippets)
    }
}
