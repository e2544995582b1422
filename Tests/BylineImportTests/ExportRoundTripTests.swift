import Foundation
import Testing
import BylineCore
import BylineStore
import BylineSQLite
import BylineImport
import BylineNewsroom

/// A tagger that always finds the same entities, so a test knows which automatic tags an article gets.
private struct FixedTagger: AutoTagging {
    var found: [EntityInfo]
    func entities(headline: String, bodyHTML: String) -> [EntityInfo] { found }
    func facts(kbID: String) -> [(label: String, values: [String])] { [] }
}

/// One SQLite store with its writer, importer and exporter, in a temporary file.
private struct Site {
    let stores: Stores
    let publishing: PublishingStores
    let writer: ArticleWriter
    let path: String

    init(tagger: FixedTagger) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("byline-export-\(UUID().uuidString).db").path
        let sqlite = try SQLiteStore(path: path)
        stores = Stores(sqlite)
        publishing = PublishingStores(SQLitePublishingStore(sqlite))
        writer = ArticleWriter(stores: stores, tagger: tagger)
    }

    var importer: ImportRunner { ImportRunner(writer: writer, stores: stores, corrections: publishing.corrections, batchSize: 2) }
    var exporter: SiteExporter { SiteExporter(stores: stores, corrections: publishing.corrections) }

    func export(publishedOnly: Bool = false) async throws -> String {
        var text = ""
        _ = try await exporter.export(publishedOnly: publishedOnly, write: { text += $0 })
        return text
    }

    func all() async throws -> [Article] {
        let list = try await stores.articles.list(ArticleQuery(visibility: .all, page: PageRequest(size: 100)))
        var articles: [Article] = []
        for summary in list.items { if let a = try await stores.articles.article(id: summary.id) { articles.append(a) } }
        return articles
    }

    func remove() { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
}

@Suite struct ExportRoundTripTests {
    /// Times with whole milliseconds: the export's precision.
    static func time(_ offset: Double) -> Date { Date(timeIntervalSince1970: 1_795_000_000.25 + offset) }

    /// A source site with every kind of article field filled in at least once.
    private static func sourceSite() async throws -> Site {
        let site = try Site(tagger: FixedTagger(found: [
            EntityInfo(name: "Ada Lovelace", type: "PER", kbID: "Q7259", wikidataID: "Q7259"),
            EntityInfo(name: "London", type: "LOC", kbID: "Q84", wikidataID: "Q84"),
            EntityInfo(name: "Analytical Society", type: "ORG"),
        ]))
        _ = try await site.stores.sections.ensureSection(slug: Slug("us-news")!, name: "U.S. News",
                                                         summary: "News from the United States.", position: 3)
        _ = try await site.stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        var lead = ArticleDraft(
            headline: "Engine plans found in a London attic", dek: "The drawings date from 1843.",
            bodyMarkdown: "Ada Lovelace's *notes* were found.\n\n<p>Inline <b>HTML</b> & entities</p>\n\n[link](/section/world)",
            section: Slug("us-news")!,
            contributors: [ContributorInput(name: "Ana Souza", role: "Reporting by"), ContributorInput(name: "Li Wei")],
            tags: ["Ada Lovelace", "Archives"], status: .published, publishedAt: time(0),
            leadImage: LeadImage(url: "https://img.example/attic.jpg", alt: "An attic", caption: "The attic", credit: "Jo Bloggs"),
            externalID: "wp:101")
        lead.slug = Slug("engine-plans")
        let first = try await site.writer.create(lead, now: time(-3_600))
        // Edited after publication: updated differs from created and published.
        lead.dek = "The drawings date from 1843, archivists say."
        _ = try await site.writer.update(first.id, with: lead, now: time(7_200))
        // An editor removed one automatic tag; it must stay removed.
        _ = try await site.writer.removeAutomaticTag(Slug("analytical-society")!, from: first.id, now: time(7_300))
        _ = try await site.publishing.corrections.addCorrection(article: first.id, text: "An earlier version misdated the drawings.", now: time(8_000))
        _ = try await site.publishing.corrections.addCorrection(article: first.id, text: "The attic is in Camden.", now: time(9_000.5))
        let ana = try #require(try await site.stores.authors.author(slug: Slug("ana-souza")!))
        _ = try await site.stores.authors.updateBio(ana.id, bio: "Ana covers science.")

        _ = try await site.writer.create(ArticleDraft(
            headline: "Draft without a date", bodyMarkdown: "Work in progress.", section: Slug("world")!, status: .draft),
            now: time(10_000))
        _ = try await site.writer.create(ArticleDraft(
            headline: "Scheduled story", dek: "", bodyMarkdown: "Embargoed.", section: Slug("world")!,
            contributors: [ContributorInput(name: "Li Wei", role: "Additional reporting by")],
            status: .scheduled, publishedAt: time(86_400), externalID: "sched-1"),
            now: time(11_000))
        return site
    }

    @Test func exportThenImportIntoAnEmptyStoreKeepsEveryArticleField() async throws {
        let source = try await Self.sourceSite()
        defer { source.remove() }
        let exported = try await source.export()
        #expect(exported.split(separator: "\n").count == 3)

        // The target's tagger would find other entities: imported automatic tags must be kept as exported.
        let target = try Site(tagger: FixedTagger(found: [EntityInfo(name: "Somewhere Else", type: "LOC")]))
        defer { target.remove() }
        let records = JSONLReader(fileName: "export.jsonl").read(Data(exported.utf8))
        let summary = try await target.importer.run(records, now: Self.time(1_000_000))
        #expect(summary.created == 3 && summary.skipped.isEmpty, "\(summary.skipped)")

        let before = try await source.all(), after = try await target.all()
        #expect(before.count == after.count)
        for original in before {
            let copy = try #require(after.first { $0.slug == original.slug }, "\(original.slug) was not imported")
            #expect(copy.headline == original.headline)
            #expect(copy.dek == original.dek)
            #expect(copy.bodyMarkdown == original.bodyMarkdown)
            #expect(copy.bodyHTML == original.bodyHTML)
            #expect(copy.section.slug == original.section.slug)
            #expect(copy.section.name == original.section.name)
            #expect(copy.section.summary == original.section.summary)
            #expect(copy.section.position == original.section.position)
            #expect(copy.contributors.map(\.author.slug) == original.contributors.map(\.author.slug))
            #expect(copy.contributors.map(\.author.name) == original.contributors.map(\.author.name))
            #expect(copy.contributors.map(\.author.bio) == original.contributors.map(\.author.bio))
            #expect(copy.contributors.map(\.role) == original.contributors.map(\.role))
            #expect(copy.tags.map(\.tag.slug) == original.tags.map(\.tag.slug))
            #expect(copy.tags.map(\.tag.name) == original.tags.map(\.tag.name))
            #expect(copy.tags.map(\.origin) == original.tags.map(\.origin))
            #expect(copy.tags.map(\.tag.entity) == original.tags.map(\.tag.entity))
            #expect(copy.status == original.status)
            #expect(copy.publishedAt == original.publishedAt)
            #expect(copy.createdAt == original.createdAt)
            #expect(copy.updatedAt == original.updatedAt)
            #expect(copy.leadImage == original.leadImage)
            #expect(copy.externalID == original.externalID)
            let oldCorrections = try await source.publishing.corrections.corrections(article: original.id)
            let newCorrections = try await target.publishing.corrections.corrections(article: copy.id)
            #expect(newCorrections.map(\.text) == oldCorrections.map(\.text))
            #expect(newCorrections.map(\.createdAt) == oldCorrections.map(\.createdAt))
            #expect(try await target.stores.tags.suppressedAutomaticTags(for: copy.id)
                    == (try await source.stores.tags.suppressedAutomaticTags(for: original.id)))
        }
        // The lead article really carries what the test set up, so the comparisons above compared something.
        let lead = try #require(after.first { $0.slug == Slug("engine-plans") })
        #expect(lead.tags.contains { $0.origin == .editor && $0.tag.entity?.wikidataID == "Q7259" })
        #expect(lead.tags.contains { $0.origin == .automatic && $0.tag.name == "London" })
        #expect(!lead.tags.contains { $0.tag.name == "Analytical Society" || $0.tag.name == "Somewhere Else" })
        #expect(lead.createdAt < lead.publishedAt! && lead.publishedAt! < lead.updatedAt)

        // Exporting the copy gives the same file, and importing the export again changes nothing.
        #expect(try await target.export() == exported)
        let again = try await target.importer.run(records, now: Self.time(2_000_000))
        #expect(again.unchanged == 3 && again.created == 0 && again.updated == 0)
        #expect(try await target.publishing.corrections.corrections(article: lead.id).count == 2)
    }

    @Test func publishedOnlyLeavesOutDraftsAndScheduledArticles() async throws {
        let source = try await Self.sourceSite()
        defer { source.remove() }
        let lines = try await source.export(publishedOnly: true).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines[0].contains(#""slug":"engine-plans""#))
    }

    @Test func exportedLinesAreOldestFirstAndReadableByTheReader() async throws {
        let source = try await Self.sourceSite()
        defer { source.remove() }
        let records = JSONLReader(fileName: "x.jsonl").read(Data(try await source.export().utf8))
        let items = try records.map { try $0.get() }
        #expect(items.map(\.draft.headline) == ["Engine plans found in a London attic", "Draft without a date", "Scheduled story"])
        #expect(items[0].keepsAutomaticTags && items[0].corrections.count == 2 && items[0].removedAutomaticTags == ["analytical-society"])
        #expect(items[0].authorBios == ["Ana Souza": "Ana covers science."])
        #expect(items[1].draft.status == .draft && items[1].draft.publishedAt == nil && items[1].draft.externalID == nil)
    }

    @Test func extendedFieldsReportBadValuesWithLineAndField() {
        let data = Data("""
        {"headline": "A", "section": {"name": ""}}
        {"headline": "B", "section": {"slug": "Not A Slug"}}
        {"headline": "C", "section": "world", "automatic_tags": [{"name": "X", "type": "PERSON"}]}
        {"headline": "D", "section": "world", "corrections": [{"text": "ok", "date": "soon"}]}
        {"headline": "E", "section": "world", "updated_at": 5}
        {"headline": "F", "section": "world", "authors": [{"name": "Ana", "bio": 1}]}
        {"headline": "G", "section": {"slug": "world", "position": 1.5}}
        """.utf8)
        let issues = JSONLReader(fileName: "bad.jsonl").read(data).compactMap { result -> ImportIssue? in
            if case .failure(let issue) = result { return issue } else { return nil }
        }
        #expect(issues.map(\.location.line) == [1, 2, 3, 4, 5, 6, 7])
        #expect(issues.map(\.field) == ["section", "section.slug", "automatic_tags[0].type", "corrections[0].date",
                                        "updated_at", "authors[0].bio", "section.position"])
    }
}
