import Foundation
import Testing
import BylineCore
@testable import BylineImport

/// An RSS 2.0 feed written for these tests: CDATA, entities, a relative link, a missing date,
/// a repeated GUID, an empty title and a script in the content.
private let rssFeed = """
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>Harbour Gazette</title>
<link>https://harbour.example/</link>
<description>Local news</description>
<item>
  <title>Ferry &amp;amp; port: a &lt;b&gt;big&lt;/b&gt; day</title>
  <link>/news/ferry-day</link>
  <guid isPermaLink="false">harbour-1001</guid>
  <pubDate>Sat, 28 Nov 2026 09:30:00 GMT</pubDate>
  <dc:creator>Ada Okafor</dc:creator>
  <category>Transport</category>
  <category>Ferries</category>
  <description>The new &lt;em&gt;ferry&lt;/em&gt; arrives.</description>
  <content:encoded><![CDATA[<p>The ferry&nbsp;arrived <a href="/port">at the port</a> with <img src="images/ferry.jpg" alt="Ferry">.</p><script>alert('x')</script><p onclick="evil()">More &copy; us</p>]]></content:encoded>
  <media:content url="/media/ferry-lead.jpg" medium="image"><media:description>The ferry at dawn</media:description></media:content>
</item>
<item>
  <title>No date here</title>
  <link>https://harbour.example/news/no-date</link>
  <description>Plain description &amp;amp; body</description>
</item>
<item>
  <title>Ferry (a repeated copy)</title>
  <guid>harbour-1001</guid>
</item>
<item>
  <title>  </title>
  <guid>harbour-1003</guid>
</item>
<item>
  <title>Old date</title>
  <guid>harbour-1002</guid>
  <pubDate>Mon, 3 Feb 25 07:05 -0500</pubDate>
  <author>desk@harbour.example (Ben Hale)</author>
  <enclosure url="https://cdn.harbour.example/old.png" type="image/png" length="10"/>
</item>
</channel>
</rss>
"""

/// An Atom feed written for these tests.
private let atomFeed = """
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Cafe Blog</title>
  <link href="https://blog.example/"/>
  <id>urn:example:blog</id>
  <updated>2026-11-20T10:00:00Z</updated>
  <entry>
    <title type="html">Caf&amp;eacute; opens</title>
    <id>tag:blog.example,2026:1</id>
    <link rel="alternate" href="/2026/cafe"/>
    <link rel="enclosure" type="image/jpeg" href="/img/cafe.jpg"/>
    <published>2026-11-20T10:00:00+01:00</published>
    <updated>2026-11-21T10:00:00Z</updated>
    <author><name>Cleo Dee</name></author>
    <category term="food" label="Food"/>
    <category term="openings"/>
    <summary>Short summary</summary>
    <content type="html">&lt;p&gt;Hello &lt;a href="menu.html"&gt;menu&lt;/a&gt;&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;&lt;iframe src="//evil.example"&gt;&lt;/iframe&gt;</content>
  </entry>
  <entry>
    <title>Plain &lt;text&gt; title</title>
    <id>tag:blog.example,2026:2</id>
    <updated>2026-11-22T08:00:00Z</updated>
    <content type="text">1 &lt; 2 &amp; 3</content>
  </entry>
  <entry>
    <title>Duplicate</title>
    <id>tag:blog.example,2026:1</id>
  </entry>
</feed>
"""

@Suite struct FeedReaderTests {
    func items(_ results: [Result<ImportItem, ImportIssue>]) -> [ImportItem] {
        results.compactMap { if case .success(let item) = $0 { return item } else { return nil } }
    }

    func date(_ iso: String) -> Date? { try? Date.ISO8601FormatStyle().parse(iso) }

    @Test func readsRSSItems() throws {
        let results = try FeedReader(fileName: "harbour.rss").read(Data(rssFeed.utf8))
        #expect(results.count == 4, "the repeated GUID yields one item")
        let read = items(results)
        #expect(read.count == 3)

        let ferry = try #require(read.first)
        #expect(ferry.draft.headline == "Ferry & port: a big day")
        #expect(ferry.draft.externalID == "harbour-1001")
        #expect(ferry.draft.publishedAt == date("2026-11-28T09:30:00Z"))
        #expect(ferry.draft.status == .published)
        #expect(ferry.draft.contributors == [ContributorInput(name: "Ada Okafor")])
        #expect(ferry.sectionName == "Transport")
        #expect(ferry.draft.section.rawValue == "transport")
        #expect(ferry.draft.tags == ["Ferries"])
        #expect(ferry.draft.dek == "The new ferry arrives.")
        #expect(ferry.location.line == 7)
        let body = ferry.draft.bodyMarkdown
        #expect(body.contains("The ferry\u{A0}arrived"), "HTML entities inside CDATA are decoded")
        #expect(body.contains(#"<a href="https://harbour.example/port">at the port</a>"#), "relative links resolve against the item link")
        #expect(body.contains(#"<img src="https://harbour.example/news/images/ferry.jpg" alt="Ferry"/>"#))
        #expect(body.contains("More © us"))
        #expect(!body.contains("script") && !body.contains("alert") && !body.contains("onclick"))
        #expect(ferry.draft.leadImage == LeadImage(url: "https://harbour.example/media/ferry-lead.jpg", alt: "The ferry at dawn"))

        let undated = read[1]
        #expect(undated.draft.publishedAt == nil, "a missing date stays missing")
        #expect(undated.draft.externalID == "https://harbour.example/news/no-date", "external id falls back to the link")
        #expect(undated.sectionName == "news")
        #expect(undated.draft.bodyMarkdown == "Plain description &amp; body")

        guard case .failure(let issue) = results[2] else { Issue.record("an empty title is an issue"); return }
        #expect(issue.field == "title")

        let old = read[2]
        #expect(old.draft.publishedAt == date("2025-02-03T12:05:00Z"))
        #expect(old.draft.contributors.map(\.name) == ["Ben Hale"])
        #expect(old.draft.leadImage?.url == "https://cdn.harbour.example/old.png")
    }

    @Test func readsAtomEntries() throws {
        let results = try FeedReader(fileName: "cafe.atom").read(Data(atomFeed.utf8))
        let read = items(results)
        #expect(read.count == 2, "the repeated id yields one entry")
        let cafe = try #require(read.first)
        #expect(cafe.draft.headline == "Café opens")
        #expect(cafe.draft.externalID == "tag:blog.example,2026:1")
        #expect(cafe.draft.publishedAt == date("2026-11-20T09:00:00Z"))
        #expect(cafe.draft.contributors.map(\.name) == ["Cleo Dee"])
        #expect(cafe.sectionName == "Food")
        #expect(cafe.draft.tags == ["openings"])
        #expect(cafe.draft.dek == "Short summary")
        #expect(cafe.draft.bodyMarkdown == #"<p>Hello <a href="https://blog.example/2026/menu.html">menu</a></p>"#)
        #expect(cafe.draft.leadImage?.url == "https://blog.example/img/cafe.jpg")

        let plain = read[1]
        #expect(plain.draft.headline == "Plain <text> title", "a text title keeps its angle brackets as text")
        #expect(plain.draft.bodyMarkdown == "1 &lt; 2 &amp; 3")
        #expect(plain.draft.publishedAt == date("2026-11-22T08:00:00Z"), "updated stands in for a missing published")
    }

    @Test func malformedXMLReportsLineAndColumnAndReturnsNothing() {
        let broken = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>x</title>\n<item><title>Broken</item>\n</channel></rss>\n"
        do {
            let results = try FeedReader(fileName: "broken.rss").read(Data(broken.utf8))
            Issue.record("expected an error, got \(results.count) results")
        } catch {
            #expect(error.location.file == "broken.rss")
            #expect(error.location.line == 3)
            #expect(error.location.column != nil)
            #expect(error.message.contains("malformed XML"))
            #expect(error.description.hasPrefix("broken.rss:3:"))
        }
    }

    @Test func truncatedFileIsAnError() {
        let cut = String(rssFeed.prefix(600))
        #expect(throws: ImportSourceError.self) { try FeedReader(fileName: "cut.rss").read(Data(cut.utf8)) }
    }

    /// Found by bench/fuzz.sh: a feed declaring UTF-7 that ends early crashed libxml2 when parsing was
    /// stopped from the error callback. It must be an error, not a crash.
    @Test func utf7TruncatedFeedFromFuzzingIsAnError() throws {
        let bytes = try #require(Data(base64Encoded: "PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTciPz4KPHJzcyB2ZXJzaW9uPSIyLjAiIHhtbG5zOmNvbnRlbnQ9Imh0dHA6LyhwdXJsLm9yZy9yc3MvMS4wL21vZHVsZXM+VDwvdGl0bGU+PGxpbms+aHR0cHM6Ly9hLmV4YW1wbGUvPC9saW5rPgo8aXRlbT48dGl0bGU+QSAmYW1wO2FtcDsgQjwvdGl0bGU+PGxpbms+L3g8L2xpbms+PGd1aWQ+MTwvZ3VpZD48cHViRGF0ZT5TYU0sIDI4IE5vdiAyMDI2IDA5OjMwOjAwIEdNVDwvcHViRGF0ZT4KPGRjOmNyZWF0b3I+QWRhPC9kYzpj8mVhdG9yPjxjYXRlZ29yeT5Xb3JsZDwvY2F0ZWdvcnk+PGNhdGVnb3J5PlRhZzwvY2F0ZWdvcnk+PGRlc2NyaXBtPjx0aXRsZT5CPC90aXRsZT48Z3VpZD4xPC9ndWlkPjxhdXRob3I+YUBiLmV4YW1wbGUgKEJlbik8L2F1ZWdvcnk+V29ybGQ8L2NhdGVnb3J5PjxjYXRlZ29yeT5UYWc8L2NhdGVnb3J5PjxkZXNjcmlwdGlvbj5kPC9kZXNjcmkvIj4KPGNoYW5uZWw+PHRpdGxlPlQ8L3RpdGxlPjxsaW5rPmh0dHBzOi8vYS5leGFtcGxlLzwvbGluaz4KPGl0ZW0+PHRpdGxlPkEgJmFtcDthbXA7IEI8L3RpdGxlPjxsaW5rPi94PC9saW5rPjxndWlkPjE8L2d1aWQ+PHB1YkRhdGU+U2FNLCAyOCBOb3YgMjAyNiAwOTozMDowMCBHTVQ8L3B1YkRhdGU+CjxkYzpjcmVhdG9yPkFkYTwvZGM6Y/JlYXRvcj48Y2F0ZWdvcnk+V29ybGQ8L2NhdGVnb3J5PjxjYXRlZ29yeT5UYWc8L2NhdGVnb3J5PjxkZXNjcmlwbT48dGl0bGU+QjwvdGl0bGU+PGd1aWQ+MTwvZ3VpZD48YXV0aG9yPmFAYi5leGFtcGxlIChCZW4pPC9hdXRob3I+PC9pdGVtPgo8L2NoYW5uZWw+PC9yc3M+Cg=="))
        #expect(throws: ImportSourceError.self) { try FeedReader(fileName: "fuzz.xml").read(bytes) }
        #expect(throws: ImportSourceError.self) { try WXRReader(fileName: "fuzz.xml").read(bytes) }
    }

    /// Found by bench/fuzz.sh: an invalid UTF-8 byte in an element name made Foundation's XMLParser trap.
    @Test func invalidUTF8IsAnErrorNotACrash() {
        var bytes = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item><media:conten".utf8)
        bytes.append(0xC5)
        bytes.append(contentsOf: Data(" url=\"/m.jpg\" medium=\"image\"></media:content></item></channel></rss>\n".utf8))
        do {
            _ = try FeedReader(fileName: "bad.rss").read(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.location.line == 2)
            #expect(error.message.contains("UTF-8"))
        }
        #expect(throws: ImportSourceError.self) { try WXRReader(fileName: "bad.xml").read(bytes) }
    }

    @Test func latin1FeedsAreConverted() throws {
        var bytes = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><link>https://a.example/</link><item><title>Caf".utf8)
        bytes.append(0xE9)
        bytes.append(contentsOf: Data("</title><guid>1</guid></item></channel></rss>\n".utf8))
        let results = try FeedReader(fileName: "latin.rss").read(bytes)
        #expect(items(results).first?.draft.headline == "Café")
        let other = Data("<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?><rss/>".utf8)
        #expect(throws: ImportSourceError.self) { try FeedReader(fileName: "odd.rss").read(other) }
    }

    @Test func otherDocumentsAreRejected() {
        #expect(throws: ImportSourceError.self) { try FeedReader(fileName: "page.html").read(Data("<html><body/></html>".utf8)) }
        #expect(throws: ImportSourceError.self) { try FeedReader(fileName: "empty").read(Data()) }
    }

    @Test func parsesFeedDates() {
        #expect(FeedDateParser.parse("Sat, 28 Nov 2026 09:30:00 +0100") == date("2026-11-28T08:30:00Z"))
        #expect(FeedDateParser.parse("28 Nov 2026 09:30 EST") == date("2026-11-28T14:30:00Z"))
        #expect(FeedDateParser.parse("2026-11-28T09:30:00.250Z") != nil)
        #expect(FeedDateParser.parse("2026-11-28 09:30:00") == date("2026-11-28T09:30:00Z"))
        #expect(FeedDateParser.parse("yesterday") == nil)
        #expect(FeedDateParser.parse("Mon, 30 Nov -0001 00:00:00 +0000") == nil)
    }
}

/// Inputs the fuzzer found that crashed the process inside FoundationXML, and the guard that prevents them.
@Suite struct XMLGuardTests {
    @Test func processingInstructionWithoutDataIsNotACrash() throws {
        // From bench/fuzz.sh (FuzzFeed): `<?CS?>` made FoundationXML call strlen(NULL).
        #expect(throws: ImportSourceError.self) { try FeedReader(fileName: "crash.xml").read(Data("<?CS?>\n<d".utf8)) }
        let feed = """
        <?xml version="1.0"?><?render?>
        <rss version="2.0"><channel><title>T</title><?x?>
        <item><title>One</title><description><![CDATA[<?php?> stays]]></description></item></channel></rss>
        """
        let items = try FeedReader(fileName: "pi.xml").read(Data(feed.utf8)).map { try $0.get() }
        #expect(items.count == 1)
        #expect(items[0].draft.bodyMarkdown.contains("stays"))
    }

    @Test func guardLeavesCDATACommentsAndAttributesAlone() throws {
        let text = #"<a b="q?>"><!-- <?c?> --><![CDATA[<?d?>]]><?e?></a>"#
        let out = try XMLInput.guarded(Data(text.utf8), fileName: "g.xml")
        #expect(String(decoding: out, as: UTF8.self) == #"<a b="q?>"><!-- <?c?> --><![CDATA[<?d?>]]><?e ?></a>"#)
    }

    @Test func internalDTDSubsetIsRefusedWithLineAndColumn() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [ <!ENTITY a \"&#60;?x?>\"> ]>\n<rss/>"
        #expect {
            try FeedReader(fileName: "dtd.xml").read(Data(text.utf8))
        } throws: { error in
            (error as? ImportSourceError).map { $0.location.line == 2 && $0.location.column == 1 && $0.message.contains("DOCTYPE") } ?? false
        }
        // A DOCTYPE without an internal subset (RSS 0.91's) is fine.
        let rss091 = #"<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>T</title></channel></rss>"#
        #expect(throws: Never.self) { try FeedReader(fileName: "ok.xml").read(Data(rss091.utf8)) }
    }
}
