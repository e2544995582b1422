import Foundation
import BylineCore
import BylineStore
import BylineRank
import BylineRoutes
import BylineSearch

/// Snippets as HTML: every character of the text is escaped; only Byline's own `<mark>` is markup.
enum SnippetHTML {
    static func render(_ parts: [SnippetPart]) -> String {
        var html = HTMLWriter(capacity: 256)
        write(parts, into: &html)
        return String(decoding: html.bytes, as: UTF8.self)
    }

    static func write(_ parts: [SnippetPart], into html: inout HTMLWriter) {
        for part in parts {
            if part.isMatch { html.raw("<mark>"); html.text(part.text); html.raw("</mark>") } else { html.text(part.text) }
        }
    }
}

/// The search page: the form, notes about the query, "Did you mean", facets, results with snippets, pages.
struct SearchPage {
    let parameters: SearchParameters?
    let outcome: SearchOutcome?
    let sections: [Section]

    func render(layout: Layout) -> [UInt8] {
        let title = parameters.map { "Search: \($0.query)" } ?? "Search"
        let meta = PageMeta(title: title, description: "Search the archive of \(layout.siteName).", canonical: nil,
                            headExtra: "<meta name=\"robots\" content=\"noindex, follow\">\n")
        return layout.render(meta) { html in
            html.raw("<header class=\"list-header\"><h1>")
            if let parameters { html.text("Results for “\(parameters.query)”") } else { html.text("Search") }
            html.raw("</h1></header>\n")
            form(into: &html)
            guard let parameters, let outcome else {
                html.raw("<p>Search headlines, stories, topics and authors. Use \"quotes\" for a phrase, -word to leave a word out, OR between alternatives and word* for words that begin with it.</p>")
                return
            }
            for notice in outcome.query.notices { html.element("p", notice, class: "notice") }
            if let suggestion = outcome.suggestion {
                html.raw("<p class=\"suggestion\">")
                if outcome.showingSuggestion {
                    html.text("No results for “\(parameters.query)”. Showing results for ")
                    html.link(parameters.path(query: suggestion.text), suggestion.text)
                    html.text(".")
                } else {
                    html.text("Did you mean "); html.link(parameters.path(query: suggestion.text), suggestion.text); html.text("?")
                }
                html.raw("</p>\n")
            }
            let hits = outcome.results.hits
            html.raw("<p class=\"result-count\" role=\"status\">")
            html.text(hits.total == 1 ? "1 result" : "\(hits.total) results")
            // Results first (in reading order and on narrow screens); the facets sit beside them on wide ones.
            html.raw("</p>\n<div class=\"search-layout\">\n")
            html.raw("<section class=\"search-results\" aria-label=\"Results\">")
            if hits.items.isEmpty {
                html.raw(hits.total > 0 ? "<p>There are no more results.</p>" : "<p>No stories matched. Try fewer or different words.</p>")
            } else {
                html.raw("<ol class=\"stories\">")
                for hit in hits.items { card(hit, into: &html) }
                html.raw("</ol>")
            }
            pagination(parameters, hits, into: &html)
            html.raw("</section>\n")
            facets(parameters, outcome.results.facets ?? SearchFacets(), into: &html)
            html.raw("</div>")
        }
    }

    private func form(into html: inout HTMLWriter) {
        html.raw("<form class=\"search-form\" role=\"search\" action=\"")
        html.text(SearchParameters.formAction); html.raw("\" method=\"get\">")
        html.raw("<p><label for=\"search-q\">Search for</label> <input id=\"search-q\" type=\"search\" name=\"q\" value=\"")
        html.text(parameters?.query ?? ""); html.raw("\" maxlength=\"256\" required></p>")
        html.raw("<p><label for=\"search-section\">Section</label> <select id=\"search-section\" name=\"section\"><option value=\"\">All sections</option>")
        for section in sections {
            html.raw("<option value=\""); html.text(section.slug.rawValue); html.raw("\"")
            if parameters?.section?.id == section.id { html.raw(" selected") }
            html.raw(">"); html.text(section.name); html.raw("</option>")
        }
        html.raw("</select> <label for=\"search-from\">From</label> <input id=\"search-from\" type=\"date\" name=\"from\" value=\"")
        html.text(parameters?.from ?? ""); html.raw("\"> <label for=\"search-to\">To</label> <input id=\"search-to\" type=\"date\" name=\"to\" value=\"")
        html.text(parameters?.to ?? ""); html.raw("\"> <label for=\"search-sort\">Order</label> <select id=\"search-sort\" name=\"sort\">")
        for (value, label) in [("relevance", "Most relevant"), ("date", "Newest")] {
            html.raw("<option value=\"\(value)\"")
            if (parameters?.sort ?? .relevance).rawValue == value { html.raw(" selected") }
            html.raw(">\(label)</option>")
        }
        html.raw("</select>")
        if let tag = parameters?.tag { html.raw("<input type=\"hidden\" name=\"tag\" value=\""); html.text(tag.slug.rawValue); html.raw("\">") }
        if let author = parameters?.author { html.raw("<input type=\"hidden\" name=\"author\" value=\""); html.text(author.slug.rawValue); html.raw("\">") }
        html.raw(" <button type=\"submit\">Search</button></p></form>\n")
    }

    private func card(_ hit: SearchHit, into html: inout HTMLWriter) {
        let item = hit.article
        html.raw("<li class=\"story\"><p class=\"kicker\">"); html.link(SiteRoute.section(item.section.slug).path, item.section.name)
        html.raw("</p><h2 class=\"story-headline\">"); html.link(SiteRoute.article(item.slug).path, item.headline); html.raw("</h2>")
        if !hit.snippet.isEmpty {
            html.raw("<p class=\"snippet\">"); SnippetHTML.write(hit.snippet, into: &html); html.raw("</p>")
        } else if !item.dek.isEmpty {
            html.element("p", item.dek, class: "dek")
        }
        StoryList.meta(contributors: item.contributors, publishedAt: item.publishedAt, into: &html)
        html.raw("</li>")
    }

    private func facets(_ parameters: SearchParameters, _ facets: SearchFacets, into html: inout HTMLWriter) {
        let narrowed = parameters.section != nil || parameters.tag != nil || parameters.author != nil
            || parameters.from != nil || parameters.to != nil
        guard narrowed || !facets.sections.isEmpty || !facets.tags.isEmpty || !facets.authors.isEmpty else { return }
        html.raw("<aside class=\"facets\" aria-label=\"Narrow the results\">")
        func group<V>(_ title: String, _ values: [FacetCount<V>], active: V?, name: (V) -> String,
                      set: @escaping (inout SearchParameters, V?) -> Void, html: inout HTMLWriter) {
            guard !values.isEmpty || active != nil else { return }
            html.raw("<h2>"); html.text(title); html.raw("</h2><ul>")
            if let active {
                html.raw("<li>"); html.text(name(active)); html.raw(" · ")
                html.link(parameters.path { set(&$0, nil); $0.page = PageRequest(page: 1, size: $0.page.size) }, "show all")
                html.raw("</li>")
            } else {
                for value in values {
                    html.raw("<li>")
                    html.link(parameters.path { set(&$0, value.value); $0.page = PageRequest(page: 1, size: $0.page.size) }, name(value.value))
                    html.raw(" <span class=\"count\">(\(value.count))</span></li>")
                }
            }
            html.raw("</ul>")
        }
        group("Sections", facets.sections, active: parameters.section, name: { $0.name },
              set: { $0.section = $1 }, html: &html)
        group("Topics", facets.tags, active: parameters.tag, name: { $0.name }, set: { $0.tag = $1 }, html: &html)
        group("Authors", facets.authors, active: parameters.author, name: { $0.name },
              set: { $0.author = $1 }, html: &html)
        if parameters.from != nil || parameters.to != nil {
            html.raw("<h2>Dates</h2><ul><li>"); html.text("\(parameters.from ?? "…") to \(parameters.to ?? "…")"); html.raw(" · ")
            html.link(parameters.path { $0.from = nil; $0.to = nil; $0.page = PageRequest(page: 1, size: $0.page.size) }, "any date")
            html.raw("</li></ul>")
        }
        html.raw("</aside>\n")
    }

    private func pagination(_ parameters: SearchParameters, _ hits: Paged<SearchHit>, into html: inout HTMLWriter) {
        guard hits.pageCount > 1 else { return }
        let size = hits.request.size
        html.raw("<nav class=\"pagination\" aria-label=\"Pages\"><ul>")
        if hits.hasPrevious {
            html.raw("<li><a rel=\"prev\" href=\""); html.text(parameters.path { $0.page = PageRequest(page: hits.request.page - 1, size: size) })
            html.raw("\">Previous results</a></li>")
        }
        html.raw("<li><span aria-current=\"page\">Page \(hits.request.page) of \(hits.pageCount)</span></li>")
        if hits.hasNext {
            html.raw("<li><a rel=\"next\" href=\""); html.text(parameters.path { $0.page = PageRequest(page: hits.request.page + 1, size: size) })
            html.raw("\">More results</a></li>")
        }
        html.raw("</ul></nav>")
    }
}
