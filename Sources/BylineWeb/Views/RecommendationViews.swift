import Foundation
import BylineCore
import BylineRoutes

/// A story in a recommendation block with the line saying why it is there.
struct PickedStory {
    var summary: ArticleSummary
    var reason: String
}

/// The small boxed lists of stories: "You May Also Like", "Recommended for you", "Most read".
enum StoryBlock {
    /// Where the per-reader block goes in a cached article page; removed when the page is cached.
    static let personalMarker = "<!--byline:personal-->"

    static func render(_ stories: [PickedStory], heading: String, id: String, className: String = "related",
                       ordered: Bool = false, into html: inout HTMLWriter) {
        guard !stories.isEmpty else { return }
        let list = ordered ? "ol" : "ul"
        html.raw("<aside class=\"\(className)\" aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">"); html.text(heading)
        html.raw("</h2>\n<\(list) class=\"stories compact\">")
        for story in stories {
            html.raw("<li class=\"story\"><h3 class=\"story-headline\">")
            html.link(SiteRoute.article(story.summary.slug).path, story.summary.headline)
            html.raw("</h3>")
            html.element("p", story.reason, class: "reason")
            html.raw("</li>")
        }
        html.raw("</\(list)>\n</aside>\n")
    }

    /// The "Recommended for you" block alone, spliced into a cached article page per request.
    static func personal(_ stories: [PickedStory], personalised: Bool) -> [UInt8] {
        var html = HTMLWriter(capacity: 2_048)
        render(stories, heading: personalised ? "Recommended for you" : "Popular in this section", id: "recs-heading",
               className: "related personal", into: &html)
        return html.bytes
    }
}

/// `/most-read`: the most read stories of the window, with their counts of readers.
struct MostReadPage {
    let stories: [(summary: ArticleSummary, reads: Int)]
    let windowHours: Int

    func render(layout: Layout) -> [UInt8] {
        let title = "Most read"
        let span = windowHours == 24 ? "the last 24 hours" : "the last \(windowHours) hours"
        return layout.render(PageMeta(title: title, description: "The stories read most in \(span).", canonical: .mostRead)) { html in
            html.raw("<div class=\"list-page\">\n<header class=\"list-header\"><h1>"); html.text(title); html.raw("</h1>")
            html.element("p", "The stories read by the most readers on this site in \(span), counted from anonymous reading history: "
                         + "each reader counts once per story.", class: "dek")
            html.raw("</header>\n")
            if stories.isEmpty {
                html.element("p", "No reads have been recorded in \(span) yet.")
            } else {
                html.raw("<ol class=\"stories most-read\">")
                for (summary, reads) in stories {
                    html.raw("<li class=\"story\"><h2 class=\"story-headline\">")
                    html.link(SiteRoute.article(summary.slug).path, summary.headline)
                    html.raw("</h2>")
                    html.element("p", "\(summary.section.name) · \(reads) reader\(reads == 1 ? "" : "s")", class: "reason")
                    html.raw("</li>")
                }
                html.raw("</ol>")
            }
            html.raw("</div>")
        }
    }
}

/// `/reading-history`: what this browser's reader id has read, and the forms that clear it and turn
/// recording off or on (plain POST forms; no script).
struct ReadingHistoryPage {
    enum Status { case recording, off, doNotTrack }
    let status: Status
    let reads: [(summary: ArticleSummary, at: Date)]
    let retentionDays: Int
    var notice: String? = nil

    func render(layout: Layout) -> [UInt8] {
        layout.render(PageMeta(title: "Your reading history", description: "What this browser has read here, and how to clear it.",
                               canonical: nil)) { html in
            html.raw("<div class=\"list-page reading-history\">\n<header class=\"list-header\"><h1>Your reading history</h1>")
            html.element("p", "Byline remembers the stories read in this browser, under a random id in a cookie, to recommend "
                         + "others. Nothing is shared with anyone else, and reads older than \(retentionDays) days are deleted.",
                         class: "dek")
            html.raw("</header>\n")
            if let notice { html.raw("<p class=\"notice\" role=\"status\">"); html.text(notice); html.raw("</p>\n") }
            switch status {
            case .doNotTrack:
                html.element("p", "Your browser asks sites not to track you (Do Not Track or Global Privacy Control), "
                             + "so nothing is recorded and no reader cookie is set.")
            case .off:
                html.element("p", "Recording is off: nothing you read is recorded.")
                form(.readingHistoryRecording, field: ("recording", "on"), label: "Turn recording on", into: &html)
            case .recording:
                html.element("p", "Recording is on.")
                form(.readingHistoryRecording, field: ("recording", "off"), label: "Turn recording off", into: &html)
            }
            if reads.isEmpty {
                html.element("p", "There is nothing in your reading history.")
            } else {
                html.raw("<h2>Stories you read</h2>\n<ol class=\"stories compact history\">")
                for (summary, at) in reads {
                    html.raw("<li class=\"story\"><h3 class=\"story-headline\">")
                    html.link(SiteRoute.article(summary.slug).path, summary.headline)
                    html.raw("</h3><p class=\"reason\">Read "); StoryList.time(at, into: &html); html.raw("</p></li>")
                }
                html.raw("</ol>\n")
                form(.readingHistoryClear, field: nil, label: "Clear my reading history", into: &html)
            }
            html.raw("</div>")
        }
    }

    private func form(_ action: SiteRoute, field: (String, String)?, label: String, into html: inout HTMLWriter) {
        html.raw("<form method=\"post\" action=\""); html.text(action.path); html.raw("\">")
        if let (name, value) = field {
            html.raw("<input type=\"hidden\" name=\""); html.text(name); html.raw("\" value=\""); html.text(value); html.raw("\">")
        }
        html.raw("<button type=\"submit\">"); html.text(label); html.raw("</button></form>\n")
    }
}
