import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineNewsroom
import BylineRoutes

/// The "Corrections" block at the end of an article.
enum CorrectionsBlock {
    static func render(_ corrections: [Correction], into html: inout HTMLWriter) {
        guard !corrections.isEmpty else { return }
        html.raw("<section class=\"corrections\" aria-labelledby=\"corrections-heading\">\n<h2 id=\"corrections-heading\">Corrections</h2>\n<ul>")
        for correction in corrections {
            html.raw("<li>"); StoryList.time(correction.createdAt, into: &html); html.raw(": "); html.text(correction.text); html.raw("</li>")
        }
        html.raw("</ul>\n</section>\n")
    }
}

/// `/corrections`: every recent correction with a link to its article.
struct CorrectionsController: Sendable {
    let services: BylineServices
    let clock: @Sendable () -> Date

    func register(on router: Router<BylineRequestContext>) {
        router.on(.corrections) { _, _, _ in
            let now = clock()
            let recent = try await services.newsroom.publishing.corrections.recentCorrections(limit: 200)
            var rows: [(Correction, Article)] = []
            for correction in recent {
                if let article = try await services.stores.articles.article(id: correction.articleID), article.isPublic(at: now) {
                    rows.append((correction, article))
                }
            }
            let config = services.config
            let layout = Layout(config: config, sections: try await services.stores.sections.sections())
            let body = layout.render(PageMeta(title: "Corrections", description: "Corrections to our reporting.", canonical: nil)) { html in
                html.raw("<h1>Corrections</h1>\n")
                if rows.isEmpty { html.raw("<p>No corrections have been published.</p>") }
                html.raw("<ul class=\"stories corrections-list\">")
                for (correction, article) in rows {
                    html.raw("<li class=\"story\"><h2 class=\"story-headline\">")
                    html.link(SiteRoute.article(article.slug).path, article.headline)
                    html.raw("</h2><p>"); StoryList.time(correction.createdAt, into: &html); html.raw(": ")
                    html.text(correction.text); html.raw("</p></li>")
                }
                html.raw("</ul>")
            }
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=60"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
