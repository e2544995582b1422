import Foundation
import BylineCore
import BylineRoutes

/// The admin's page shell: its own small stylesheet, the signed-in user and the admin navigation.
struct AdminLayout {
    let siteName: String
    let user: User?
    let csrf: String?

    func render(title: String, body: (inout HTMLWriter) -> Void) -> [UInt8] {
        var html = HTMLWriter()
        html.raw("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>")
        html.text("\(title) | \(siteName) admin"); html.raw("</title>\n<link rel=\"stylesheet\" href=\"")
        html.text(SiteRoute.stylesheet.path); html.raw("\">\n<link rel=\"stylesheet\" href=\""); html.text(SiteRoute.admin(.stylesheet).path); html.raw("\">\n")
        html.raw("</head>\n<body class=\"admin\">\n<header class=\"masthead\"><div class=\"wrap admin-bar\">\n<p class=\"site-name\"><a href=\"")
        html.text(SiteRoute.admin(.home).path); html.raw("\">"); html.text(siteName); html.raw(" newsroom</a></p>\n")
        if let user {
            html.raw("<nav aria-label=\"Admin\"><ul><li><a href=\""); html.text(SiteRoute.admin(.home).path); html.raw("\">Articles</a></li><li><a href=\"")
            html.text(SiteRoute.admin(.newArticle).path); html.raw("\">New article</a></li>")
            if user.role.isAdmin { html.raw("<li><a href=\""); html.text(SiteRoute.admin(.audit()).path); html.raw("\">Audit log</a></li>") }
            html.raw("<li><a href=\"/\">View site</a></li></ul></nav>\n<form method=\"post\" action=\""); html.text(SiteRoute.admin(.logout).path)
            html.raw("\" class=\"inline\">"); hidden("csrf", csrf ?? "", into: &html)
            html.raw("<span class=\"who\">"); html.text(user.displayName); html.raw(" · "); html.text(user.role.rawValue)
            html.raw("</span> <button type=\"submit\">Sign out</button></form>\n")
        }
        html.raw("</div></header>\n<main id=\"main\" class=\"wrap\">\n")
        body(&html)
        html.raw("\n</main>\n</body>\n</html>\n")
        return html.bytes
    }
}

func hidden(_ name: String, _ value: String, into html: inout HTMLWriter) {
    html.raw("<input type=\"hidden\" name=\""); html.text(name); html.raw("\" value=\""); html.text(value); html.raw("\">")
}

/// Field problems listed above a form, each linked to its field.
func issueList(_ issues: [FieldIssue], into html: inout HTMLWriter) {
    guard !issues.isEmpty else { return }
    html.raw("<div class=\"errors\" role=\"alert\"><h2>Please fix:</h2><ul>")
    for issue in issues { html.raw("<li>"); html.text(issue.description); html.raw("</li>") }
    html.raw("</ul></div>")
}

/// The sign-in page.
struct LoginPage {
    var username = ""
    var message: String?
    let csrf: String

    func render(siteName: String) -> [UInt8] {
        AdminLayout(siteName: siteName, user: nil, csrf: nil).render(title: "Sign in") { html in
            html.raw("<h1>Sign in</h1>\n")
            if let message { html.raw("<p class=\"errors\" role=\"alert\">"); html.text(message); html.raw("</p>") }
            html.raw("<form method=\"post\" action=\""); html.text(SiteRoute.admin(.login).path); html.raw("\" class=\"stack narrow\">")
            hidden("csrf", csrf, into: &html)
            html.raw("<label>Username <input name=\"username\" autocomplete=\"username\" required value=\""); html.text(username)
            html.raw("\"></label><label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>")
            html.raw("<button type=\"submit\">Sign in</button></form>")
        }
    }
}

/// The article list with status, section and author filters.
struct AdminListPage {
    let items: Paged<ArticleSummary>
    let statuses: [ArticleID: ArticleStatus]
    let sections: [Section]
    let authors: [Author]
    let filter: (status: String, section: String, author: String)

    func render(layout: AdminLayout) -> [UInt8] {
        layout.render(title: "Articles") { html in
            html.raw("<h1>Articles</h1>\n<form method=\"get\" action=\""); html.text(SiteRoute.admin(.home).path); html.raw("\" class=\"filters\">")
            selectField("status", "Status", [("", "Any status")] + ArticleStatus.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }, filter.status, into: &html)
            selectField("section", "Section", [("", "Any section")] + sections.map { ($0.slug.rawValue, $0.name) }, filter.section, into: &html)
            selectField("author", "Author", [("", "Any author")] + authors.map { ($0.slug.rawValue, $0.name) }, filter.author, into: &html)
            html.raw("<button type=\"submit\">Filter</button></form>\n")
            html.raw("<p><a class=\"button\" href=\""); html.text(SiteRoute.admin(.newArticle).path); html.raw("\">New article</a> ")
            html.text("\(items.total) article\(items.total == 1 ? "" : "s")"); html.raw("</p>\n")
            html.raw("<table class=\"admin-table\"><thead><tr><th scope=\"col\">Headline</th><th scope=\"col\">Status</th><th scope=\"col\">Section</th><th scope=\"col\">Authors</th><th scope=\"col\">Date</th></tr></thead><tbody>")
            for item in items.items {
                let status = statuses[item.id] ?? .draft
                html.raw("<tr><td>"); html.link(SiteRoute.admin(.article(item.id)).path, item.headline); html.raw("</td><td><span class=\"status status-")
                html.text(status.rawValue); html.raw("\">"); html.text(status.rawValue); html.raw("</span></td><td>")
                html.text(item.section.name); html.raw("</td><td>"); html.text(item.contributors.map(\.author.name).joined(separator: ", "))
                html.raw("</td><td>"); StoryList.time(item.publishedAt ?? item.updatedAt, into: &html); html.raw("</td></tr>")
            }
            html.raw("</tbody></table>")
            if items.pageCount > 1 {
                html.raw("<p>Page \(items.request.page) of \(items.pageCount)")
                func link(_ page: Int, _ label: String, into html: inout HTMLWriter) {
                    var query = "?page=\(page)"
                    for (k, v) in [("status", filter.status), ("section", filter.section), ("author", filter.author)] where !v.isEmpty {
                        query += "&\(k)=\(v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                    }
                    html.raw(" "); html.link(SiteRoute.admin(.home).path + query, label)
                }
                if items.hasPrevious { link(items.request.page - 1, "Previous", into: &html) }
                if items.hasNext { link(items.request.page + 1, "Next", into: &html) }
                html.raw("</p>")
            }
        }
    }
}

func selectField(_ name: String, _ label: String, _ options: [(String, String)], _ selected: String, into html: inout HTMLWriter) {
    html.raw("<label>"); html.text(label); html.raw(" <select name=\""); html.text(name); html.raw("\">")
    for (value, title) in options {
        html.raw("<option value=\""); html.text(value); html.raw("\"")
        if value == selected { html.raw(" selected") }
        html.raw(">"); html.text(title); html.raw("</option>")
    }
    html.raw("</select></label> ")
}

/// The editor: every field of a draft, with preview, workflow buttons, corrections and history links.
struct EditorPage {
    let article: Article?
    let draft: ArticleDraft
    let sections: [Section]
    let role: Role
    var issues: [FieldIssue] = []
    var notice: String?
    var previewHTML: String?
    var corrections: [Correction] = []
    var submittedAt: Date?
    var publishAt: String = ""
    /// The "Related stories" section (existing articles only).
    var related: RelatedFields?

    /// Pins and exclusions as the editor types them (slugs or ids), and the block as readers see it now.
    struct RelatedFields {
        var pinned: String
        var excluded: String
        var picks: [String]
    }

    func render(layout: AdminLayout) -> [UInt8] {
        let title = article == nil ? "New article" : "Edit: \(draft.headline)"
        return layout.render(title: title) { html in
            html.raw("<h1>"); html.text(article == nil ? "New article" : "Edit article"); html.raw("</h1>\n")
            if let article {
                html.raw("<p class=\"meta\">Status: <span class=\"status status-"); html.text(article.status.rawValue); html.raw("\">")
                html.text(article.status.rawValue); html.raw("</span>")
                if let at = article.publishedAt { html.raw(" · "); html.text(article.status == .scheduled ? "Scheduled for " : "Published ")
                    html.text(Formatting.machineDate(at)) }
                if submittedAt != nil { html.raw(" · Submitted for review") }
                html.raw(" · "); html.link(SiteRoute.admin(.revisions(article.id)).path, "Revision history")
                if article.isPublic(at: Date()) { html.raw(" · "); html.link(SiteRoute.article(article.slug).path, "View on site") }
                html.raw("</p>\n")
            }
            if let notice { html.raw("<p class=\"notice\" role=\"status\">"); html.text(notice); html.raw("</p>") }
            issueList(issues, into: &html)
            html.raw("<form method=\"post\" action=\""); html.text(article.map { SiteRoute.admin(.article($0.id)).path } ?? SiteRoute.admin(.newArticle).path)
            html.raw("\" class=\"stack editor\">"); hidden("csrf", layout.csrf ?? "", into: &html)
            field("headline", "Headline", draft.headline, required: true, into: &html)
            area("dek", "Dek (standfirst)", draft.dek, rows: 2, into: &html)
            area("body", "Body (Markdown, at most \(AdminForm.editorBodyCharacters) characters)", draft.bodyMarkdown, rows: 18,
                 maxLength: AdminForm.editorBodyCharacters, into: &html)
            html.raw("<div class=\"row\">")
            selectField("section", "Section", sections.map { ($0.slug.rawValue, $0.name) }, draft.section.rawValue, into: &html)
            field("slug", "Slug", draft.slug?.rawValue ?? "", into: &html)
            html.raw("</div>")
            area("authors", "Authors (one per line: Name | Role)", ArticleFormFields.authorsText(draft.contributors), rows: 3, into: &html)
            field("tags", "Tags (comma-separated)", draft.tags.joined(separator: ", "), into: &html)
            html.raw("<fieldset><legend>Lead image</legend><div class=\"row\">")
            field("lead_image_url", "URL", draft.leadImage?.url ?? "", into: &html)
            field("lead_image_alt", "Alt text", draft.leadImage?.alt ?? "", into: &html)
            html.raw("</div><div class=\"row\">")
            field("lead_image_caption", "Caption", draft.leadImage?.caption ?? "", into: &html)
            field("lead_image_credit", "Credit", draft.leadImage?.credit ?? "", into: &html)
            html.raw("</div></fieldset>\n<div class=\"actions\">")
            // Saving keeps the article's status, so on a published or scheduled article it is not a draft that is saved.
            button("save", (article?.status ?? .draft) == .draft ? "Save draft" : "Save changes", into: &html)
            button("preview", "Preview", into: &html)
            if article != nil {
                if article?.status == .draft { button("submit", "Submit for review", into: &html) }
                if role.canPublish {
                    button("publish", "Publish now", into: &html)
                    html.raw("<label>Publish at (UTC) <input type=\"datetime-local\" name=\"publish_at\" value=\""); html.text(publishAt)
                    html.raw("\"></label>"); button("schedule", "Schedule", into: &html)
                    if article?.status != .draft { button("unpublish", "Unpublish", into: &html) }
                }
                button("delete", "Delete", into: &html)
            }
            html.raw("</div></form>\n")
            if let previewHTML {
                html.raw("<section class=\"preview\" aria-label=\"Preview\"><h2>Preview</h2><div class=\"article-body\">")
                html.raw(previewHTML) // sanitised by the Markdown renderer
                html.raw("</div></section>\n")
            }
            if let article, article.status == .published, role.canPublish {
                html.raw("<section class=\"corrections\"><h2>Corrections</h2>")
                CorrectionsBlock.render(corrections, into: &html)
                html.raw("<form method=\"post\" action=\""); html.text(SiteRoute.admin(.corrections(article.id)).path); html.raw("\" class=\"stack\">")
                hidden("csrf", layout.csrf ?? "", into: &html)
                area("text", "New correction", "", rows: 2, into: &html)
                html.raw("<button type=\"submit\">Add correction</button></form></section>")
            }
            if let article, let related {
                html.raw("<section class=\"corrections\"><h2>Related stories</h2>")
                if !related.picks.isEmpty {
                    html.raw("<p>Readers now see:</p><ol>")
                    for pick in related.picks { html.raw("<li>"); html.text(pick); html.raw("</li>") }
                    html.raw("</ol>")
                }
                if role.canManageTaxonomy {
                    html.raw("<form method=\"post\" action=\""); html.text(SiteRoute.admin(.related(article.id)).path); html.raw("\" class=\"stack\">")
                    hidden("csrf", layout.csrf ?? "", into: &html)
                    field("related_pinned", "Pinned first (slugs or ids, in order)", related.pinned, into: &html)
                    field("related_excluded", "Never shown (slugs or ids)", related.excluded, into: &html)
                    html.raw("<button type=\"submit\">Save related stories</button></form>")
                }
                html.raw("</section>")
            }
        }
    }

    private func field(_ name: String, _ label: String, _ value: String, required: Bool = false, into html: inout HTMLWriter) {
        html.raw("<label>"); html.text(label); html.raw(" <input name=\""); html.text(name); html.raw("\" value=\""); html.text(value); html.raw("\"")
        if required { html.raw(" required") }
        // Issues name fields as the domain does (`lead_image.url`); the form's names use `_` (`lead_image_url`).
        if issues.contains(where: { $0.field == name || $0.field.replacingOccurrences(of: ".", with: "_") == name }) {
            html.raw(" aria-invalid=\"true\"")
        }
        html.raw("></label>")
    }

    private func area(_ name: String, _ label: String, _ value: String, rows: Int, maxLength: Int? = nil, into html: inout HTMLWriter) {
        html.raw("<label>"); html.text(label); html.raw(" <textarea name=\""); html.text(name); html.raw("\" rows=\"\(rows)\"")
        if let maxLength { html.raw(" maxlength=\"\(maxLength)\"") }
        html.raw(">")
        html.text(value); html.raw("</textarea></label>")
    }

    private func button(_ action: String, _ label: String, into html: inout HTMLWriter) {
        html.raw("<button type=\"submit\" name=\"action\" value=\""); html.text(action); html.raw("\">"); html.text(label); html.raw("</button> ")
    }
}

/// Revision history with a word-level diff of the chosen revision against the one before, and restore.
struct RevisionsPage {
    let article: Article
    let revisions: [Revision]
    let shown: Revision?
    let previous: Revision?

    func render(layout: AdminLayout) -> [UInt8] {
        layout.render(title: "Revisions: \(article.headline)") { html in
            html.raw("<h1>Revisions</h1>\n<p>"); html.link(SiteRoute.admin(.article(article.id)).path, "← Back to the editor"); html.raw("</p>\n")
            html.raw("<table class=\"admin-table\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Saved</th><th scope=\"col\">By</th><th scope=\"col\">Headline</th><th scope=\"col\"></th></tr></thead><tbody>")
            for revision in revisions {
                html.raw("<tr><td>"); html.link(SiteRoute.admin(.revisions(article.id, shown: revision.id)).path, "\(revision.number)"); html.raw("</td><td>")
                html.text(Formatting.machineDate(revision.createdAt)); html.raw("</td><td>"); html.text(revision.actor); html.raw("</td><td>")
                html.text(revision.draft.headline); html.raw("</td><td><form method=\"post\" action=\"")
                html.text(SiteRoute.admin(.restoreRevision(article.id, revision.id)).path); html.raw("\">"); hidden("csrf", layout.csrf ?? "", into: &html)
                html.raw("<button type=\"submit\">Restore</button></form></td></tr>")
            }
            html.raw("</tbody></table>\n")
            if let shown {
                html.raw("<h2>Changes in revision \(shown.number)")
                if let previous { html.raw(" since revision \(previous.number)") }
                html.raw("</h2>\n")
                for (field, diff) in RevisionDiff.fields(from: previous?.draft, to: shown.draft) where !diff.runs.isEmpty && !diff.isEmpty {
                    html.raw("<h3>"); html.text(field); html.raw("</h3><p class=\"diff\">")
                    for run in diff.runs {
                        switch run.change {
                        case .same: html.text(run.text)
                        case .removed: html.raw("<del>"); html.text(run.text); html.raw("</del>")
                        case .inserted: html.raw("<ins>"); html.text(run.text); html.raw("</ins>")
                        }
                        html.raw(" ")
                    }
                    html.raw("</p>")
                }
            }
        }
    }
}

/// The audit log, newest first.
struct AuditPage {
    let entries: [AuditEntry]
    let page: Int
    let hasNext: Bool

    func render(layout: AdminLayout) -> [UInt8] {
        layout.render(title: "Audit log") { html in
            html.raw("<h1>Audit log</h1>\n<table class=\"admin-table\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">Action</th><th scope=\"col\">Target</th><th scope=\"col\">Detail</th></tr></thead><tbody>")
            for e in entries {
                html.raw("<tr><td>"); html.text(Formatting.machineDate(e.at)); html.raw("</td><td>"); html.text(e.actor); html.raw("</td><td>")
                html.text(e.action); html.raw("</td><td>"); html.text(e.target); html.raw("</td><td>"); html.text(e.detail); html.raw("</td></tr>")
            }
            html.raw("</tbody></table>")
            if page > 1 { html.link(SiteRoute.admin(.audit(page: page - 1)).path, "Newer"); html.raw(" ") }
            if hasNext { html.link(SiteRoute.admin(.audit(page: page + 1)).path, "Older") }
        }
    }
}
