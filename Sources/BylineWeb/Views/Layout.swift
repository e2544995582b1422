import Foundation
import BylineCore
import BylineSyndication
import BylineNewsroom
import BylineRoutes

/// What the page shell needs besides the body: title, description, canonical path, navigation.
struct PageMeta {
    var title: String
    var description: String
    var canonical: SiteRoute?
    /// Extra markup for `<head>` (already escaped or produced by the syndication writers).
    var headExtra: String = ""
    /// The section to mark as current in the navigation.
    var currentSection: SectionID?
    /// The feed of what this page lists (a section, tag, author or entity), offered besides the site's own feed.
    var feed: FeedScope? = nil
    /// OpenGraph and Twitter card tags; when nil, a page with a canonical address gets the list-page tags.
    var socialTags: [MetaTag]? = nil
}

/// The shell every page shares: landmarks, skip link, navigation, footer.
struct Layout {
    let siteName: String
    let baseURL: String
    let language: String
    let sections: [Section]
    /// The publisher as structured data names it; the site's name and no logo when not given.
    var publisher: SiteIdentity? = nil

    func render(_ meta: PageMeta, body: (inout HTMLWriter) -> Void) -> [UInt8] {
        var html = HTMLWriter()
        html.raw("<!doctype html>\n<html lang=\""); html.text(language); html.raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        html.text(meta.title == siteName ? siteName : "\(meta.title) | \(siteName)")
        html.raw("</title>\n<meta name=\"description\" content=\""); html.text(meta.description); html.raw("\">\n")
        if let canonical = meta.canonical {
            html.raw("<link rel=\"canonical\" href=\""); html.text(canonical.url(base: baseURL)); html.raw("\">\n")
        }
        html.raw("<link rel=\"stylesheet\" href=\""); html.text(SiteRoute.stylesheet.path); html.raw("\">\n")
        writeSyndicationHead(meta, into: &html)
        html.raw(meta.headExtra)
        html.raw("</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
        html.raw("<header class=\"masthead\">\n<div class=\"wrap\">\n<p class=\"site-name\"><a href=\"")
        html.text(SiteRoute.home().path); html.raw("\">"); html.text(siteName); html.raw("</a></p>\n")
        html.raw("<nav aria-label=\"Sections\"><ul>")
        for section in sections {
            html.raw("<li><a href=\""); html.text(SiteRoute.section(section.slug).path); html.raw("\"")
            if section.id == meta.currentSection { html.raw(" aria-current=\"page\"") }
            html.raw(">"); html.text(section.name); html.raw("</a></li>")
        }
        html.raw("</ul></nav>\n")
        // The search form on every page (SearchController serves it).
        html.raw("<form class=\"masthead-search\" role=\"search\" action=\""); html.text(SearchParameters.formAction)
        html.raw("\" method=\"get\"><label for=\"masthead-q\">Search</label> ")
        html.raw("<input id=\"masthead-q\" type=\"search\" name=\"q\" maxlength=\"256\"> <button type=\"submit\">Go</button></form>\n")
        html.raw("</div>\n</header>\n<main id=\"main\" class=\"wrap\">\n")
        body(&html)
        html.raw("\n</main>\n<footer class=\"site-footer\">\n<div class=\"wrap\">\n<p>")
        html.text(siteName); html.raw(" · published with Byline · ")
        html.link(SiteRoute.mostRead.path, "Most read"); html.raw(" · "); html.link(SiteRoute.readingHistory().path, "Your reading history")
        html.raw("</p>\n</div>\n</footer>\n</body>\n</html>\n")
        return html.bytes
    }
}

extension Layout {
    /// The publisher as the syndication writers see it.
    var site: SiteIdentity { publisher ?? SiteIdentity(name: siteName, baseURL: baseURL, language: language) }

    /// The shell for a site configured by `config`, with its publisher name and logo.
    init(config: BylineConfig, sections: [Section]) {
        self.init(siteName: config.siteName, baseURL: config.baseURL, language: config.language, sections: sections,
                  publisher: config.siteIdentity)
    }

    /// Feed discovery links (the site's feed on every page, the page's own feed where it has one) and social tags.
    private func writeSyndicationHead(_ meta: PageMeta, into html: inout HTMLWriter) {
        let writer = FeedWriter(site: site)
        var links = writer.discoveryLinks(scope: .site, title: siteName)
        if let scope = meta.feed, scope != .site { links += writer.discoveryLinks(scope: scope, title: meta.title) }
        for link in links {
            html.raw("<link rel=\"alternate\" type=\""); html.text(link.type); html.raw("\" title=\""); html.text(link.title)
            html.raw("\" href=\""); html.text(link.href); html.raw("\">\n")
        }
        let tags = meta.socialTags ?? meta.canonical.map {
            StructuredData(site: site).metaTags(title: meta.title, description: meta.description, path: $0)
        } ?? []
        for tag in tags {
            html.raw("<meta "); html.raw(tag.attributeName); html.raw("=\""); html.text(tag.property)
            html.raw("\" content=\""); html.text(tag.content); html.raw("\">\n")
        }
    }
}

/// Renders lists of stories the same way on every page.
enum StoryList {
    /// A list of story cards; `headingLevel` is the level of each story's headline.
    static func render(_ items: [ArticleSummary], headingLevel: Int = 3, showSection: Bool = true, into html: inout HTMLWriter) {
        html.raw("<ul class=\"stories\">")
        for item in items { card(item, headingLevel: headingLevel, showSection: showSection, into: &html) }
        html.raw("</ul>")
    }

    static func card(_ item: ArticleSummary, headingLevel: Int, showSection: Bool, into html: inout HTMLWriter) {
        html.raw("<li class=\"story\">")
        if showSection {
            html.raw("<p class=\"kicker\">"); html.link(SiteRoute.section(item.section.slug).path, item.section.name); html.raw("</p>")
        }
        html.raw("<h\(headingLevel) class=\"story-headline\">")
        html.link(SiteRoute.article(item.slug).path, item.headline)
        html.raw("</h\(headingLevel)>")
        if !item.dek.isEmpty { html.element("p", item.dek, class: "dek") }
        meta(contributors: item.contributors, publishedAt: item.publishedAt, into: &html)
        html.raw("</li>")
    }

    /// The small credit-and-date line under a story card.
    static func meta(contributors: [Contributor], publishedAt: Date?, into html: inout HTMLWriter) {
        let names = contributors.filter { $0.role == nil }.map(\.author.name)
        guard !names.isEmpty || publishedAt != nil else { return }
        html.raw("<p class=\"meta\">")
        if !names.isEmpty { html.raw("<span class=\"by\">By "); html.text(Formatting.joinedNames(names)); html.raw("</span> ") }
        if let publishedAt { time(publishedAt, into: &html) }
        html.raw("</p>")
    }

    static func time(_ date: Date, into html: inout HTMLWriter) {
        html.raw("<time datetime=\""); html.text(Formatting.machineDate(date)); html.raw("\">")
        html.text(Formatting.humanDate(date)); html.raw("</time>")
    }

    /// Previous/next links for a paged list; nothing when there is one page.
    static func pagination<T>(_ page: Paged<T>, path: (Int) -> SiteRoute, into html: inout HTMLWriter) {
        guard page.pageCount > 1 else { return }
        html.raw("<nav class=\"pagination\" aria-label=\"Pages\"><ul>")
        if page.hasPrevious {
            html.raw("<li><a rel=\"prev\" href=\""); html.text(path(page.request.page - 1).path); html.raw("\">Newer stories</a></li>")
        }
        html.raw("<li><span aria-current=\"page\">Page \(page.request.page) of \(page.pageCount)</span></li>")
        if page.hasNext {
            html.raw("<li><a rel=\"next\" href=\""); html.text(path(page.request.page + 1).path); html.raw("\">Older stories</a></li>")
        }
        html.raw("</ul></nav>")
    }
}
