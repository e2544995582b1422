import Foundation
import BylineCore
import BylineSyndication
import BylineRoutes

/// The article page: section link, headline, dek, credits, time, lead image, body, tags, related block,
/// the place of the per-reader block, and "Most read".
struct ArticlePage {
    let article: Article
    let related: [PickedStory]
    /// "Most read", already without the stories of the related block.
    var mostRead: [PickedStory] = []
    /// Writes ``StoryBlock/personalMarker`` where "Recommended for you" is spliced in per request.
    var personalSlot = false
    /// Published corrections, oldest first; shown in a block at the end of the article.
    var corrections: [Correction] = []

    func render(layout: Layout) -> [UInt8] {
        let structured = StructuredData(site: layout.site)
        let meta = PageMeta(title: article.headline, description: article.dek.isEmpty ? article.headline : article.dek,
                            canonical: .article(article.slug), headExtra: structuredData(structured),
                            currentSection: article.section.id, socialTags: structured.metaTags(for: article))
        return layout.render(meta) { html in
            html.raw("<article class=\"article\" aria-labelledby=\"headline\">\n<header class=\"article-header\">\n")
            html.raw("<p class=\"kicker\">"); html.link(SiteRoute.section(article.section.slug).path, article.section.name); html.raw("</p>\n")
            html.raw("<h1 id=\"headline\">"); html.text(article.headline); html.raw("</h1>\n")
            if !article.dek.isEmpty { html.element("p", article.dek, class: "dek"); html.raw("\n") }
            credits(into: &html)
            if let publishedAt = article.publishedAt {
                html.raw("<p class=\"dateline\">"); StoryList.time(publishedAt, into: &html)
                if article.updatedAt.timeIntervalSince(publishedAt) > 3_600 {
                    html.raw(" · Updated <time datetime=\""); html.text(Formatting.machineDate(article.updatedAt)); html.raw("\">")
                    html.text(Formatting.humanDate(article.updatedAt)); html.raw("</time>")
                }
                html.raw("</p>\n")
            }
            html.raw("</header>\n")
            if let image = article.leadImage {
                html.raw("<figure class=\"lead-image\"><img src=\""); html.text(image.url); html.raw("\" alt=\""); html.text(image.alt)
                html.raw("\" loading=\"eager\">")
                if image.caption != nil || image.credit != nil {
                    html.raw("<figcaption>")
                    if let caption = image.caption { html.text(caption) }
                    if let credit = image.credit { html.raw(" <span class=\"credit\">"); html.text(credit); html.raw("</span>") }
                    html.raw("</figcaption>")
                }
                html.raw("</figure>\n")
            }
            html.raw("<div class=\"article-body\">\n"); html.raw(article.bodyHTML); html.raw("\n</div>\n")
            if !article.tags.isEmpty {
                html.raw("<nav class=\"tags\" aria-label=\"Topics\"><h2 class=\"visually-hidden\">Topics</h2><ul>")
                for t in article.tags {
                    let path: SiteRoute = t.tag.entity == nil ? .tag(t.tag.slug) : .entity(t.tag.slug)
                    html.raw("<li>"); html.link(path.path, t.tag.name, rel: "tag"); html.raw("</li>")
                }
                html.raw("</ul></nav>\n")
            }
            CorrectionsBlock.render(corrections, into: &html)
            html.raw("</article>\n")
            StoryBlock.render(related, heading: "You May Also Like", id: "related-heading", into: &html)
            if personalSlot { html.raw(StoryBlock.personalMarker) }
            StoryBlock.render(mostRead, heading: "Most read", id: "most-read-heading", className: "related most-read",
                              ordered: true, into: &html)
        }
    }

    /// JSON-LD `NewsArticle` and `BreadcrumbList` for `<head>`; the writer's JSON is already safe inside a script element.
    /// Entities an editor tagged are what the story is `about`; those the tagger found are `mentions`.
    private func structuredData(_ structured: StructuredData) -> String {
        var about: [EntityReference] = []
        var mentions: [EntityReference] = []
        for t in article.tags {
            guard let entity = t.tag.entity else { continue }
            let reference = EntityReference(name: entity.name, type: Self.schemaType(entity.type),
                                            wikidataID: entity.wikidataID, path: .entity(t.tag.slug))
            if t.origin == .editor { about.append(reference) } else { mentions.append(reference) }
        }
        let published = corrections.map { ArticleCorrection(date: $0.createdAt, text: $0.text) }
        let newsArticle = structured.newsArticle(article, about: about, mentions: mentions, corrections: published)
        let breadcrumbs = structured.breadcrumbList(structured.breadcrumbs(for: article))
        return "<script type=\"application/ld+json\">\(newsArticle)</script>\n"
            + "<script type=\"application/ld+json\">\(breadcrumbs)</script>\n"
    }

    /// The schema.org type of an entity tag's recogniser type (`PER`, `ORG`, `LOC`).
    static func schemaType(_ type: String) -> String {
        switch type {
        case "PER": return "Person"
        case "ORG": return "Organization"
        case "LOC": return "Place"
        default: return "Thing"
        }
    }

    /// "By Ana Souza and Li Wei" then one line per role; nothing at all when the article has no author.
    private func credits(into html: inout HTMLWriter) {
        let lines = CreditLine.lines(for: article.contributors)
        guard !lines.isEmpty else { return }
        html.raw("<div class=\"byline\">")
        for line in lines {
            html.raw("<p>"); html.text(line.label); html.raw(" ")
            for (i, author) in line.authors.enumerated() {
                if i > 0 { html.raw(i == line.authors.count - 1 ? " and " : ", ") }
                html.raw("<a rel=\"author\" href=\""); html.text(SiteRoute.author(author.slug).path); html.raw("\">")
                html.text(author.name); html.raw("</a>")
            }
            html.raw("</p>")
        }
        html.raw("</div>\n")
    }
}
