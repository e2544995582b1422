import Foundation
import BylineCore
import BylineRoutes

/// The home page: the lead story, then the latest stories of each section, never repeating a story.
struct HomePage {
    let lead: ArticleSummary?
    let sections: [(section: Section, stories: [ArticleSummary])]
    let description: String
    /// "Most read", without the stories already on the page.
    var mostRead: [PickedStory] = []

    func render(layout: Layout) -> [UInt8] {
        layout.render(PageMeta(title: layout.siteName, description: description, canonical: .home())) { html in
            html.element("h1", ["class": "visually-hidden"], text: layout.siteName)
            html.raw("\n")
            if let lead {
                html.element("section", ["class": "lead", "aria-labelledby": "lead-heading"]) { html in
                    html.raw("\n")
                    html.element("h2", ["id": "lead-heading", "class": "visually-hidden"], text: "Top story")
                    html.raw("\n")
                    html.element("p", ["class": "kicker"]) { $0.link(.section(lead.section.slug), lead.section.name) }
                    html.element("h3", ["class": "lead-headline"]) { $0.link(.article(lead.slug), lead.headline) }
                    if !lead.dek.isEmpty { html.element("p", ["class": "dek"], text: lead.dek) }
                    StoryList.meta(contributors: lead.contributors, publishedAt: lead.publishedAt, into: &html)
                    html.raw("\n")
                }
                html.raw("\n")
            } else {
                html.element("p", text: "No stories have been published yet.")
            }
            html.element("div", ["class": "section-grid"]) { html in
                for block in sections where !block.stories.isEmpty {
                    let heading = "s-\(block.section.slug.rawValue)"
                    html.element("section", ["class": "section-block", "aria-labelledby": heading]) { html in
                        html.raw("\n")
                        html.element("h2", ["id": heading]) { $0.link(.section(block.section.slug), block.section.name) }
                        html.raw("\n")
                        StoryList.render(block.stories, headingLevel: 3, showSection: false, into: &html)
                        html.raw("\n")
                    }
                    html.raw("\n")
                }
            }
            StoryBlock.render(mostRead, heading: "Most read", id: "most-read-heading", className: "related most-read",
                              ordered: true, into: &html)
        }
    }
}

/// A section, tag or author page: a heading, an optional description and a paged list of stories.
struct ListPage {
    let title: String
    let kicker: String
    let description: String
    let page: Paged<ArticleSummary>
    let path: (Int) -> SiteRoute
    let currentSection: SectionID?

    func render(layout: Layout) -> [UInt8] {
        let pageTitle = page.request.page > 1 ? "\(title) (page \(page.request.page))" : title
        let meta = PageMeta(title: pageTitle, description: description.isEmpty ? "Stories: \(title)" : description,
                            canonical: path(page.request.page), currentSection: currentSection, feed: feedScope)
        return layout.render(meta) { html in
            html.raw("<header class=\"list-header\">")
            html.element("p", kicker, class: "kicker")
            html.raw("<h1>"); html.text(title); html.raw("</h1>")
            if !description.isEmpty { html.element("p", description, class: "dek") }
            html.raw("</header>\n")
            if page.items.isEmpty {
                html.raw("<p>No stories yet.</p>")
            } else {
                StoryList.render(page.items, headingLevel: 2, showSection: currentSection == nil, into: &html)
            }
            StoryList.pagination(page, path: path, into: &html)
        }
    }
}

extension ListPage {
    /// The feed of the section, tag or author this page lists.
    var feedScope: FeedScope? {
        switch path(1) {
        case .section(let slug, _): return .section(slug)
        case .tag(let slug, _): return .tag(slug)
        case .author(let slug, _): return .author(slug)
        case .entity(let slug, _): return .entity(slug)
        default: return nil
        }
    }
}

/// The page for anything that is not there.
struct ErrorPage {
    let status: Int
    let title: String
    let message: String

    func render(layout: Layout) -> [UInt8] {
        layout.render(PageMeta(title: title, description: message, canonical: nil)) { html in
            html.raw("<div class=\"error-page\">")
            html.element("p", "Error \(status)", class: "kicker")
            html.raw("<h1>"); html.text(title); html.raw("</h1>")
            html.element("p", message)
            html.raw("<p><a href=\""); html.text(SiteRoute.home().path); html.raw("\">Go to the front page</a></p></div>")
        }
    }
}

/// The page of a person, place or organisation: name, type, knowledge-base facts, and the stories about it.
struct EntityPage {
    let entity: EntityInfo
    let slug: Slug
    let facts: [(label: String, values: [String])]
    let page: Paged<ArticleSummary>

    func render(layout: Layout) -> [UInt8] {
        let title = page.request.page > 1 ? "\(entity.name) (page \(page.request.page))" : entity.name
        let meta = PageMeta(title: title, description: "Stories about \(entity.name).", canonical: .entity(slug, page: page.request.page),
                            feed: .entity(slug))
        return layout.render(meta) { html in
            html.raw("<header class=\"list-header\">")
            html.element("p", entity.typeName, class: "kicker")
            html.raw("<h1>"); html.text(entity.name); html.raw("</h1>")
            if !facts.isEmpty || entity.wikidataID != nil {
                html.raw("<dl class=\"facts\">")
                for fact in facts {
                    html.element("dt", fact.label)
                    html.element("dd", fact.values.joined(separator: ", "))
                }
                if let qid = entity.wikidataID {
                    html.raw("<dt>Wikidata</dt><dd>")
                    html.link("https://www.wikidata.org/wiki/\(qid)", qid, rel: "external")
                    html.raw("</dd>")
                }
                html.raw("</dl>")
            }
            html.raw("</header>\n")
            if page.items.isEmpty {
                html.raw("<p>No stories yet.</p>")
            } else {
                StoryList.render(page.items, headingLevel: 2, showSection: true, into: &html)
            }
            StoryList.pagination(page, path: { .entity(slug, page: $0) }, into: &html)
        }
    }
}
