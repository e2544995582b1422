import Foundation
import Testing
import BylineCore
import BylineStore
import BylineImport
import BylineNewsroom

/// The repository root, from this file's path; shared data lives beside it in ../shared/data.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let sharedData = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

@Suite struct JSONLReaderTests {
    @Test func readsBylineSchemaAndAliases() throws {
        let data = Data("""
        {"headline": "One", "dek": "D", "body": "B", "section": "world", "authors": [{"name": "Ana Souza", "role": "Reporting by"}, "Li Wei"], "tags": ["A", "B"], "published_at": "2026-11-28T09:30:00Z", "slug": "one", "external_id": "e1"}
        {"title": "Two", "body": "B", "category": "Business News", "id": "business/002"}

        {"title": "Three", "body": "B", "category": "tech", "id": 3, "authors": "Ana Souza, Li Wei"}
        """.utf8)
        let results = JSONLReader(fileName: "f.jsonl").read(data)
        let items = try results.map { try $0.get() }
        #expect(items.count == 3)
        #expect(items[0].draft.contributors == [ContributorInput(name: "Ana Souza", role: "Reporting by"), ContributorInput(name: "Li Wei")])
        #expect(items[0].draft.publishedAt == Date(timeIntervalSince1970: 1_795_858_200))
        #expect(items[0].draft.slug == Slug("one"))
        #expect(items[1].draft.section == Slug("business-news"))
        #expect(items[1].sectionName == "Business News")
        #expect(items[1].draft.externalID == "business/002")
        #expect(items[2].location.line == 4, "blank lines still count")
        #expect(items[2].draft.externalID == "3")
        #expect(items[2].draft.contributors.count == 2)
    }

    @Test func badLinesNameLineAndField() {
        let data = Data("""
        {"headline": "Good", "section": "world"}
        {"headline": "", "section": "world"}
        not json
        {"headline": "No section"}
        {"headline": "Bad date", "section": "world", "published_at": "yesterday"}
        {"headline": "Bad tags", "section": "world", "tags": [1]}
        {"headline": "Bad slug", "section": "world", "slug": "Not A Slug"}
        {"headline": "\(String(repeating: "x", count: 400))", "section": "world"}
        [1, 2]
        """.utf8)
        let results = JSONLReader(fileName: "bad.jsonl").read(data)
        let issues = results.compactMap { if case .failure(let issue) = $0 { return issue } else { return nil } }
        #expect(results.count == 9)
        #expect(issues.map(\.location.line) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(issues.map(\.field) == ["headline", nil, "section", "published_at", "tags[0]", "slug", "headline", nil])
        #expect(issues[0].description == "bad.jsonl:2: headline: is missing or empty")
        #expect(issues[3].message.contains("ISO 8601"))
    }

    @Test func leadImagesThatAreNotHTTPAreAPerLineError() {
        let data = Data("""
        {"headline": "Good", "section": "world", "lead_image": {"url": "https://example.com/a.jpg", "alt": "A"}}
        {"headline": "Script", "section": "world", "lead_image": {"url": "javascript:alert(1)", "alt": "x"}}
        {"headline": "Data", "section": "world", "lead_image": {"url": " data:text/html,x", "alt": "x"}}
        """.utf8)
        let results = JSONLReader(fileName: "images.jsonl").read(data)
        let issues = results.compactMap { if case .failure(let issue) = $0 { return issue } else { return nil } }
        #expect(issues.map(\.location.line) == [2, 3])
        #expect(issues.allSatisfy { $0.field == "lead_image.url" && $0.message.contains("http:// or https://") })
    }
}

@Suite struct ImportRunnerTests {
    @Test func malformedLinesAreReportedAndGoodLinesKeptAndReimportDoesNotDuplicate() async throws {
        let services = try BylineServices.make(config: BylineConfig(storage: .memory, loadDemoWhenEmpty: false))
        let file = Data("""
        {"headline": "First", "body": "One", "section": "world", "external_id": "a"}
        {"headline": "Broken", "section": "world", "published_at": "nope", "external_id": "b"}
        {oops
        {"headline": "Second", "body": "Two", "section": "world", "external_id": "c"}
        """.utf8)
        let records = JSONLReader(fileName: "mixed.jsonl").read(file)
        let first = try await services.importer.run(records)
        #expect(first.created == 2)
        #expect(first.skipped.map(\.location.line) == [2, 3])
        let again = try await services.importer.run(records)
        #expect(again.created == 0 && again.unchanged == 2 && again.skipped.count == 2)
        #expect(try await services.stores.articles.list(ArticleQuery(visibility: .all)).total == 2)
        // A changed line updates in place.
        let changed = JSONLReader(fileName: "mixed.jsonl").read(Data("""
        {"headline": "First, corrected", "body": "One", "section": "world", "external_id": "a"}
        """.utf8))
        let third = try await services.importer.run(changed)
        #expect(third.updated == 1)
        #expect(try await services.stores.articles.list(ArticleQuery(visibility: .all)).total == 2)
    }

    @Test func importsTheBBCCorpus() async throws {
        let url = sharedData.appendingPathComponent("bbc-news/bbc-news.jsonl")
        let data = try Data(contentsOf: url)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bbc-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        // Entity tagging of 2,225 stories is measured by bench/tagger.sh; here the import mechanics are tested,
        // with the tagger on for a slice of the corpus (re-import must be idempotent with it too).
        var config = BylineConfig(storage: .sqlite(path: path), loadDemoWhenEmpty: false)
        config.autoTagging = false
        let services = try BylineServices.make(config: config)
        let records = JSONLReader(fileName: "bbc-news.jsonl").read(data)
        #expect(records.count == 2225)
        let summary = try await services.importer.run(records)
        #expect(summary.processed == 2225)
        #expect(summary.created == 2225, "every BBC record has its own id")
        #expect(summary.skipped.isEmpty)
        let sections = try await services.stores.sections.sections().map(\.name)
        #expect(Set(sections) == ["Business", "Entertainment", "Politics", "Sport", "Tech"])
        let again = try await services.importer.run(records)
        #expect(again.unchanged == 2225)
        #expect(try await services.stores.articles.list(ArticleQuery(visibility: .all)).total == 2225)
    }

    @Test func reimportWithEntityTaggingIsIdempotent() async throws {
        let data = try Data(contentsOf: sharedData.appendingPathComponent("bbc-news/bbc-news.jsonl"))
        let services = try BylineServices.make(config: BylineConfig(storage: .memory, loadDemoWhenEmpty: false))
        let records = Array(JSONLReader(fileName: "bbc-news.jsonl").read(data).prefix(60))
        let first = try await services.importer.run(records)
        #expect(first.created == 60)
        let again = try await services.importer.run(records)
        #expect(again.unchanged == 60)
        let tagged = try await services.stores.articles.list(ArticleQuery(visibility: .all, page: PageRequest(page: 1, size: 60)))
        #expect(tagged.items.filter { !$0.tagIDs.isEmpty }.count > 50, "most BBC stories name a person, place or organisation")
    }
}
