import Testing
import BylineCore
import BylineRoutes
@testable import BylineWeb

@Suite struct HTMLWriterTests {
    @Test func elementsCloseWhatTheyOpenAndEscapeAttributes() {
        var html = HTMLWriter()
        html.element("section", ["class": "lead", "data-x": nil, "title": "a \"quoted\" <b>"]) { html in
            html.element("h2", ["id": "h"], text: "Fish & chips")
            html.element("p") { $0.link(.article(Slug("a-story")!), "A <story>") }
        }
        #expect(String(decoding: html.bytes, as: UTF8.self) ==
                "<section class=\"lead\" title=\"a &quot;quoted&quot; &lt;b&gt;\"><h2 id=\"h\">Fish &amp; chips</h2>"
                + "<p><a href=\"/article/a-story\">A &lt;story&gt;</a></p></section>")
    }
}
