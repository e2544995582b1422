import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineNewsroom
import BylineRoutes

/// The server-rendered web admin at `/admin`: sign-in (rate-limited), article list, editor with preview and
/// workflow, revisions, corrections and the audit log. Every form carries the session's CSRF token.
struct AdminController: Sendable {
    let services: BylineServices
    let clock: @Sendable () -> Date
    /// `Resources/admin.css`, from ``WebResources``.
    let stylesheet: RenderedPage

    static let loginCSRFCookie = "byline_login_csrf"

    var newsroom: Newsroom { services.newsroom }
    var editorial: EditorialService { services.newsroom.editorial }
    var secureCookies: Bool { services.config.baseURL.lowercased().hasPrefix("https://") }

    func register(on router: Router<BylineRequestContext>) {
        router.on(.adminStylesheet) { request, _, _ in
            ConditionalGET.response(for: stylesheet, request: request, cacheControl: "public, max-age=86400")
        }
        router.on(.adminLoginForm) { request, _, _ in
            if try await principal(request) != nil { return redirect(.home) }
            return loginPage(LoginPage(csrf: Secrets.token()), status: .ok)
        }
        router.on(.adminLogin) { request, context, _ in try await login(request, peer: context.peerAddress) }
        router.on(.adminLogout) { request, _, _ in
            let (_, csrf) = try await requireSession(request)
            let form = try await AdminForm.read(request)
            guard form.hasValidCSRF(csrf) else { throw BylineError.forbidden("The form has expired. Go back, reload and try again.") }
            if let cookie = request.cookies[APIAuthenticator.sessionCookie]?.value { try await newsroom.accounts.endSession(cookieValue: cookie) }
            var response = redirect(.login)
            response.setCookie(Cookie(name: APIAuthenticator.sessionCookie, value: "", maxAge: 0, path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        }
        router.on(.adminHome) { request, _, _ in
            guard case let (principal, csrf)? = try await session(request) else { return redirect(.login) }
            return try await list(request, principal, csrf)
        }
        router.on(.adminNewArticleForm) { request, _, _ in
            guard case let (principal, csrf)? = try await session(request) else { return redirect(.login) }
            let sections = try await services.stores.sections.sections()
            let draft = ArticleDraft(headline: "", bodyMarkdown: "", section: sections.first?.slug ?? .fallback,
                                     contributors: principal.user.map { [ContributorInput(name: $0.displayName)] } ?? [])
            return html(EditorPage(article: nil, draft: draft, sections: sections, role: principal.role).render(layout: layout(principal, csrf)))
        }
        router.on(.adminCreateArticle) { request, _, _ in try await save(request, id: nil) }
        router.on(.adminEditor) { request, _, target in
            guard case let (principal, csrf)? = try await session(request) else { return redirect(.login) }
            guard let article = try await services.stores.articles.article(id: target.id) else { throw BylineError.notFound() }
            let notice = target.saved ? "Saved." : nil
            return try await editor(article, draft: ArticleDraft(article), principal, csrf, notice: notice)
        }
        router.on(.adminSaveArticle) { request, _, id in try await save(request, id: id) }
        router.on(.adminRevisions) { request, _, shownRevision in
            guard case let (principal, csrf)? = try await session(request) else { return redirect(.login) }
            let id = shownRevision.id
            guard let article = try await services.stores.articles.article(id: id) else { throw BylineError.notFound() }
            let revisions = try await newsroom.publishing.revisions.revisions(article: id)
            var shown = revisions.first, previous = revisions.count > 1 ? revisions[1] : nil
            if let revision = shownRevision.shown {
                guard let pair = try? await AdminAPI(stores: services.stores, newsroom: newsroom,
                                                     auth: APIAuthenticator(accounts: newsroom.accounts, clock: clock),
                                                     baseURL: services.config.baseURL, clock: clock).revisionPair(id, revision) else {
                    throw BylineError.notFound()
                }
                shown = pair.0; previous = pair.1
            }
            return html(RevisionsPage(article: article, revisions: revisions, shown: shown, previous: previous).render(layout: layout(principal, csrf)))
        }
        router.on(.adminRestoreRevision) { request, _, target in
            let (principal, csrf) = try await requireSession(request)
            let form = try await AdminForm.read(request)
            try checkCSRF(form, csrf)
            _ = try await mapped { try await editorial.restore(target.revision, of: target.id, by: principal, now: clock()) }
            return redirect(.article(target.id, saved: true))
        }
        router.on(.adminAddCorrection) { request, _, id in
            let (principal, csrf) = try await requireSession(request)
            let form = try await AdminForm.read(request)
            try checkCSRF(form, csrf)
            do {
                _ = try await mapped { try await editorial.addCorrection(id, text: form["text"], by: principal, now: clock()) }
            } catch let error as ValidationError {
                guard let article = try await services.stores.articles.article(id: id) else { throw BylineError.notFound() }
                return try await editor(article, draft: ArticleDraft(article), principal, csrf, issues: error.issues, status: .unprocessableContent)
            }
            return redirect(.article(id, saved: true))
        }
        router.on(.adminSaveRelated) { request, _, id in try await saveRelated(request, id) }
        router.on(.adminAudit) { request, _, page in
            guard case let (principal, csrf)? = try await session(request) else { return redirect(.login) }
            guard principal.role.isAdmin else { throw BylineError.forbidden("Only admins may read the audit log.") }
            let entries = try await newsroom.publishing.audit.entries(limit: 101, offset: (page - 1) * 100)
            return html(AuditPage(entries: Array(entries.prefix(100)), page: page, hasNext: entries.count > 100).render(layout: layout(principal, csrf)))
        }
    }

    // MARK: Sessions

    /// The signed-in user and their CSRF token, or `nil`.
    private func session(_ request: Request) async throws -> (Principal, String)? {
        guard let principal = try await principal(request), case .session(let csrf, _) = principal.credential else { return nil }
        return (principal, csrf)
    }

    private func principal(_ request: Request) async throws -> Principal? {
        guard let cookie = request.cookies[APIAuthenticator.sessionCookie]?.value, !cookie.isEmpty else { return nil }
        return try await newsroom.accounts.principal(sessionCookie: cookie, now: clock())
    }

    private func requireSession(_ request: Request) async throws -> (Principal, String) {
        guard let session = try await session(request) else { throw BylineError.unauthenticated("Sign in first.") }
        return session
    }

    private func checkCSRF(_ form: AdminForm, _ csrf: String) throws {
        guard form.hasValidCSRF(csrf) else { throw BylineError.forbidden("The form has expired. Go back, reload and try again.") }
    }

    private func login(_ request: Request, peer: String?) async throws -> Response {
        let form = try await AdminForm.read(request)
        // Login CSRF: the form's token must match the cookie set with the form (double submit).
        guard let expected = request.cookies[Self.loginCSRFCookie]?.value, Secrets.constantTimeEqual(form["csrf"], expected) else {
            throw BylineError.forbidden("The sign-in form has expired. Reload it and try again.")
        }
        let username = form["username"].trimmingCharacters(in: .whitespaces).lowercased()
        let forwardedFor = request.headers.filter { $0.name.canonicalName == "x-forwarded-for" }.map(\.value)
        let address = services.config.trustedProxies.clientAddress(peer: peer, forwardedFor: forwardedFor)
        let now = clock()
        func refused(_ message: String, retryAfter: Int) -> Response {
            var response = loginPage(LoginPage(username: username, message: message, csrf: Secrets.token()), status: .tooManyRequests)
            response.headers[.retryAfter] = String(max(1, retryAfter))
            return response
        }
        switch try await newsroom.signIn(username: username, password: form["password"], address: address, now: now) {
        case .throttled(let seconds):
            return refused("Too many failed attempts. Try again in \(Self.span(seconds)).", retryAfter: seconds)
        case .busy(let seconds):
            return refused("Too many sign-ins at once. Try again in a moment.", retryAfter: seconds)
        case .rejected:
            return loginPage(LoginPage(username: username, message: "That username and password do not match.", csrf: Secrets.token()),
                             status: .unauthorized)
        case .signedIn(let user):
            let (cookieValue, _) = try await newsroom.accounts.startSession(for: user, now: now)
            try await newsroom.publishing.audit.record(actor: user.username, action: "login", target: "user:\(user.username)", detail: "", now: now)
            var response = redirect(.home)
            response.setCookie(Cookie(name: APIAuthenticator.sessionCookie, value: cookieValue, maxAge: Int(newsroom.accounts.sessionLifetime),
                                      path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
    }

    /// "1 second", "40 seconds", "15 minutes".
    private static func span(_ seconds: Int) -> String {
        if seconds < 90 { return "\(seconds) second\(seconds == 1 ? "" : "s")" }
        let minutes = (seconds + 59) / 60
        return "\(minutes) minute\(minutes == 1 ? "" : "s")"
    }

    private func loginPage(_ page: LoginPage, status: HTTPResponse.Status) -> Response {
        var response = html(page.render(siteName: services.config.siteName), status: status)
        response.setCookie(Cookie(name: Self.loginCSRFCookie, value: page.csrf, path: SiteRoute.admin(.login).path, secure: secureCookies,
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: Pages

    private func layout(_ principal: Principal, _ csrf: String) -> AdminLayout {
        AdminLayout(siteName: services.config.siteName, user: principal.user, csrf: csrf)
    }

    private func list(_ request: Request, _ principal: Principal, _ csrf: String) async throws -> Response {
        let params = request.uri.queryParameters
        let page = max(1, min(Int(params.get("page") ?? "1") ?? 1, PageRequest.maxPage))
        var query = ArticleQuery(visibility: .all, page: PageRequest(page: page, size: 30))
        let status = params.get("status") ?? "", sectionText = params.get("section") ?? "", authorText = params.get("author") ?? ""
        if let s = ArticleStatus(rawValue: status) { query.visibility = .status(s) }
        var empty = false
        if let slug = Slug(sectionText) {
            if let section = try await services.stores.sections.section(slug: slug) { query.section = section.id } else { empty = true }
        }
        if let slug = Slug(authorText) {
            if let author = try await services.stores.authors.author(slug: slug) { query.author = author.id } else { empty = true }
        }
        let items = empty ? Paged(items: [], request: query.page, total: 0) : try await services.stores.articles.list(query)
        var statuses: [ArticleID: ArticleStatus] = [:]
        for item in items.items { statuses[item.id] = try await services.stores.articles.article(id: item.id)?.status }
        let listPage = AdminListPage(items: items, statuses: statuses, sections: try await services.stores.sections.sections(),
                                     authors: try await services.stores.authors.authors(), filter: (status, sectionText, authorText))
        return html(listPage.render(layout: layout(principal, csrf)))
    }

    private func editor(_ article: Article?, draft: ArticleDraft, _ principal: Principal, _ csrf: String, notice: String? = nil,
                        issues: [FieldIssue] = [], preview: String? = nil, publishAt: String = "",
                        relatedForm: (pinned: String, excluded: String)? = nil,
                        status: HTTPResponse.Status = .ok) async throws -> Response {
        var page = EditorPage(article: article, draft: draft, sections: try await services.stores.sections.sections(), role: principal.role)
        page.notice = notice; page.issues = issues; page.previewHTML = preview
        page.publishAt = publishAt.isEmpty ? (article?.status == .scheduled ? article?.publishedAt.map(ArticleFormFields.localInput) ?? "" : "") : publishAt
        if let article {
            page.corrections = try await newsroom.publishing.corrections.corrections(article: article.id)
            page.submittedAt = try await newsroom.publishing.workflow.submittedAt(article: article.id)
            page.related = try await relatedFields(article.id, form: relatedForm)
        }
        return html(page.render(layout: layout(principal, csrf)), status: status)
    }

    /// The editor's "Related stories" form: pins and exclusions as slugs (or ids), separated by commas or spaces.
    private func saveRelated(_ request: Request, _ id: ArticleID) async throws -> Response {
        let (principal, csrf) = try await requireSession(request)
        let form = try await AdminForm.read(request)
        try checkCSRF(form, csrf)
        guard principal.role.canManageTaxonomy else { throw BylineError.forbidden("Only editors and admins choose related stories.") }
        guard let article = try await services.stores.articles.article(id: id) else { throw BylineError.notFound() }
        do {
            let pinned = try await storyIDs(form["related_pinned"], field: "related_pinned")
            let excluded = try await storyIDs(form["related_excluded"], field: "related_excluded")
            let overrides = try await RelatedOverridesAPI.validated(pinned: pinned, excluded: excluded, for: id, stores: services.stores,
                                                                    fields: ("related_pinned", "related_excluded"))
            try await services.related.setOverrides(overrides, for: id)
            try await newsroom.publishing.audit.record(actor: principal.actor, action: "article.related", target: "article:\(id.rawValue)",
                                                       detail: "\(overrides.pinned.count) pinned, \(overrides.excluded.count) excluded", now: clock())
        } catch let error as ValidationError {
            return try await editor(article, draft: ArticleDraft(article), principal, csrf, issues: error.issues,
                                    relatedForm: (form["related_pinned"], form["related_excluded"]), status: .unprocessableContent)
        }
        return redirect(.article(id, saved: true))
    }

    /// Article ids from a list of slugs or ids.
    /// - Throws: ``ValidationError`` naming the first word that is neither.
    private func storyIDs(_ text: String, field: String) async throws -> [Int64] {
        var ids: [Int64] = []
        for word in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).prefix(200) {
            if let n = Int64(word), n > 0 { ids.append(n); continue }
            guard let slug = Slug(String(word)), let article = try await services.stores.articles.article(slug: slug) else {
                throw ValidationError(field: field, "“\(word.prefix(80))” is not an article")
            }
            ids.append(article.id.rawValue)
        }
        return ids
    }

    /// The editor's related-stories section: the overrides as slugs, and the block as readers see it.
    private func relatedFields(_ id: ArticleID, form: (pinned: String, excluded: String)?) async throws -> EditorPage.RelatedFields {
        let overrides = services.related.overrides(for: id)
        func slugs(_ ids: [ArticleID]) async throws -> String {
            var out: [String] = []
            for id in ids { out.append(try await services.stores.articles.article(id: id)?.slug.rawValue ?? "\(id.rawValue)") }
            return out.joined(separator: ", ")
        }
        let picks = services.related.picks(for: id, now: clock()).map { "\($0.summary.headline) — \($0.reason.text)" }
        if let form { return EditorPage.RelatedFields(pinned: form.pinned, excluded: form.excluded, picks: picks) }
        return EditorPage.RelatedFields(pinned: try await slugs(overrides.pinned), excluded: try await slugs(overrides.excluded), picks: picks)
    }

    /// Handles every editor button: save, preview, submit, publish, schedule, unpublish, delete.
    private func save(_ request: Request, id: ArticleID?) async throws -> Response {
        let (principal, csrf) = try await requireSession(request)
        let form = try await AdminForm.read(request)
        try checkCSRF(form, csrf)
        let now = clock()
        let current: Article? = try await id.asyncMap { id in try await mapped { try await editorial.editableArticle(id, by: principal) } }
        let (draft, formIssues) = ArticleFormFields.draft(form, current: current)
        let action = form["action"].isEmpty ? "save" : form["action"]
        func again(_ issues: [FieldIssue], preview: String? = nil, status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            try await editor(current, draft: draft, principal, csrf, issues: issues, preview: preview, publishAt: form["publish_at"], status: status)
        }
        if action == "preview" {
            do { return try await again(formIssues, preview: try services.writer.prepare(draft).bodyHTML, status: .ok) }
            catch let error as ValidationError { return try await again(formIssues + error.issues) }
        }
        guard formIssues.isEmpty else { return try await again(formIssues) }
        // Refused before anything is written: saving first would keep a draft the user was told was refused.
        if ["publish", "schedule", "unpublish"].contains(action) {
            do { try editorial.requirePublisher(principal) } catch PublishingError.forbidden(let message) {
                return try await again([FieldIssue(field: "action", message: message + " Nothing was saved.")], status: .forbidden)
            }
        }
        let scheduleAt = ArticleFormFields.date(form["publish_at"])
        if action == "schedule" && scheduleAt == nil {
            return try await again([FieldIssue(field: "publish_at", message: "give a date and time to schedule")])
        }
        do {
            var article: Article
            if let current {
                switch action {
                case "delete":
                    try await mapped { try await editorial.delete(current.id, by: principal, now: now) }
                    return redirect(.home)
                case "unpublish":
                    article = try await mapped { try await editorial.unpublish(current.id, by: principal, now: now) }
                default:
                    article = try await mapped { try await editorial.update(current.id, with: draft, by: principal, now: now) }
                }
            } else {
                article = try await mapped { try await editorial.create(draft, by: principal, now: now) }
            }
            switch action {
            case "submit": try await mapped { try await editorial.submit(article.id, by: principal, now: now) }
            case "publish": article = try await mapped { try await editorial.publish(article.id, by: principal, now: now) }
            case "schedule":
                if let at = scheduleAt { article = try await mapped { try await editorial.schedule(article.id, at: at, by: principal, now: now) } }
            default: break
            }
            return redirect(.article(article.id, saved: true))
        } catch let error as ValidationError {
            return try await again(error.issues)
        } catch StoreError.unknownSection(let slug) {
            return try await again([FieldIssue(field: "section", message: "there is no section \(slug.rawValue)")])
        }
    }

    /// Runs an editorial action, turning refusals into HTTP errors the site's error pages show.
    @discardableResult
    private func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PublishingError {
            switch error {
            case .unauthenticated: throw BylineError.unauthenticated("Sign in first.")
            case .forbidden(let message): throw BylineError.forbidden(message)
            case .notFound: throw BylineError.notFound()
            case .conflict(let message): throw BylineError.conflict(message)
            }
        }
    }

    private func html(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                           .contentSecurityPolicy: "frame-ancestors 'none'"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func redirect(_ route: AdminRoute) -> Response {
        redirect(SiteRoute.admin(route).path)
    }

    private func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
