import Foundation
import Synchronization
import GRDB
import GRDBSQLite
import BylineCore
import BylineStore
import BylineSearch

// Byline's search ranking inside SQLite, in one pass over the matches.
//
// FTS5's own `bm25()` reads each match's length with a separate look-up in the `%_docsize` table (a statement
// step per match); ranking 20,000 matches that way takes 50 ms, against 2 ms to merely count them. Here an FTS5
// auxiliary function, `byline_rank`, scores every match while FTS5 walks them: the field-weighted phrase
// frequencies come from FTS5 (`xInst`), and the article length, publication time and section come from
// ``SearchDocuments``, a table of those facts kept in memory and brought up to the reader's snapshot before every
// search through the `search_change` log. The function keeps the best results in a ``TopMatches`` as they stream
// past and answers whether the match counts (public and inside the filters), so `count(*)` gives the total in the
// same pass. The relevance is computed exactly as `bm25()` computes it (see ``BM25``); tests hold this plan to
// the joined SQL plan on every page, score and total.

/// The change log behind ``SearchDocuments`` (migration `v6-search-changes`): every write that can change an
/// article's visibility, section or indexed length adds the article's id, in the same transaction.
enum SearchChangeSchema {
    static func v6(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE search_change (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                article_id INTEGER NOT NULL
            );
            CREATE TRIGGER search_change_after_update AFTER UPDATE OF status, published_at, section_id ON article BEGIN
                INSERT INTO search_change (article_id) VALUES (NEW.id);
            END;
            CREATE TRIGGER search_change_after_delete AFTER DELETE ON article BEGIN
                INSERT INTO search_change (article_id) VALUES (OLD.id);
            END;
            CREATE TRIGGER search_change_prune AFTER INSERT ON search_change WHEN NEW.seq % 1000 = 0 BEGIN
                DELETE FROM search_change WHERE seq <= NEW.seq - 10000;
            END;
            """)
    }

    /// Records that article `id` was (re)indexed. Called by ``SearchIndexer`` in the writing transaction.
    static func record(_ db: Database, id: Int64) throws {
        try db.execute(sql: "INSERT INTO search_change (article_id) VALUES (?)", arguments: [id])
    }
}

/// What ranking needs of every indexed article, by article id: its length in tokens (all fields), its publication
/// time when it is published, and its section. ``changeSeq`` is the last `search_change` entry it reflects.
struct SearchDocuments: Sendable {
    /// One article's facts, together so that a match costs one memory look-up.
    struct Entry: Sendable {
        /// Publication time (seconds since 1970) of a published article; NaN for drafts, scheduled and deleted
        /// articles and published ones without a date, so every comparison with it fails.
        var published: Double = .nan
        var section: Int64 = 0
        /// Tokens in every field; -1 when the article is not indexed.
        var length: Int32 = -1
    }
    /// By article id.
    private(set) var entries: [Entry] = []
    /// Each entry in brief (see ``Brief``), by article id.
    private(set) var briefs: [UInt32] = []
    /// Tag and author ids by article id, for facet counts.
    private(set) var tags: [[Int64]] = []
    private(set) var authors: [[Int64]] = []
    /// -1 until loaded.
    var changeSeq: Int64 = -1

    /// Brings the table to the snapshot `db` reads: nothing when the log has not moved, the changed articles when
    /// it has, everything when the table is new, ahead of the snapshot, or behind the pruned log.
    /// - Throws: GRDB's `DatabaseError`.
    mutating func sync(_ db: Database) throws {
        let ends = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT min(seq) FROM search_change), (SELECT max(seq) FROM search_change)
            """))
        let first: Int64? = ends?[0]
        let last: Int64 = ends?[1] ?? 0
        if changeSeq >= 0, changeSeq == last { return }
        if changeSeq < 0 || changeSeq > last || (first.map { changeSeq < $0 - 1 } ?? false) {
            try loadAll(db)
        } else {
            let changed = try Int64.fetchAll(db.cachedStatement(sql: "SELECT DISTINCT article_id FROM search_change WHERE seq > ?"),
                                             arguments: [changeSeq])
            try load(db, ids: changed)
        }
        changeSeq = last
    }

    /// Whether the table knows article `id` (a row the index holds but the table lacks means it is out of step).
    func knows(_ id: Int64) -> Bool { id >= 0 && id < entries.count && entries[Int(id)].length >= 0 }

    private mutating func grow(to id: Int64) {
        guard id >= entries.count else { return }
        let added = Int(id) + 1 - entries.count
        entries += repeatElement(Entry(), count: added)
        briefs += repeatElement(Brief.pack(Entry()), count: added)
        tags += repeatElement([], count: added)
        authors += repeatElement([], count: added)
    }

    private mutating func loadAll(_ db: Database) throws {
        entries = []; briefs = []; tags = []; authors = []
        grow(to: try Int64.fetchOne(db, sql: "SELECT max(id) FROM article") ?? 0)
        try read(db, articles: "SELECT id, status, published_at, section_id FROM article INDEXED BY article_search_visibility",
                 sizes: "SELECT id, sz FROM article_search_docsize",
                 tags: "SELECT article_id, tag_id FROM article_tag", authors: "SELECT article_id, author_id FROM article_author",
                 arguments: [])
    }

    private mutating func load(_ db: Database, ids: [Int64]) throws {
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(ids.count, start + 500)]
            for id in chunk {
                grow(to: id)
                entries[Int(id)] = Entry(); briefs[Int(id)] = Brief.pack(Entry()); tags[Int(id)] = []; authors[Int(id)] = []
            }
            let marks = databaseQuestionMarks(count: chunk.count)
            try read(db, articles: """
                SELECT id, status, published_at, section_id FROM article INDEXED BY article_search_visibility WHERE id IN (\(marks))
                """, sizes: "SELECT id, sz FROM article_search_docsize WHERE id IN (\(marks))",
                tags: "SELECT article_id, tag_id FROM article_tag WHERE article_id IN (\(marks))",
                authors: "SELECT article_id, author_id FROM article_author WHERE article_id IN (\(marks))",
                arguments: StatementArguments(Array(chunk)))
        }
    }

    private mutating func read(_ db: Database, articles: String, sizes: String, tags tagsSQL: String, authors authorsSQL: String,
                               arguments: StatementArguments) throws {
        let rows = try Row.fetchCursor(db, sql: articles, arguments: arguments)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            grow(to: id)
            let status: String = row[1]
            let time: Double? = row[2]
            entries[Int(id)].published = status == ArticleStatus.published.rawValue ? (time ?? .nan) : .nan
            entries[Int(id)].section = row[3]
            briefs[Int(id)] = Brief.pack(entries[Int(id)])
        }
        let sizeRows = try Row.fetchCursor(db, sql: sizes, arguments: arguments)
        while let row = try sizeRows.next() {
            let id: Int64 = row[0]
            grow(to: id)
            entries[Int(id)].length = try row.withUnsafeData(atIndex: 1, Self.totalLength)
            briefs[Int(id)] = Brief.pack(entries[Int(id)])
        }
        try appendPairs(db, sql: tagsSQL, arguments: arguments, to: \.tags)
        try appendPairs(db, sql: authorsSQL, arguments: arguments, to: \.authors)
    }

    /// Appends the second column of each row to the list of the article named in the first (tags, authors).
    private mutating func appendPairs(_ db: Database, sql: String, arguments: StatementArguments,
                                      to lists: WritableKeyPath<SearchDocuments, [[Int64]]>) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            grow(to: id)
            self[keyPath: lists][Int(id)].append(row[1])
        }
    }

    /// Facet counts of these articles by kind (`s` sections, `t` tags, `a` authors), as ids with counts.
    func facetCounts(_ ids: [Int64]) -> [String: [(Int64, Int)]] {
        var sections: [Int64: Int] = [:], tagCounts: [Int64: Int] = [:], authorCounts: [Int64: Int] = [:]
        for id in ids where id >= 0 && id < entries.count {
            let index = Int(id)
            sections[entries[index].section, default: 0] += 1
            for tag in tags[index] { tagCounts[tag, default: 0] += 1 }
            for author in authors[index] { authorCounts[author, default: 0] += 1 }
        }
        func pairs(_ counts: [Int64: Int]) -> [(Int64, Int)] { counts.map { ($0.key, $0.value) } }
        return ["s": pairs(sections), "t": pairs(tagCounts), "a": pairs(authorCounts)]
    }

    /// The sum of the per-field token counts in an FTS5 `%_docsize` record (SQLite varints, one per column).
    static func totalLength(_ record: Data?) -> Int32 {
        guard let record else { return 0 }
        var total: Int64 = 0, value: Int64 = 0, bytes = 0
        for byte in record {
            bytes += 1
            if bytes == 9 {
                value = (value << 8) | Int64(byte)
            } else {
                value = (value << 7) | Int64(byte & 0x7F)
                if byte & 0x80 != 0 { continue }
            }
            total += value; value = 0; bytes = 0
        }
        return Int32(clamping: total)
    }
}

extension SearchDocuments {
    /// An entry in four bytes: the day of publication and the length in tokens. The entries of every match are
    /// read in index order, which is scattered over memory: at 100k articles the entries take 2.4 MB and cost a
    /// cache miss per match (0.15 ms of a typical search), while the briefs take 400 KB and stay in a core's cache.
    /// Most matches are settled from the brief alone; the entry is read for one that may make the page.
    enum Brief {
        /// The day code of an indexed article that is not public.
        static let notPublic: UInt16 = 0
        /// The day code that sends a match to its entry: not indexed, or published outside the days coded.
        static let seeEntry: UInt16 = 0xFFFF
        /// The length of an article too long for 16 bits: see its entry.
        static let longer: UInt16 = 0xFFFF
        /// The day coded 1 (1900-01-01), in days since 1970; codes run to 2079.
        static let firstDay = -25_567

        static func pack(_ entry: Entry) -> UInt32 {
            let day: UInt16
            if entry.length < 0 {
                day = seeEntry
            } else if entry.published.isNaN {
                day = notPublic
            } else {
                let code = (entry.published / 86_400).rounded(.down) - Double(firstDay) + 1
                day = code >= 1 && code < Double(seeEntry) ? UInt16(code) : seeEntry
            }
            let length = entry.length >= 0 && entry.length < Int32(longer) ? UInt16(entry.length) : longer
            return UInt32(day) << 16 | UInt32(length)
        }

        @inline(__always) static func day(_ brief: UInt32) -> UInt16 { UInt16(truncatingIfNeeded: brief >> 16) }
        @inline(__always) static func length(_ brief: UInt32) -> UInt16 { UInt16(truncatingIfNeeded: brief) }

        /// The end (exclusive, seconds since 1970) of the day coded `day`: later than the publication time, which
        /// is at or after the day's start (the division that coded it rounds up, if anything).
        @inline(__always) static func dayEnd(_ day: UInt16) -> Double { Double(Int(day) + firstDay) * 86_400 }
    }
}

/// Hands each search a ``SearchDocuments`` brought up to its snapshot. Tables are reused (most recent first), so
/// a steady site keeps about one per concurrent search and pays a full load only for a new one.
final class SearchDocumentsPool: Sendable {
    private let idle = Mutex<[SearchDocuments]>([])
    /// Tables kept between searches. GRDB's pool runs at most 5 reads at once by default, so no more tables than
    /// that are ever in use, and none is dropped for want of room.
    static let idleLimit = 8

    /// Tables loaded and waiting for a search.
    var idleCount: Int { idle.withLock { $0.count } }

    /// Runs `body` with a table in step with `db`'s snapshot. `body` answers `nil` when the table turned out not to
    /// know a match (out of step with the index); the table is then loaded in full and `body` runs once more.
    /// - Returns: what `body` returned, `nil` when it could not run on a table in step.
    /// - Throws: GRDB's `DatabaseError`, or what `body` throws.
    func withDocuments<T>(_ db: Database, _ body: (SearchDocuments) throws -> T?) throws -> T? {
        var documents = idle.withLock { $0.popLast() } ?? SearchDocuments()
        try documents.sync(db) // on error the table, perhaps half updated, is dropped
        var result = try body(documents)
        if result == nil {
            documents = SearchDocuments()
            try documents.sync(db)
            result = try body(documents)
        }
        let table = documents
        idle.withLock { if $0.count < Self.idleLimit { $0.append(table) } }
        return result
    }
}

/// One search run through `byline_rank`: the request, the documents table, and the results collected while FTS5
/// walks the matches. SQLite gets a pointer to it for the statement's lifetime (see ``SearchRankFunction/run(_:match:state:)``).
struct RankState {
    let documents: SearchDocuments
    let ranking: SearchRanking
    let now: TimeInterval
    let weights: [Double]
    let section: Int64?
    let from: Double?
    let before: Double?
    /// Articles allowed by tag and author filters (`nil`: no such filter).
    let allowed: Set<Int64>?
    /// Whether matches may be settled from their briefs: by relevance, with no section or date filter (those need
    /// the entry).
    let briefly: Bool
    var top: TopMatches
    /// The ids of the public matches inside the filters, when facets are asked for.
    var matchedIDs: [Int64]?
    /// Matches the documents table did not know (it was out of step; the caller reloads it and searches again).
    var unknown = 0
    /// Every row the query matched, public or not.
    private var rows: Int64 = 0
    /// Indexed articles, for the IDF of a one-phrase query, computed at the end (``finish()``).
    private var indexed: Int64?
    private var bm25: BM25?
    private var frequencies: [Double] = []
    /// The page's worst score when ``pruneTime`` was worked out, and that time.
    private var pruneScore = Double.nan
    private var pruneTime = -Double.infinity

    init(documents: SearchDocuments, request: SearchRequest, allowed: Set<Int64>?) {
        self.documents = documents; self.ranking = request.ranking; self.now = request.now.timeIntervalSince1970
        self.weights = request.ranking.fieldWeights
        self.section = request.filters.section?.rawValue
        self.from = request.filters.publishedFrom?.timeIntervalSince1970
        self.before = request.filters.publishedBefore?.timeIntervalSince1970
        self.allowed = allowed
        self.briefly = request.sort == .relevance && section == nil && from == nil && before == nil
        self.top = TopMatches(count: request.page.offset + request.page.size, sort: request.sort)
        self.matchedIDs = request.includeFacets ? [] : nil
    }

    /// What ``score(_:_:)`` made of a match.
    enum Outcome { case counted, skipped, failed(CInt) }

    /// Scores the match FTS5 is on.
    mutating func score(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer) -> Outcome {
        rows += 1
        let id = api.pointee.xRowid(fts)
        if briefly, id >= 0, id < documents.briefs.count, let outcome = scoreBriefly(api, fts, id: id) { return outcome }
        guard documents.knows(id) else { unknown += 1; return .skipped }
        let entry = documents.entries[Int(id)]
        let time = entry.published
        guard time <= now else { return .skipped } // NaN (not published) fails too
        if let section, entry.section != section { return .skipped }
        if let from, time < from { return .skipped }
        if let before, time >= before { return .skipped }
        if let allowed, !allowed.contains(id) { return .skipped }
        matchedIDs?.append(id)
        guard top.admits(id: id, time: time) else { return .counted }

        if bm25 == nil {
            if let code = prepare(api, fts) { return .failed(code) }
        }
        guard let bm25 else { return .counted }
        if top.sort == .relevance, let worst = top.worstScore {
            // The page is full: anything older than the time at which even BM25's ceiling falls below the page's
            // worst score is counted without another look (one comparison; the time moves only when the page does).
            if time < pruneBefore(worst: worst, bm25: bm25) { return .counted }
        }
        let factor = ranking.recencyFactor(age: now - time)
        // No match is more relevant than BM25's ceiling: one whose best possible score is below the page's worst is
        // counted without reading its hits. Most matches of a common word in an archive are old enough for this.
        guard top.admits(relevance: bm25.maxRelevance * factor) else { return .counted }
        if let code = countFrequencies(api, fts) { return .failed(code) }
        let relevance = frequencies.withUnsafeBufferPointer {
            bm25.relevance(frequencies: $0, length: Double(entry.length))
        }
        guard top.admits(relevance: relevance) else { return .counted }
        top.consider(ScoredMatch(id: id, score: relevance * factor), relevance: relevance, publishedAt: time)
        return .counted
    }

    /// Scores a match from its brief (see ``SearchDocuments/Brief``) with the outcome the full path would give. A
    /// match not public is skipped; one published on a day that ended before `now` counts. The end of its day is
    /// later than its publication time, so the recency factor there is at least its own: a match whose score stays
    /// under the page's worst even at the end of its day cannot make the page, and its entry is never read.
    /// `nil`: the brief does not settle it (published today or outside the days coded, or too long), and the full
    /// path decides.
    private mutating func scoreBriefly(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, id: Int64) -> Outcome? {
        let brief = documents.briefs[Int(id)]
        let day = SearchDocuments.Brief.day(brief)
        if day == SearchDocuments.Brief.notPublic { return .skipped }
        let length = SearchDocuments.Brief.length(brief)
        guard day != SearchDocuments.Brief.seeEntry, length != SearchDocuments.Brief.longer else { return nil }
        let dayEnd = SearchDocuments.Brief.dayEnd(day)
        guard dayEnd <= now else { return nil }
        if let allowed, !allowed.contains(id) { return .skipped }
        matchedIDs?.append(id)
        guard top.count > 0 else { return .counted }
        if bm25 == nil {
            if let code = prepare(api, fts) { return .failed(code) }
        }
        guard let bm25 else { return .counted }
        let worst = top.worstScore
        if let worst, dayEnd <= pruneBefore(worst: worst, bm25: bm25) { return .counted }
        if let code = countFrequencies(api, fts) { return .failed(code) }
        let relevance = frequencies.withUnsafeBufferPointer { bm25.relevance(frequencies: $0, length: Double(length)) }
        guard top.admits(relevance: relevance) else { return .counted }
        // The factor at the day's end is at least the factor at the publication time (a hair of margin for rounding).
        if let worst, relevance * ranking.recencyFactor(age: now - dayEnd) * (1 + 1e-9) < worst { return .counted }
        let time = documents.entries[Int(id)].published
        top.consider(ScoredMatch(id: id, score: relevance * ranking.recencyFactor(age: now - time)), relevance: relevance, publishedAt: time)
        return .counted
    }

    /// The time before which a match cannot reach `worst` even at BM25's ceiling (worked out again only when the
    /// page's worst score has changed).
    private mutating func pruneBefore(worst: Double, bm25: BM25) -> Double {
        if worst != pruneScore {
            pruneScore = worst
            pruneTime = ranking.earliestTime(reaching: worst, ceiling: bm25.maxRelevance, now: now)
        }
        return pruneTime
    }

    /// Fills ``frequencies``: each phrase's hits in the row, weighted by their column's weight, as `bm25()` adds them.
    /// FTS5 lists a row's hits in position order (column, then offset), so the body's hits are one run: it is found
    /// by binary search and, for a one-phrase query, counted without visiting each hit. A common word has dozens of
    /// hits in a body and a handful elsewhere. (Weights are whole numbers by default, so the sums are exact in any
    /// order; ``SearchScoringTests`` holds the scores to `bm25()`'s.)
    private mutating func countFrequencies(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer) -> CInt? {
        var count: CInt = 0
        var code = api.pointee.xInstCount(fts, &count)
        guard code == SQLITE_OK else { return code }
        var phrase: CInt = 0, column: CInt = 0, offset: CInt = 0
        // The body's run of hits: [bodyStart, bodyEnd).
        var bodyStart: CInt = 0, bodyEnd: CInt = count
        for (limit, isStart) in [(Self.bodyColumn - 1, true), (Self.bodyColumn, false)] {
            var low = isStart ? 0 : bodyStart, high = count
            while low < high {
                let middle = low + (high - low) / 2
                code = api.pointee.xInst(fts, middle, &phrase, &column, &offset)
                guard code == SQLITE_OK else { return code }
                if column > limit { high = middle } else { low = middle + 1 }
            }
            if isStart { bodyStart = low } else { bodyEnd = low }
        }
        for i in frequencies.indices { frequencies[i] = 0 }
        let phrases = frequencies.count
        var i: CInt = 0
        while i < count {
            if i == bodyStart, bodyEnd > bodyStart, phrases == 1 {
                frequencies[0] += Double(bodyEnd - bodyStart) * weights[Int(Self.bodyColumn)]
                i = bodyEnd
                continue
            }
            code = api.pointee.xInst(fts, i, &phrase, &column, &offset)
            guard code == SQLITE_OK else { return code }
            if Int(phrase) < phrases {
                frequencies[Int(phrase)] += Int(column) < weights.count ? weights[Int(column)] : 1.0
            }
            i += 1
        }
        return nil
    }

    /// The body's column in the index (``SearchIndexSchema``: headline, dek, body, tags, authors, entity names).
    static let bodyColumn: CInt = 2

    /// Applies a one-phrase query's IDF, now known: the rows matched are the rows that hold the phrase. The IDF
    /// multiplies every relevance alike, so the order stands; scores come out as FTS5 computes them.
    mutating func finish() {
        guard let indexed else { return }
        let idf = BM25.idf(articles: indexed, phraseMatches: rows)
        top.rescore { relevance, time in ranking.score(relevance: idf * relevance, age: now - time) }
    }

    /// Reads what BM25 needs once per search: rows and tokens in the index, and how many rows hold each phrase.
    private mutating func prepare(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer) -> CInt? {
        var articles: Int64 = 0, tokens: Int64 = 0
        var code = api.pointee.xRowCount(fts, &articles)
        if code == SQLITE_OK { code = api.pointee.xColumnTotalSize(fts, -1, &tokens) }
        guard code == SQLITE_OK else { return code }
        let phrases = Int(api.pointee.xPhraseCount(fts))
        if phrases == 1 {
            // Its IDF needs the rows holding the phrase: exactly the rows this query walks. Counting them on the way
            // saves the second walk that xQueryPhrase would make.
            bm25 = BM25(articles: max(articles, 1), tokens: tokens, phrases: 1)
            indexed = max(articles, 1)
            frequencies = [0]
            return nil
        }
        var hits: [Int64] = []
        for phrase in 0..<phrases {
            var count: Int64 = 0
            code = api.pointee.xQueryPhrase(fts, CInt(phrase), &count, countPhraseRow)
            guard code == SQLITE_OK else { return code }
            hits.append(count)
        }
        bm25 = BM25(articles: max(articles, 1), tokens: tokens, phraseMatches: hits)
        frequencies = Array(repeating: 0, count: phrases)
        return nil
    }
}

/// `xQueryPhrase` callback: counts the rows that hold a phrase.
private func countPhraseRow(_ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ count: UnsafeMutableRawPointer?) -> CInt {
    count?.assumingMemoryBound(to: Int64.self).pointee += 1
    return SQLITE_OK
}

/// The FTS5 auxiliary function `byline_rank(article_search, session)`: 1 when the match counts, else 0.
private func rankFunction(_ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ context: OpaquePointer?,
                          _ argumentCount: CInt, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let api, let fts, argumentCount == 1, let arguments,
          let raw = sqlite3_value_pointer(arguments[0], SearchRankFunction.pointerType) else {
        sqlite3_result_error(context, "byline_rank needs a search session", -1)
        return
    }
    switch raw.assumingMemoryBound(to: RankState.self).pointee.score(api, fts) {
    case .counted: sqlite3_result_int(context, 1)
    case .skipped: sqlite3_result_int(context, 0)
    case .failed(let code): sqlite3_result_error_code(context, code)
    }
}

/// Registers `byline_rank` on a connection and runs a ranked search with it.
enum SearchRankFunction {
    /// The pointer type `byline_rank` accepts (SQLite's pointer-passing interface: SQL text cannot forge one).
    static var pointerType: UnsafePointer<CChar> { UnsafeRawPointer(pointerTypeName.utf8Start).assumingMemoryBound(to: CChar.self) }
    private static let pointerTypeName: StaticString = "byline_rank_session"

    /// Adds `byline_rank` to the connection's FTS5 (every connection calls this when it opens).
    /// - Throws: `DatabaseError` when FTS5 refuses the function.
    static func register(_ db: Database) throws {
        let api = FTS5.api(db)
        let code = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), "byline_rank", nil, rankFunction, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register byline_rank")
        }
    }

    /// Runs `state` over every match of `match`; returns the number of matches that count.
    /// - Throws: `DatabaseError` from SQLite.
    static func run(_ db: Database, match: String, state: inout RankState) throws -> Int {
        // Bound and stepped by hand: GRDB has no way to bind a pointer.
        try RawStatement.with(db, sql: "SELECT count(*) FROM article_search WHERE article_search MATCH ?1 AND byline_rank(article_search, ?2)") { statement in
            try statement.check(sqlite3_bind_text(statement.handle, 1, match, -1,
                                                  unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)))
            return try withUnsafeMutablePointer(to: &state) { pointer in
                try statement.check(sqlite3_bind_pointer(statement.handle, 2, UnsafeMutableRawPointer(pointer), pointerType, nil))
                let code = sqlite3_step(statement.handle)
                guard code == SQLITE_ROW else { throw statement.error(code) }
                return Int(sqlite3_column_int64(statement.handle, 0))
            }
        }
    }
}
