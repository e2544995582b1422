import Foundation
import BylineCore
import BylineText

/// Reads WordPress eXtended RSS (WXR) exports into import items.
///
/// Posts become articles: `title` → headline, `content:encoded` → body (sanitised HTML, kept as Markdown,
/// which allows HTML), `excerpt:encoded` → dek, the first `category` → section (else `defaultSection`),
/// `post_tag` categories → tags, `dc:creator` (a login, mapped to the `wp:author` display name) → author,
/// `wp:status` → status (`publish` → published, `future` → scheduled, `draft`/`pending`/`private` → draft;
/// `trash` and `auto-draft` are skipped), `wp:post_date_gmt` (else `pubDate`, else `wp:post_date` read as UTC)
/// → publication date, `wp:post_name` → slug, the featured image (`_thumbnail_id` → attachment's
/// `wp:attachment_url`, with its alt text and caption) → lead image, and `guid` (else `wp:post_id`) → external id.
/// Pages, attachments, menu items and other post types are not articles and yield nothing.
public struct WXRReader: Sendable {
    /// The file name used in locations.
    public var fileName: String
    /// The section name for posts without a category.
    public var defaultSection: String

    /// Creates a reader.
    public init(fileName: String, defaultSection: String = "news") {
        self.fileName = fileName; self.defaultSection = defaultSection
    }

    private static let sanitizer = HTMLSanitizer()

    private struct Attachment {
        var url: String
        var alt: String
        var caption: String?
    }

    /// Reads a whole export; each post yields an article or an issue.
    /// - Throws: ``ImportSourceError`` when the XML is malformed (with line and column) or is not a WXR export;
    ///   then no item is returned.
    public func read(_ data: Data) throws(ImportSourceError) -> [Result<ImportItem, ImportIssue>] {
        let root = try XMLTree.parse(data, fileName: fileName)
        guard root.name == "rss", let channel = root.first("channel") else {
            throw ImportSourceError(location: SourceLocation(file: fileName, line: root.line),
                                    message: "expected a WordPress export (<rss> with a <channel>), found <\(root.name)>")
        }
        let base = URL(string: channel.text("wp:base_blog_url") ?? channel.text("link") ?? "")
        var displayNames: [String: String] = [:]
        for author in channel.all("wp:author") {
            guard let login = author.text("wp:author_login") else { continue }
            displayNames[login] = author.text("wp:author_display_name") ?? login
        }
        var categoryNames: [String: String] = [:]
        for category in channel.all("wp:category") {
            if let nicename = category.text("wp:category_nicename"), let name = category.text("wp:cat_name") {
                categoryNames[nicename] = name
            }
        }
        let items = channel.all("item")
        var attachments: [String: Attachment] = [:]
        for item in items where item.text("wp:post_type") == "attachment" {
            guard let id = item.text("wp:post_id"), let url = item.text("wp:attachment_url") ?? item.text("guid") else { continue }
            let meta = Self.postmeta(item)
            let caption = item.text("excerpt:encoded").map { Self.sanitizer.plainText($0) }.flatMap { $0.isEmpty ? nil : $0 }
            attachments[id] = Attachment(url: FeedReader.resolve(url, against: base),
                                         alt: meta["_wp_attachment_image_alt"] ?? "", caption: caption)
        }
        var results: [Result<ImportItem, ImportIssue>] = []
        var seen = Set<String>()
        for item in items where (item.text("wp:post_type") ?? "post") == "post" {
            guard let result = post(item, base: base, displayNames: displayNames, categoryNames: categoryNames,
                                    attachments: attachments) else { continue }
            if case .success(let imported) = result, let id = imported.draft.externalID, !seen.insert(id).inserted { continue }
            results.append(result)
        }
        return results
    }

    private static func postmeta(_ item: XMLTree) -> [String: String] {
        var meta: [String: String] = [:]
        for entry in item.all("wp:postmeta") {
            if let key = entry.text("wp:meta_key") { meta[key] = entry.text("wp:meta_value") ?? "" }
        }
        return meta
    }

    private func post(_ item: XMLTree, base: URL?, displayNames: [String: String], categoryNames: [String: String],
                      attachments: [String: Attachment]) -> Result<ImportItem, ImportIssue>? {
        let location = SourceLocation(file: fileName, line: item.line)
        func issue(_ field: String?, _ message: String) -> Result<ImportItem, ImportIssue> {
            .failure(ImportIssue(location: location, field: field, message: message))
        }
        let wpStatus = item.text("wp:status") ?? "publish"
        let status: ArticleStatus
        switch wpStatus {
        case "publish": status = .published
        case "future": status = .scheduled
        case "draft", "pending", "private": status = .draft
        case "trash", "auto-draft", "inherit": return nil
        default: return issue("wp:status", "\(wpStatus.debugDescription) is not a WordPress post status this import knows")
        }
        let headline = Self.sanitizer.plainText(item.text("title") ?? "")
        guard !headline.isEmpty else { return issue("title", "is missing or empty") }

        var publishedAt: Date?
        // Drafts carry `0000-00-00 00:00:00` and a `pubDate` in year -1: both mean "no date".
        if let gmt = item.text("wp:post_date_gmt"), !gmt.hasPrefix("0000") {
            guard let date = FeedDateParser.parse(gmt) else { return issue("wp:post_date_gmt", "\(gmt.debugDescription) is not a date") }
            publishedAt = date
        } else if status != .draft {
            publishedAt = ["pubDate", "wp:post_date"].lazy.compactMap { item.text($0).flatMap(FeedDateParser.parse) }.first
        }

        let categories = item.all("category")
        let sectionNode = categories.first { ($0.attributes["domain"] ?? "category") == "category" }
        let sectionText = sectionNode.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        let sectionName = sectionText.flatMap { $0.isEmpty ? nil : Self.sanitizer.plainText($0) }
            ?? sectionNode?.attributes["nicename"].flatMap { categoryNames[$0] }
            ?? defaultSection
        let sectionSlug = sectionNode?.attributes["nicename"].flatMap { Slug($0) } ?? Slug.make(from: sectionName)
        guard let section = sectionSlug ?? Slug.make(from: defaultSection) else {
            return issue("category", "\(sectionName.debugDescription) has no letters or digits")
        }
        let tags = categories.filter { $0.attributes["domain"] == "post_tag" }
            .map { Self.sanitizer.plainText($0.text) }.filter { !$0.isEmpty }

        let creators = item.all("dc:creator").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let contributors = creators.map { ContributorInput(name: displayNames[$0] ?? $0) }

        var slug: Slug?
        if let name = item.text("wp:post_name") {
            let decoded = name.removingPercentEncoding ?? name
            slug = Slug(decoded) ?? Slug.make(from: decoded)
        }

        var leadImage: LeadImage?
        if let thumbnail = Self.postmeta(item)["_thumbnail_id"], let attachment = attachments[thumbnail] {
            leadImage = LeadImage(url: attachment.url, alt: attachment.alt, caption: attachment.caption)
        }

        let link = item.text("link").map { FeedReader.resolve($0, against: base) }
        let bodyBase = link.flatMap { URL(string: $0) } ?? base
        let body = Self.sanitizer.sanitize(item.text("content:encoded") ?? "", resolvingAgainst: bodyBase)
        let dek = String(Self.sanitizer.plainText(item.text("excerpt:encoded") ?? "").prefix(ArticleLimits.dek))
        let externalID = item.text("guid") ?? item.text("wp:post_id").map { "wordpress:\($0)" } ?? link

        if status == .scheduled && publishedAt == nil { return issue("wp:post_date_gmt", "is required for a scheduled post") }
        let draft = ArticleDraft(headline: String(headline.prefix(ArticleLimits.headline)), dek: dek, bodyMarkdown: body,
                                 section: section, contributors: contributors, tags: tags, slug: slug, status: status,
                                 publishedAt: publishedAt, leadImage: leadImage,
                                 externalID: externalID.map { String($0.prefix(ArticleLimits.externalID)) })
        do {
            let valid = try draft.validated()
            return .success(ImportItem(draft: valid, sectionName: sectionName, location: location))
        } catch {
            return .failure(ImportIssue(location: location, field: error.issues.first?.field,
                                        message: error.issues.map { "\($0.field) \($0.message)" }.joined(separator: "; ")))
        }
    }
}
