import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import BylineText

/// Filter-evasion vectors in the style of the OWASP XSS cheat sheet, written out for these tests.
let xssVectors: [String] = [
    #"<script>alert('XSS')</script>"#,
    #"<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>"#,
    #"<IMG SRC="javascript:alert('XSS');">"#,
    #"<IMG SRC=javascript:alert('XSS')>"#,
    #"<IMG SRC=JaVaScRiPt:alert('XSS')>"#,
    #"<IMG SRC=`javascript:alert("RSnake says, 'XSS'")`>"#,
    #"<a onmouseover="alert(document.cookie)">xxs link</a>"#,
    #"<a onmouseover=alert(document.cookie)>xxs link</a>"#,
    #"<IMG """><SCRIPT>alert("XSS")</SCRIPT>">"#,
    #"<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>"#,
    #"<IMG SRC=# onmouseover="alert('xxs')">"#,
    #"<IMG SRC= onmouseover="alert('xxs')">"#,
    #"<IMG onmouseover="alert('xxs')">"#,
    #"<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>"#,
    #"<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">"#,
    #"<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>"#,
    #"<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>"#,
    #"<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>"#,
    #"<IMG SRC="jav\#tascript:alert('XSS');">"#,
    #"<IMG SRC="jav&#x09;ascript:alert('XSS');">"#,
    #"<IMG SRC="jav&#x0A;ascript:alert('XSS');">"#,
    #"<IMG SRC="jav&#x0D;ascript:alert('XSS');">"#,
    "<IMG SRC=java\u{0}script:alert(\"XSS\")>",
    #"<IMG SRC=" &#14;  javascript:alert('XSS');">"#,
    #"<SCRIPT/XSS SRC="http://xss.example/xss.js"></SCRIPT>"#,
    #"<BODY onload!#$%&()*~+-_.,:;?@[/|\]^`=alert("XSS")>"#,
    #"<SCRIPT/SRC="http://xss.example/xss.js"></SCRIPT>"#,
    #"<<SCRIPT>alert("XSS");//<</SCRIPT>"#,
    #"<SCRIPT SRC=http://xss.example/xss.js?< B >"#,
    #"<SCRIPT SRC=//xss.example/.j>"#,
    #"<IMG SRC="`<javascript:alert>`('XSS')""#,
    #"<iframe src=http://xss.example/scriptlet.html <"#,
    #"\";alert('XSS');//"#,
    #"</TITLE><SCRIPT>alert("XSS");</SCRIPT>"#,
    #"<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">"#,
    #"<BODY BACKGROUND="javascript:alert('XSS')">"#,
    #"<IMG DYNSRC="javascript:alert('XSS')">"#,
    #"<IMG LOWSRC="javascript:alert('XSS')">"#,
    #"<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>"#,
    #"<IMG SRC='vbscript:msgbox("XSS")'>"#,
    #"<svg/onload=alert('XSS')>"#,
    #"<svg><script>alert(1)</script></svg>"#,
    #"<BODY ONLOAD=alert('XSS')>"#,
    #"<BGSOUND SRC="javascript:alert('XSS');">"#,
    #"<BR SIZE="&{alert('XSS')}">"#,
    #"<LINK REL="stylesheet" HREF="javascript:alert('XSS');">"#,
    #"<STYLE>@import'http://xss.example/xss.css';</STYLE>"#,
    #"<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">"#,
    #"<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">"#,
    #"<IFRAME SRC="javascript:alert('XSS');"></IFRAME>"#,
    #"<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>"#,
    #"<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>"#,
    #"<TABLE BACKGROUND="javascript:alert('XSS')">"#,
    #"<TABLE><TD BACKGROUND="javascript:alert('XSS')">"#,
    #"<DIV STYLE="background-image: url(javascript:alert('XSS'))">"#,
    #"<DIV STYLE="background-image:\0075\0072\006C\0028'\006a\0061\0076\0061\0073\0063\0072\0069\0070\0074\003a\0061\006c\0065\0072\0074\0028.1027\0058.1053\0053\0027\0029'\0029">"#,
    #"<DIV STYLE="width: expression(alert('XSS'));">"#,
    #"<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->"#,
    #"<BASE HREF="javascript:alert('XSS');//">"#,
    #"<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.example/scriptlet.html"></OBJECT>"#,
    #"<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv"></EMBED>"#,
    #"<SCRIPT a=">" SRC="http://xss.example/xss.js"></SCRIPT>"#,
    #"<SCRIPT ="blah" SRC="http://xss.example/xss.js"></SCRIPT>"#,
    #"<SCRIPT a="blah" '' SRC="http://xss.example/xss.js"></SCRIPT>"#,
    #"<SCRIPT "a='>'" SRC="http://xss.example/xss.js"></SCRIPT>"#,
    #"<SCRIPT a=`>` SRC="http://xss.example/xss.js"></SCRIPT>"#,
    #"<SCRIPT a=">'>" SRC="http://xss.example/xss.js"></SCRIPT>"#,
    #"<A HREF="javascript:document.location='http://www.example.com/'">XSS</A>"#,
    #"<A HREF="&#106;avascript:alert(1)">XSS</A>"#,
    #"<A HREF="jav&#x09;ascript:alert(1)">XSS</A>"#,
    #"<A HREF="java&Tab;script&colon;alert&lpar;1&rpar;">XSS</A>"#,
    #"<A HREF="javascript&#58alert(1)">XSS</A>"#,
    #"<A HREF=" javascript:alert(1)">XSS</A>"#,
    #"<A HREF="&#x20;javascript:alert(1)">XSS</A>"#,
    "<A HREF=\"\u{200B}javascript:alert(1)\">XSS</A>",
    #"<A HREF="vbscript:msgbox(1)">XSS</A>"#,
    #"<A HREF="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">XSS</A>"#,
    #"<IMG SRC="data:image/svg+xml,<svg onload=alert(1)>">"#,
    #"<a href="JAVASCRIPT:alert(1)">XSS</a>"#,
    #"<a href="javascript\x3aalert(1)">XSS</a>"#,
    #"<a href="\x01javascript:alert(1)">XSS</a>"#,
    #"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>"#,
    #"<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>"#,
    #"<textarea><script>alert(1)</script></textarea>"#,
    #"<xmp><script>alert(1)</script></xmp>"#,
    #"<form action="javascript:alert(1)"><button>Go</button></form>"#,
    #"<details open ontoggle=alert(1)>"#,
    #"<video><source onerror="alert(1)">"#,
    #"<p onclick=alert(1) style="color:red">text</p>"#,
    #"<p/onclick=alert(1)>text</p>"#,
    #"<p\#tonclick=alert(1)>text</p>"#,
    #"<img src="x" alt="a" onerror\#t=alert(1)>"#,
    #"<![CDATA[<script>alert(1)</script>]]>"#,
    #"<!-- <script>alert(1)</script> -->"#,
    #"<!--><script>alert(1)</script>"#,
    #"<?xml version="1.0"?><script>alert(1)</script>"#,
    #"<scr<script>ipt>alert(1)</script>"#,
    #"<sc&#114;ipt>alert(1)</sc&#114;ipt>"#,
    #"<a href="http://example.com/" onclick="alert(1)">x</a>"#,
    #"<template><script>alert(1)</script></template>"#,
    #"<object data="javascript:alert(1)">"#,
    #"<a href=javascript:alert(1)>no quotes</a>"#,
    #"<a href='javas&#99;ript:alert(1)'>x</a>"#,
    #"<a href="javascript:alert(1)"#,
    #"<img src=x:alert(alt) onerror=eval(src) alt=0>"#,
]

/// Checks the invariants every sanitised output holds.
private func expectSafe(_ output: String, input: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lower = output.lowercased()
    for banned in ["<script", "<iframe", "<svg", "<object", "<embed", "<style", "<math", "<form", "<meta", "<link",
                   "<base", "javascript:", "vbscript:", "data:", "<!--", "<![cdata"] {
        #expect(!lower.contains(banned), "\(banned) survived in \(output.debugDescription) from \(input.debugDescription)",
                sourceLocation: sourceLocation)
    }
    for token in HTMLTokenizer.tokenize(output) {
        guard case .startTag(let name, let attributes, _) = token else { continue }
        #expect(HTMLSanitizer.allowedElements.contains(name), "tag \(name) in \(output.debugDescription)", sourceLocation: sourceLocation)
        for attribute in attributes {
            #expect(!attribute.name.hasPrefix("on"), "\(attribute.name) in \(output.debugDescription)", sourceLocation: sourceLocation)
            #expect(attribute.name != "style", "style in \(output.debugDescription)", sourceLocation: sourceLocation)
            if ["href", "src", "cite"].contains(attribute.name) {
                let value = attribute.value.lowercased()
                let head = value.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
                if head.contains(":") {
                    #expect(value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("mailto:"),
                            "URL \(value) in \(output.debugDescription)", sourceLocation: sourceLocation)
                }
            }
        }
    }
}

private func isWellFormedXML(_ fragment: String) -> Bool {
    guard let data = "<root>\(fragment)</root>".data(using: .utf8) else { return false }
    return XMLParser(data: data).parse()
}

@Suite struct SanitizerTests {
    let sanitizer = HTMLSanitizer()

    @Test func corpusHasEnoughVectors() {
        #expect(xssVectors.count >= 60)
    }

    @Test(arguments: xssVectors)
    func xssVectorIsNeutralised(_ vector: String) {
        let output = sanitizer.sanitize(vector)
        expectSafe(output, input: vector)
        #expect(isWellFormedXML(output), "not well-formed: \(output.debugDescription)")
        #expect(sanitizer.sanitize(output) == output, "not stable under a second pass: \(output.debugDescription)")
        // Wrapped in a paragraph of ordinary text, the vector still cannot escape.
        let wrapped = sanitizer.sanitize("<p>Before \(vector) after</p>")
        expectSafe(wrapped, input: vector)
        #expect(isWellFormedXML(wrapped))
    }

    @Test func keepsOrdinaryMarkup() {
        let html = #"<h2>Title</h2><p>Some <strong>bold</strong>, <em>em</em> and <a href="/article/x" title="T">a link</a>.</p>"#
        #expect(sanitizer.sanitize(html) == html)
        let table = #"<table><thead><tr><th colspan="2" align="left">A</th></tr></thead><tbody><tr><td rowspan="1">1</td></tr></tbody></table>"#
        #expect(sanitizer.sanitize(table) == table)
        #expect(sanitizer.sanitize(#"<img src="https://img.example/a.jpg" alt="A cat" width="640">"#)
                == #"<img src="https://img.example/a.jpg" alt="A cat" width="640"/>"#)
    }

    @Test func externalLinksGetRel() {
        #expect(sanitizer.sanitize(#"<a href="https://other.example/x" rel="author" target="_blank">x</a>"#)
                == #"<a href="https://other.example/x" rel="noopener noreferrer nofollow">x</a>"#)
        #expect(sanitizer.sanitize(#"<a href="//other.example/x">x</a>"#)
                == #"<a href="//other.example/x" rel="noopener noreferrer nofollow">x</a>"#)
        #expect(sanitizer.sanitize(#"<a href="/local">x</a>"#) == #"<a href="/local">x</a>"#)
        #expect(sanitizer.sanitize(#"<a href="mailto:desk@news.example">mail</a>"#) == #"<a href="mailto:desk@news.example">mail</a>"#)
    }

    @Test func dropsDangerousElementsWithTheirContent() {
        #expect(sanitizer.sanitize("<p>a<script>evil()</script>b</p>") == "<p>ab</p>")
        #expect(sanitizer.sanitize("<p>a<style>p{}</style>b</p>") == "<p>ab</p>")
        #expect(sanitizer.sanitize("<p>a<iframe src=x>inner</iframe>b</p>") == "<p>ab</p>")
        #expect(sanitizer.sanitize("<p>a<form><p>in form</p></form>b</p>") == "<p>ab</p>")
        #expect(sanitizer.sanitize("<object><object>x</object>y</object>z") == "z")
    }

    @Test func unknownTagsLoseTheirTagButKeepText() {
        #expect(sanitizer.sanitize("<font color=red>red</font> <center>mid</center>") == "red mid")
    }

    @Test func escapesTextAndDecodesEntities() {
        #expect(sanitizer.sanitize("Fish &amp; chips &lt;3 &copy; &#8212; 1 < 2 > 0") == "Fish &amp; chips &lt;3 © — 1 &lt; 2 &gt; 0")
        #expect(sanitizer.sanitize("&unknown; &") == "&amp;unknown; &amp;")
        #expect(sanitizer.sanitize(#"<abbr title="a &quot;b&quot; 'c'">x</abbr>"#) == #"<abbr title="a &quot;b&quot; &#39;c&#39;">x</abbr>"#)
    }

    @Test func closesAndBalancesTags() {
        #expect(sanitizer.sanitize("<p><strong>open") == "<p><strong>open</strong></p>")
        #expect(sanitizer.sanitize("<ul><li>a<li>b</ul>") == "<ul><li>a</li><li>b</li></ul>")
        #expect(sanitizer.sanitize("<p>one<p>two") == "<p>one</p><p>two</p>")
        #expect(sanitizer.sanitize("</div>stray</p>") == "stray")
        #expect(sanitizer.sanitize("<em><strong>x</em></strong>") == "<em><strong>x</strong></em>")
    }

    @Test func removesCommentsAndCDATA() {
        #expect(sanitizer.sanitize("a<!-- hidden -->b<![CDATA[ raw ]]>c") == "abc")
    }

    @Test func headingOneBecomesHeadingTwo() {
        #expect(sanitizer.sanitize("<h1>Top</h1>") == "<h2>Top</h2>")
    }

    @Test func stripsControlCharacters() {
        #expect(sanitizer.sanitize("a\u{1}b\u{0}c\u{FFFE}d") == "ab\u{FFFD}cd")
    }

    @Test func keepsCodeLanguageClassOnly() {
        #expect(sanitizer.sanitize(#"<pre><code class="language-swift">let x = 1</code></pre>"#)
                == #"<pre><code class="language-swift">let x = 1</code></pre>"#)
        #expect(sanitizer.sanitize(#"<code class="evil">x</code>"#) == "<code>x</code>")
    }

    @Test func markdownRendererSanitises() {
        let renderer = MarkdownRenderer()
        let html = renderer.html(from: "# Head\n\nHello *world* and [a link](https://other.example).\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1))")
        #expect(html.contains("<h2>Head</h2>"))
        #expect(html.contains("<em>world</em>"))
        #expect(html.contains(#"<a href="https://other.example" rel="noopener noreferrer nofollow">a link</a>"#))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("javascript:"))
        #expect(isWellFormedXML(html))
    }

    @Test func handlesLargeAndDeepInputs() {
        let deep = String(repeating: "<div>", count: 5_000) + "x"
        let out = sanitizer.sanitize(deep)
        #expect(out.hasSuffix("</div>"))
        let wellFormed = isWellFormedXML(out)
        #expect(wellFormed)
        #expect(out.components(separatedBy: "<div>").count - 1 == HTMLSanitizer.maxDepth)
        let unterminated = "<a href=\"" + String(repeating: "x", count: 10_000)
        #expect(sanitizer.sanitize(unterminated) == "")
    }

    /// With `BYLINE_XSS_PAGES=<folder>` set, writes the pages `scripts/xss-browser-check.sh` opens in headless
    /// Chromium: a known-bad vector raw (the harness must see it fire) and every vector sanitised (nothing may).
    @Test func writesBrowserCheckPages() throws {
        guard let folder = ProcessInfo.processInfo.environment["BYLINE_XSS_PAGES"] else { return }
        // Trusted prelude: any dialog a vector opens marks the page instead; the checker reads the DOM.
        let prelude = """
            <!doctype html><html><head><meta charset="utf-8"><title>XSS check</title><script>
            (function () {
              function hit() { document.documentElement.setAttribute("data-xss", "fired"); }
              window.alert = hit; window.confirm = hit; window.prompt = hit;
            })();
            </script></head><body>
            """
        func page(_ bodies: [String]) -> String {
            prelude + bodies.enumerated().map { "<div id=\"v\($0.offset)\">\($0.element)</div>" }.joined(separator: "\n") + "\n</body></html>\n"
        }
        let directory = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sanitised = xssVectors.map { sanitizer.sanitize($0) } + xssVectors.map { sanitizer.sanitize("<p>Before \($0) after</p>") }
                      + xssVectors.map { MarkdownRenderer().html(from: "Text before\n\n\($0)\n\n[link](\($0))") }
        try page(sanitised).write(to: directory.appendingPathComponent("sanitised.html"), atomically: true, encoding: .utf8)
        // One vector that must fire: proves the harness can see an execution.
        try page(["<img src=\"data:,not-an-image\" onerror=\"alert(1)\">"]).write(
            to: directory.appendingPathComponent("harness.html"), atomically: true, encoding: .utf8)
    }
}
