import Foundation
import BylineCore

/// What the related-articles engine knows about one published article.
public struct RelatedDocument: Hashable, Sendable, Codable {
    /// The article.
    public var id: ArticleID
    /// Its section.
    public var sectionID: SectionID
    /// The section's display name, for reasons ("More in World").
    public var sectionName: String
    /// When it was published; recency is measured from the anchor's date.
    public var publishedAt: Date
    /// The headline, returned with each pick so a block can render without another lookup.
    public var headline: String
    /// Plain text to match on: headline, dek and body.
    public var text: String
    /// Entity ids (or normalised names) found in the article, e.g. by the entity linker.
    public var entities: [String]
    /// Display names by entity id, for reasons ("Also about Kazakhstan"); ids without one show as themselves.
    public var entityNames: [String: String]

    /// Makes a document.
    public init(id: ArticleID, sectionID: SectionID, sectionName: String, publishedAt: Date, headline: String,
                text: String, entities: [String] = [], entityNames: [String: String] = [:]) {
        self.id = id; self.sectionID = sectionID; self.sectionName = sectionName; self.publishedAt = publishedAt
        self.headline = headline; self.text = text; self.entities = entities; self.entityNames = entityNames
    }
}

/// Why an article was picked; ``text`` is the line readers see.
public enum RelatedReason: Hashable, Sendable, Codable {
    /// An editor pinned it.
    case editorsPick
    /// It shares these entities (display names, rarest first) with the anchor.
    case sharedEntities([String])
    /// It is about the same thing and in the same section.
    case sameSection(String)
    /// It is about the same thing, in another section.
    case similarStory
    /// Fallback: among the newest in the anchor's section.
    case latestInSection(String)
    /// Fallback: among the newest overall.
    case latest

    /// The reason as a short line of English.
    public var text: String {
        switch self {
        case .editorsPick: return "Editor's pick"
        case .sharedEntities(let names):
            switch names.count {
            case 0: return "Related story"
            case 1: return "Also about \(names[0])"
            default: return "Also about \(names.dropLast().joined(separator: ", ")) and \(names[names.count - 1])"
            }
        case .sameSection(let name): return "More in \(name)"
        case .similarStory: return "Related story"
        case .latestInSection(let name): return "Latest in \(name)"
        case .latest: return "Latest news"
        }
    }
}

/// One related article with its score and reason.
public struct RelatedPick: Hashable, Sendable {
    /// The picked article.
    public var id: ArticleID
    /// Its headline.
    public var headline: String
    /// The blended score (0 for pins and fallbacks); higher is more related.
    public var score: Double
    /// Why it was picked.
    public var reason: RelatedReason

    /// Makes a pick.
    public init(id: ArticleID, headline: String, score: Double, reason: RelatedReason) {
        self.id = id; self.headline = headline; self.score = score; self.reason = reason
    }
}

/// What a page asks of the related engine for one anchor article.
public struct RelatedRequest: Hashable, Sendable {
    /// How many picks the block shows.
    public var limit: Int
    /// Editor pins, shown first and in this order (unknown or ineligible ids are skipped).
    public var pinned: [ArticleID]
    /// Editor exclusions: never shown for this anchor.
    public var excluded: Set<ArticleID>
    /// Articles already on the page (other blocks, the lead story): page-wide dedup.
    public var alreadyShown: Set<ArticleID>
    /// When set, articles published after this instant (scheduled ones) are never picked.
    public var publishedBefore: Date?

    /// Makes a request.
    public init(limit: Int = 5, pinned: [ArticleID] = [], excluded: Set<ArticleID> = [],
                alreadyShown: Set<ArticleID> = [], publishedBefore: Date? = nil) {
        self.limit = max(0, limit); self.pinned = pinned; self.excluded = excluded
        self.alreadyShown = alreadyShown; self.publishedBefore = publishedBefore
    }
}

/// The weights and limits of related-article scoring.
public struct RelatedConfiguration: Hashable, Sendable {
    /// BM25 term-frequency saturation.
    public var k1: Double = 1.2
    /// BM25 length normalisation.
    public var b: Double = 0.75
    /// Only the anchor's most distinctive terms are matched ("more like this"); keeps queries fast.
    public var maxQueryTerms: Int = 64
    /// At most this many postings are read per query: the most distinctive terms go first, so on a
    /// large store common terms are skipped rather than letting latency grow with the store.
    public var maxPostings: Int = 150_000
    /// Weight of text similarity (0...1, relative to the anchor matching itself).
    public var textWeight: Double = 1.0
    /// Weight of shared entities (share of the anchor's entity rarity mass).
    public var entityWeight: Double = 0.6
    /// Added for candidates in the anchor's section that match on text or entities.
    public var sectionBonus: Double = 0.1
    /// Half-life of the recency decay, measured from the anchor's publication date either way.
    public var recencyHalfLife: TimeInterval = 30 * 86_400
    /// The share of a score that remains however old a candidate is.
    public var recencyFloor: Double = 0.5
    /// Estimated shingle Jaccard at or above which a candidate counts as a near-duplicate.
    public var duplicateThreshold: Double = 0.5
    /// How many top-scored candidates the diversity pass considers.
    public var candidatePool: Int = 60

    /// The defaults, tuned for news.
    public init() {}
}

/// An incremental index over published articles' terms and entities that finds related articles.
///
/// A value type: keep one in an actor (or behind a lock) and call ``add(_:)``/``remove(_:)`` as
/// articles are published, edited or unpublished; reads are pure and safe to run concurrently on a copy.
/// Queries cost a few posting lists of the anchor's most distinctive terms, not a scan.
public struct RelatedIndex: Sendable {
    struct Posting: Sendable {
        var slot: Int32
        var tf: UInt16
    }

    struct Entry: Sendable {
        var document: RelatedDocumentHeader
        var terms: [Int32]
        var frequencies: [UInt16]
        var length: Int
        var entities: [Int32]
        var sketch: ShingleSketch
    }

    /// What a pick needs of a document besides its index data.
    struct RelatedDocumentHeader: Sendable {
        var id: ArticleID
        var sectionID: SectionID
        var sectionName: String
        var publishedAt: Double
        var headline: String
    }

    /// The scoring weights.
    public var configuration: RelatedConfiguration
    private(set) var vocabulary: TermVocabulary
    private var postings: [[Posting]] = []
    private var entityIDs: [String: Int32] = [:]
    private var entityDisplayNames: [String] = []
    private var entityPostings: [[Int32]] = []
    private var entries: [Entry?] = []
    private var lengths: [Float] = []
    private var slots: [ArticleID: Int32] = [:]
    private var freeSlots: [Int32] = []
    private var totalLength = 0

    /// Makes an empty index.
    public init(configuration: RelatedConfiguration = RelatedConfiguration(), analyzer: TermAnalyzer = TermAnalyzer()) {
        self.configuration = configuration
        self.vocabulary = TermVocabulary(analyzer: analyzer)
    }

    /// The number of indexed articles.
    public var count: Int { slots.count }

    /// Whether `id` is indexed.
    public func contains(_ id: ArticleID) -> Bool { slots[id] != nil }

    /// Section and publication date of an indexed article (the recommender uses these).
    public func metadata(of id: ArticleID) -> (sectionID: SectionID, publishedAt: Date)? {
        guard let slot = slots[id], let entry = entries[Int(slot)] else { return nil }
        return (entry.document.sectionID, Date(timeIntervalSince1970: entry.document.publishedAt))
    }

    /// Indexes `document`, replacing what was indexed under its id; only the postings of this
    /// document change.
    public mutating func add(_ document: RelatedDocument) {
        remove(document.id)
        let analyzed = vocabulary.analyze(document.text)
        var counts: [Int32: Int] = [:]
        for t in analyzed.terms { counts[t, default: 0] += 1 }
        let terms = counts.keys.sorted()
        let frequencies = terms.map { UInt16(clamping: counts[$0] ?? 0) }
        var entityList: [Int32] = []
        for raw in document.entities {
            let key = raw.lowercased()
            let id: Int32
            if let known = entityIDs[key] {
                id = known
                if let name = document.entityNames[raw] { entityDisplayNames[Int(known)] = name }
            } else {
                id = Int32(entityPostings.count)
                entityIDs[key] = id
                entityPostings.append([])
                entityDisplayNames.append(document.entityNames[raw] ?? raw)
            }
            if !entityList.contains(id) { entityList.append(id) }
        }
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
        } else {
            slot = Int32(entries.count)
            entries.append(nil)
            lengths.append(0)
        }
        let header = RelatedDocumentHeader(id: document.id, sectionID: document.sectionID, sectionName: document.sectionName,
                                           publishedAt: document.publishedAt.timeIntervalSince1970, headline: document.headline)
        entries[Int(slot)] = Entry(document: header, terms: terms, frequencies: frequencies, length: analyzed.terms.count,
                                   entities: entityList, sketch: ShingleSketch(wordHashes: analyzed.wordHashes))
        lengths[Int(slot)] = Float(analyzed.terms.count)
        totalLength += analyzed.terms.count
        if postings.count < vocabulary.count { postings.append(contentsOf: repeatElement([], count: vocabulary.count - postings.count)) }
        for (t, f) in zip(terms, frequencies) { postings[Int(t)].append(Posting(slot: slot, tf: f)) }
        for e in entityList { entityPostings[Int(e)].append(slot) }
        slots[document.id] = slot
    }

    /// Re-indexes an edited article; the same as ``add(_:)``.
    public mutating func update(_ document: RelatedDocument) { add(document) }

    /// Removes an article (unpublished or deleted); returns whether it was indexed.
    @discardableResult
    public mutating func remove(_ id: ArticleID) -> Bool {
        guard let slot = slots.removeValue(forKey: id), let entry = entries[Int(slot)] else { return false }
        for t in entry.terms { postings[Int(t)].removeAll { $0.slot == slot } }
        for e in entry.entities { entityPostings[Int(e)].removeAll { $0 == slot } }
        totalLength -= entry.length
        entries[Int(slot)] = nil
        lengths[Int(slot)] = 0
        freeSlots.append(slot)
        return true
    }

    // MARK: Queries

    /// The anchor of a query as index data.
    struct Anchor {
        var slot: Int32?
        var sectionID: SectionID?
        var sectionName: String?
        var publishedAt: Double?
        var terms: [Int32]
        var frequencies: [UInt16]
        var length: Int
        var entities: [Int32]
        var sketch: ShingleSketch?
    }

    /// Related articles for an indexed article; when `anchor` is not indexed the block still fills
    /// with the latest articles.
    public func related(to anchor: ArticleID, _ request: RelatedRequest = RelatedRequest()) -> [RelatedPick] {
        guard let slot = slots[anchor], let entry = entries[Int(slot)] else {
            return pick(for: Anchor(slot: nil, terms: [], frequencies: [], length: 0, entities: []),
                        request, excludingID: anchor)
        }
        let a = Anchor(slot: slot, sectionID: entry.document.sectionID, sectionName: entry.document.sectionName,
                       publishedAt: entry.document.publishedAt, terms: entry.terms, frequencies: entry.frequencies,
                       length: entry.length, entities: entry.entities, sketch: entry.sketch)
        return pick(for: a, request, excludingID: anchor)
    }

    /// Related articles for a document that need not be indexed (a draft being previewed).
    public func related(toDocument document: RelatedDocument, _ request: RelatedRequest = RelatedRequest()) -> [RelatedPick] {
        let analyzed = vocabulary.analyzeExisting(document.text)
        var counts: [Int32: Int] = [:]
        for t in analyzed.terms { counts[t, default: 0] += 1 }
        let terms = counts.keys.sorted()
        let entities = document.entities.compactMap { entityIDs[$0.lowercased()] }
        let a = Anchor(slot: slots[document.id], sectionID: document.sectionID, sectionName: document.sectionName,
                       publishedAt: document.publishedAt.timeIntervalSince1970, terms: terms,
                       frequencies: terms.map { UInt16(clamping: counts[$0] ?? 0) }, length: analyzed.terms.count,
                       entities: Array(Set(entities)), sketch: ShingleSketch(wordHashes: analyzed.wordHashes))
        return pick(for: a, request, excludingID: document.id)
    }

    /// Text similarity (0...1) of indexed articles to a weighted set of indexed articles, best first:
    /// the content part of personal recommendations ("more like what you read").
    public func similar(to anchors: [(id: ArticleID, weight: Double)], limit: Int, maxQueryTerms: Int? = nil) -> [(id: ArticleID, similarity: Double)] {
        var query: [Int32: Double] = [:]
        var anchorSlots = Set<Int32>()
        let cap = maxQueryTerms ?? configuration.maxQueryTerms
        for (id, weight) in anchors {
            guard let slot = slots[id], let entry = entries[Int(slot)] else { continue }
            anchorSlots.insert(slot)
            for (t, w) in queryTerms(terms: entry.terms, frequencies: entry.frequencies, length: entry.length, cap: cap) {
                query[t, default: 0] += w * weight
            }
        }
        let selected = query.sorted { $0.value > $1.value }.prefix(cap)  // highest weight first
        let selfScore = selected.reduce(0) { $0 + $1.value * $1.value }
        guard selfScore > 0 else { return [] }
        var acc = [Float](repeating: 0, count: entries.count)
        var touched: [Int32] = []
        accumulate(selected.map { ($0.key, $0.value) }, into: &acc, touched: &touched)
        var top = TopK<Int32>(capacity: limit)
        for s in touched where !anchorSlots.contains(s) { top.insert(Double(acc[Int(s)]), s) }
        return top.sorted().compactMap { (score, s) in
            entries[Int(s)].map { ($0.document.id, min(1, score / selfScore)) }
        }
    }

    private var averageLength: Double { slots.isEmpty ? 1 : max(1, Double(totalLength) / Double(slots.count)) }

    private func idf(documentFrequency df: Int) -> Double {
        let n = Double(slots.count)
        return log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// The anchor's terms with query weights (idf × saturated tf), most distinctive first, at most `cap`.
    private func queryTerms(terms: [Int32], frequencies: [UInt16], length: Int, cap: Int) -> [(Int32, Double)] {
        let k1 = configuration.k1, b = configuration.b
        let norm = k1 * (1 - b + b * Double(length) / averageLength)
        var weighted: [(Int32, Double)] = []
        weighted.reserveCapacity(terms.count)
        for (t, f) in zip(terms, frequencies) {
            guard Int(t) < postings.count else { continue }
            let df = postings[Int(t)].count
            guard df > 0 else { continue }
            let tf = Double(f)
            weighted.append((t, idf(documentFrequency: df) * tf * (k1 + 1) / (tf + norm)))
        }
        weighted.sort { $0.1 > $1.1 }
        if weighted.count > cap { weighted.removeSubrange(cap...) }
        return weighted
    }

    /// Adds each query term's BM25 contribution to every document that has it, most distinctive
    /// term first, until ``RelatedConfiguration/maxPostings`` postings have been read (the first
    /// term is always read). `query` must be sorted by weight, highest first.
    private func accumulate(_ query: [(Int32, Double)], into acc: inout [Float], touched: inout [Int32]) {
        let k1 = Float(configuration.k1), b = Float(configuration.b)
        let avg = Float(averageLength)
        let base = k1 * (1 - b), perLength = k1 * b / avg
        var budget = configuration.maxPostings
        lengths.withUnsafeBufferPointer { lengths in
            acc.withUnsafeMutableBufferPointer { acc in
                for (n, (t, w)) in query.enumerated() {
                    let list = postings[Int(t)]
                    if n > 0 && list.count > budget { continue }
                    budget -= list.count
                    let weight = Float(w * idf(documentFrequency: list.count)) * (k1 + 1)
                    list.withUnsafeBufferPointer { list in
                        for p in list {
                            let s = Int(p.slot)
                            let tf = Float(p.tf)
                            if acc[s] == 0 { touched.append(p.slot) }
                            acc[s] += weight * tf / (tf + base + perLength * lengths[s])
                        }
                    }
                }
            }
        }
    }

    /// The picks for one anchor, in five stages: editor pins; scored candidates; a greedy, diverse selection from
    /// them; the latest stories as fallbacks; and, when all that found nothing, a near-duplicate or the newest story.
    private func pick(for anchor: Anchor, _ request: RelatedRequest, excludingID anchorID: ArticleID) -> [RelatedPick] {
        guard request.limit > 0 else { return [] }
        var selection = PickSelection(request: request, anchorID: anchorID)
        takePins(into: &selection)
        if selection.isFull { return selection.picks }
        let pool = scoredCandidates(for: anchor, selection: selection)
        var nearDuplicates = selectDiverse(from: pool, anchor: anchor, into: &selection)
        if selection.isFull { return selection.picks }
        fillWithLatest(anchor: anchor, into: &selection, nearDuplicates: &nearDuplicates)
        if selection.picks.isEmpty { takeLastResort(anchor: anchor, nearDuplicates: nearDuplicates, into: &selection) }
        return selection.picks
    }

    /// The picks made so far for one request, and which articles the request still allows.
    private struct PickSelection {
        let request: RelatedRequest
        /// Scheduled stories (published after this, in seconds since 1970) are never picked.
        let cutoff: Double?
        private(set) var picks: [RelatedPick] = []
        /// The slots of ``picks``, in order.
        private(set) var pickedSlots: [Int32] = []
        /// The anchor and every pick: never picked (again).
        private(set) var pickedIDs: Set<ArticleID>

        init(request: RelatedRequest, anchorID: ArticleID) {
            self.request = request
            self.cutoff = request.publishedBefore?.timeIntervalSince1970
            self.pickedIDs = [anchorID]
        }

        var isFull: Bool { picks.count >= request.limit }

        /// Not picked yet, not excluded or already on the page, not scheduled.
        func allows(_ entry: Entry) -> Bool {
            let id = entry.document.id
            if pickedIDs.contains(id) || request.excluded.contains(id) || request.alreadyShown.contains(id) { return false }
            if let cutoff, entry.document.publishedAt > cutoff { return false }
            return true
        }

        mutating func add(_ slot: Int32, _ entry: Entry, score: Double, reason: RelatedReason) {
            picks.append(RelatedPick(id: entry.document.id, headline: entry.document.headline, score: score, reason: reason))
            pickedSlots.append(slot)
            pickedIDs.insert(entry.document.id)
        }
    }

    /// A candidate's slot with its score (blended, or 0 for a fallback).
    private struct ScoredSlot {
        var score: Double
        var slot: Int32
    }

    /// A scored candidate in the diversity pass, with its highest estimated overlap with the anchor or a pick.
    private struct PoolCandidate {
        var score: Double
        var slot: Int32
        var overlap: Double
    }

    /// Adds the article in `slot` to the picks; nothing when the slot is empty.
    private func take(_ slot: Int32, score: Double, reason: RelatedReason, into selection: inout PickSelection) {
        guard let entry = entries[Int(slot)] else { return }
        selection.add(slot, entry, score: score, reason: reason)
    }

    /// Stage 1: editor pins, in order.
    private func takePins(into selection: inout PickSelection) {
        for id in selection.request.pinned where !selection.isFull {
            guard let slot = slots[id], let entry = entries[Int(slot)], selection.allows(entry) else { continue }
            take(slot, score: 0, reason: .editorsPick, into: &selection)
        }
    }

    /// Stage 2: every article sharing a term or an entity with the anchor, scored on text (BM25, relative to the
    /// anchor matching itself), shared entities (share of the anchor's rarity mass), section and recency; the best
    /// ``RelatedConfiguration/candidatePool`` (at least three per pick), best first.
    private func scoredCandidates(for anchor: Anchor, selection: PickSelection) -> [(Double, Int32)] {
        var textScores = [Float](repeating: 0, count: entries.count)
        var entityScores = [Float](repeating: 0, count: entries.count)
        var candidates: [Int32] = []
        let query = queryTerms(terms: anchor.terms, frequencies: anchor.frequencies, length: anchor.length,
                               cap: configuration.maxQueryTerms)
        let anchorSelfScore = query.reduce(0) { $0 + $1.1 * $1.1 }
        if anchorSelfScore > 0 { accumulate(query, into: &textScores, touched: &candidates) }
        var anchorEntityMass = 0.0
        for entity in anchor.entities {
            let list = entityPostings[Int(entity)]
            guard !list.isEmpty else { continue }
            let rarity = idf(documentFrequency: list.count)
            anchorEntityMass += rarity
            for slot in list {
                if textScores[Int(slot)] == 0 && entityScores[Int(slot)] == 0 { candidates.append(slot) }
                entityScores[Int(slot)] += Float(rarity)
            }
        }
        let weights = configuration
        let ln2 = log(2.0)
        var top = TopK<Int32>(capacity: max(weights.candidatePool, selection.request.limit * 3))
        let sectionBonus = weights.sectionBonus
        for slot in candidates where slot != anchor.slot {
            let text = anchorSelfScore > 0 ? min(1, Double(textScores[Int(slot)]) / anchorSelfScore) : 0
            let shared = anchorEntityMass > 0 ? Double(entityScores[Int(slot)]) / anchorEntityMass : 0
            var score = weights.textWeight * text + weights.entityWeight * shared
            // Recency only lowers a score: skip what cannot enter the pool even with the bonus.
            if score + max(0, sectionBonus) <= top.threshold { continue }
            guard let entry = entries[Int(slot)], selection.allows(entry) else { continue }
            if let section = anchor.sectionID, entry.document.sectionID == section { score += sectionBonus }
            if let date = anchor.publishedAt {
                let days = abs(entry.document.publishedAt - date)
                score *= weights.recencyFloor + (1 - weights.recencyFloor) * exp(-ln2 * days / weights.recencyHalfLife)
            }
            top.insert(score, slot)
        }
        return top.sorted()
    }

    /// Stage 3: greedy selection from `pool` (best first), each score lowered by its overlap with the anchor and
    /// the picks so far. Returns the near-duplicates it set aside, for stage 5.
    private func selectDiverse(from pool: [(Double, Int32)], anchor: Anchor, into selection: inout PickSelection) -> [ScoredSlot] {
        let duplicateThreshold = configuration.duplicateThreshold
        var remaining = pool.map { PoolCandidate(score: $0.0, slot: $0.1, overlap: 0) }
        if let sketch = anchor.sketch {
            for i in remaining.indices {
                remaining[i].overlap = entries[Int(remaining[i].slot)].map { sketch.estimatedJaccard($0.sketch) } ?? 0
            }
        }
        var nearDuplicates: [ScoredSlot] = []
        while !selection.isFull && !remaining.isEmpty {
            var bestIndex = -1
            var bestAdjustedScore = -Double.infinity
            var i = 0
            while i < remaining.count {
                if remaining[i].overlap >= duplicateThreshold {
                    nearDuplicates.append(ScoredSlot(score: remaining[i].score, slot: remaining[i].slot))
                    remaining.remove(at: i)
                    continue
                }
                let adjusted = remaining[i].score * (1 - remaining[i].overlap)
                if adjusted > bestAdjustedScore { bestAdjustedScore = adjusted; bestIndex = i }
                i += 1
            }
            guard bestIndex >= 0 else { break }
            let chosen = remaining.remove(at: bestIndex)
            take(chosen.slot, score: bestAdjustedScore, reason: reason(for: chosen.slot, anchor: anchor), into: &selection)
            if let sketch = entries[Int(chosen.slot)]?.sketch {
                for j in remaining.indices {
                    guard let other = entries[Int(remaining[j].slot)] else { continue }
                    remaining[j].overlap = max(remaining[j].overlap, sketch.estimatedJaccard(other.sketch))
                }
            }
        }
        return nearDuplicates
    }

    /// Stage 4: the latest stories in the anchor's section, then the latest overall, still skipping near-duplicates
    /// of the anchor and the picks (those are added to `nearDuplicates`).
    private func fillWithLatest(anchor: Anchor, into selection: inout PickSelection, nearDuplicates: inout [ScoredSlot]) {
        let count = selection.request.limit * 4 + 8
        var shownSketches = [anchor.sketch].compactMap { $0 } + selection.pickedSlots.compactMap { entries[Int($0)]?.sketch }
        func fill(from latestSlots: [Int32], reason: RelatedReason) {
            for slot in latestSlots {
                guard !selection.isFull, let entry = entries[Int(slot)], selection.allows(entry) else { continue }
                if shownSketches.contains(where: { $0.estimatedJaccard(entry.sketch) >= configuration.duplicateThreshold }) {
                    nearDuplicates.append(ScoredSlot(score: 0, slot: slot))
                    continue
                }
                take(slot, score: 0, reason: reason, into: &selection)
                shownSketches.append(entry.sketch)
            }
        }
        if let section = anchor.sectionID, let name = anchor.sectionName {
            let inSection = latest(count: count, where: { $0.document.sectionID == section && selection.allows($0) })
            fill(from: inSection, reason: .latestInSection(name))
        }
        if !selection.isFull {
            fill(from: latest(count: count, where: { selection.allows($0) }), reason: .latest)
        }
    }

    /// Stage 5, when nothing else was picked: never empty while another eligible article exists, so the first
    /// near-duplicate set aside, else the newest story.
    private func takeLastResort(anchor: Anchor, nearDuplicates: [ScoredSlot], into selection: inout PickSelection) {
        if let first = nearDuplicates.first(where: { entries[Int($0.slot)].map(selection.allows) ?? false }) {
            take(first.slot, score: first.score, reason: reason(for: first.slot, anchor: anchor), into: &selection)
        } else if let slot = latest(count: 1, where: { selection.allows($0) }).first {
            take(slot, score: 0, reason: .latest, into: &selection)
        }
    }

    /// The reason shown for a scored pick: shared entities (rarest first), else the section, else "related".
    private func reason(for slot: Int32, anchor: Anchor) -> RelatedReason {
        guard let entry = entries[Int(slot)] else { return .similarStory }
        let shared = anchor.entities.filter { entry.entities.contains($0) }
        if !shared.isEmpty {
            let names = shared
                .sorted { entityPostings[Int($0)].count < entityPostings[Int($1)].count }
                .prefix(2)
                .map { entityDisplayNames[Int($0)] }
            return .sharedEntities(Array(names))
        }
        if let section = anchor.sectionID, entry.document.sectionID == section {
            return .sameSection(entry.document.sectionName)
        }
        return .similarStory
    }

    /// Slots of the newest indexed articles passing `filter`, newest first.
    private func latest(count: Int, where filter: (Entry) -> Bool) -> [Int32] {
        var top = TopK<Int32>(capacity: count)
        for (i, entry) in entries.enumerated() {
            guard let entry, filter(entry) else { continue }
            top.insert(entry.document.publishedAt, Int32(i))
        }
        return top.sorted().map(\.1)
    }
}

/// Keeps the `capacity` highest-scored items seen (a binary min-heap); among equal scores the
/// earlier item stays.
struct TopK<Item> {
    private(set) var items: [(Double, Item)] = []
    let capacity: Int

    init(capacity: Int) { self.capacity = max(0, capacity); items.reserveCapacity(self.capacity) }

    /// The lowest kept score, or `-infinity` while there is room.
    var threshold: Double { items.count < capacity ? -.infinity : items[0].0 }

    mutating func insert(_ score: Double, _ item: Item) {
        guard capacity > 0 else { return }
        if items.count < capacity {
            items.append((score, item))
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard items[i].0 < items[parent].0 else { break }
                items.swapAt(i, parent)
                i = parent
            }
            return
        }
        guard score > items[0].0 else { return }
        items[0] = (score, item)
        var i = 0
        let n = items.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < n && items[l].0 < items[smallest].0 { smallest = l }
            if r < n && items[r].0 < items[smallest].0 { smallest = r }
            if smallest == i { break }
            items.swapAt(i, smallest)
            i = smallest
        }
    }

    /// The kept items, highest score first.
    func sorted() -> [(Double, Item)] { items.sorted { $0.0 > $1.0 } }
}
