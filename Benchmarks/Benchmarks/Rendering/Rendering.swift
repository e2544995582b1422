import Benchmark
import Foundation
import Mustache
import BylineCore
import BylineWeb
import BylineNewsroom

// The article page rendered two ways from the same data: Byline's hand-written HTMLWriter (what ships) and
// swift-mustache with an equivalent template. The body is ~20 KB and the page carries 40 list items
// (tags, related stories and navigation), the shape the foundation issue measured.

private let section = Section(id: SectionID(1), slug: Slug("world")!, name: "World", position: 1)
private let sections = (1...8).map { Section(id: SectionID(Int64($0)), slug: Slug("section-\($0)")!, name: "Section \($0)", position: $0) }
private let paragraph = "<p>Officials said on Tuesday that the convoy had crossed the border at dawn &amp; that talks would resume, "
    + "although neither side would say where or when the next round would take place.</p>"
private let article = Article(
    id: ArticleID(1), slug: Slug("benchmark-article")!, headline: "Ministers agree \"shared\" customs corridor <after> talks",
    dek: "A single inspection at the first border could cut days from the journey.",
    bodyMarkdown: "", bodyHTML: String(repeating: paragraph, count: 110), section: section,
    contributors: [Contributor(author: Author(id: AuthorID(1), slug: Slug("ana-souza")!, name: "Ana Souza")),
                   Contributor(author: Author(id: AuthorID(2), slug: Slug("li-wei")!, name: "Li Wei"), role: "Additional reporting by")],
    tags: (1...22).map { ArticleTag(tag: Tag(id: TagID(Int64($0)), slug: Slug("tag-\($0)")!, name: "Tag & topic \($0)"), origin: .editor) },
    status: .published, publishedAt: Date(timeIntervalSince1970: 1_795_858_200), createdAt: Date(timeIntervalSince1970: 1_795_858_200),
    updatedAt: Date(timeIntervalSince1970: 1_795_858_200), leadImage: nil, externalID: nil)
private let related: [(summary: ArticleSummary, reason: String)] = (1...10).map { i in
    (ArticleSummary(id: ArticleID(Int64(100 + i)), slug: Slug("related-\(i)")!, headline: "Related story number \(i) <with> markup",
                    dek: "", section: section, contributors: [], publishedAt: nil, updatedAt: Date(), leadImage: nil, tagIDs: []),
     "Also about Tag & topic \(i)")
}
private let renderer = PageRenderer(config: BylineConfig(storage: .memory, baseURL: "https://news.example"))

private let template = """
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{headline}} | Byline</title>
<meta name="description" content="{{dek}}"><link rel="canonical" href="https://news.example/article/{{slug}}"></head>
<body><header><nav aria-label="Sections"><ul>{{#sections}}<li><a href="/section/{{slug}}">{{name}}</a></li>{{/sections}}</ul></nav></header>
<main id="main"><article><p class="kicker"><a href="/section/{{sectionSlug}}">{{sectionName}}</a></p><h1>{{headline}}</h1>
<p class="dek">{{dek}}</p>{{#credits}}<p>{{label}} {{#authors}}<a href="/author/{{slug}}">{{name}}</a> {{/authors}}</p>{{/credits}}
<div class="article-body">{{{body}}}</div><ul>{{#tags}}<li><a href="/tag/{{slug}}" rel="tag">{{name}}</a></li>{{/tags}}</ul></article>
<aside><h2>You May Also Like</h2><ul>{{#related}}<li><a href="/article/{{slug}}">{{headline}}</a><p>{{reason}}</p></li>{{/related}}</ul></aside>
</main></body></html>
"""

private func mustacheContext() -> [String: Any] {
    [
        "headline": article.headline, "dek": article.dek, "slug": article.slug.rawValue, "body": article.bodyHTML,
        "sectionSlug": section.slug.rawValue, "sectionName": section.name,
        "sections": sections.map { ["slug": $0.slug.rawValue, "name": $0.name] },
        "credits": [["label": "By", "authors": [["slug": "ana-souza", "name": "Ana Souza"]]],
                    ["label": "Additional reporting by", "authors": [["slug": "li-wei", "name": "Li Wei"]]]],
        "tags": article.tags.map { ["slug": $0.tag.slug.rawValue, "name": $0.tag.name] },
        "related": related.map { ["slug": $0.summary.slug.rawValue, "headline": $0.summary.headline, "reason": $0.reason] },
    ]
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .throughput], maxDuration: .seconds(3))

    Benchmark("Article page: HTMLWriter (shipped)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(renderer.articlePage(article, related: related, sections: sections))
        }
    }

    Benchmark("Article page: swift-mustache") { benchmark in
        guard let compiled = try? MustacheTemplate(string: template) else { return }
        let context = mustacheContext()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(compiled.render(context))
        }
    }
}
