import Foundation
import BylineCore
import BylineText

/// Reads RSS 2.0 and Atom 1.0 feeds into import items.
///
/// Each `<item>`/`<entry>` becomes a published article: title → headline, `content:encoded`/`content`
/// (or the description/summary when there is no content) → body as sanitised HTML, the description/summary
/// → dek as plain text, the first category → section (else `defaultSection`), further categories → tags,
/// `dc:creator`/`author` → authors, `pubDate`/`dc:date`/`published`/`updated` → publication date (absent when
/// the feed gives none), `media:content`/`media:thumbnail`/image `enclosure` → lead image, and
/// guid/id/link → external id. Relative links are resolved against the item's link or the feed's link.
/// An item whose external id repeats an earlier one is skipped, so a feed yields each article once.
public struct FeedReader: Sendable {
    /// The file name (or URL) used in locations.
    public var fileName: String
    /// The section name for items without a category.
    public var defaultSection: String

    /// Creates a reader.
    public init(fileName: String, defaultSection: String = "news") {
        self.fileName = fileName; self.defaultSection = defaultSection
    }

    private static let sanitizer = HTMLSanitizer()

    /// Reads a whole feed; each item yields an article or an issue.
    /// - Throws: ``ImportSourceError`` when the XML is malformed (with line and column) or is neither RSS nor Atom;
    ///   then no item is returned.
    public func read(_ data: Data) throws(ImportSourceError) -> [Result<ImportItem, ImportIssue>] {
        let root = try XMLTree.parse(data, fileName: fileName)
        switch root.name {
        case "rss":
            guard let channel = root.first("channel") else {
                throw ImportSourceError(location: location(root.line), message: "an RSS feed needs a <channel> element")
            }
            let base = URL(string: channel.text("link") ?? "")
            return deduplicated(channel.all("item").map { rssItem($0, base: base) })
        case "rdf:RDF":
            let base = URL(string: root.first("channel")?.text("link") ?? "")
            return deduplicated(root.all("item").map { rssItem($0, base: base) })
        case "feed":
            let base = Self.atomLink(root).flatMap { URL(string: $0) } ?? root.attributes["xml:base"].flatMap { URL(string: $0) }
            return deduplicated(root.all("entry").map { atomEntry($0, base: base) })
        default:
            throw ImportSourceError(location: location(root.line),
                                    message: "expected an RSS <rss> or Atom <feed> document, found <\(root.name)>")
        }
    }

    private func location(_ line: Int) -> SourceLocation { SourceLocation(file: fileName, line: line) }

    /// Keeps the first item for each external id.
    private func deduplicated(_ results: [Result<ImportItem, ImportIssue>]) -> [Result<ImportItem, ImportIssue>] {
        var seen = Set<String>()
        return results.filter { result in
            guard case .success(let item) = result, let id = item.draft.externalID else { return true }
            return seen.insert(id).inserted
        }
    }

    // MARK: RSS

    private func rssItem(_ item: XMLTree, base channelBase: URL?) -> Result<ImportItem, ImportIssue> {
        let link = item.text("link").map { Self.resolve($0, against: channelBase) }
        let base = link.flatMap { URL(string: $0) } ?? channelBase
        let description = item.text("description")
        let content = item.text("content:encoded")
        let categories = item.all("category").compactMap { node -> String? in
            let name = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return name.isEmpty ? nil : name
        }
        var authors = item.all("dc:creator").map { $0.text }
        if authors.isEmpty, let author = item.text("author") { authors = [Self.rssAuthorName(author)] }
        let dateText = item.text("pubDate") ?? item.text("dc:date")
        var image: LeadImage?
        if let media = (item.all("media:content") + item.all("media:thumbnail")).first(where: Self.isImageMedia),
           let url = media.attributes["url"] {
            let alt = media.text("media:description") ?? media.text("media:title") ?? ""
            image = LeadImage(url: Self.resolve(url, against: base), alt: Self.sanitizer.plainText(alt),
                              credit: media.text("media:credit"))
        } else if let group = item.first("media:group"),
                  let media = group.all("media:content").first(where: Self.isImageMedia), let url = media.attributes["url"] {
            image = LeadImage(url: Self.resolve(url, against: base), alt: "")
        } else if let enclosure = item.all("enclosure").first(where: { ($0.attributes["type"] ?? "").hasPrefix("image/") }),
                  let url = enclosure.attributes["url"] {
            image = LeadImage(url: Self.resolve(url, against: base), alt: "")
        }
        let guid = item.text("guid")
        return makeItem(line: item.line, title: item.text("title"), titleIsHTML: true, bodyHTML: content ?? description,
                        summaryHTML: content == nil ? nil : description, categories: categories, authors: authors,
                        dateText: dateText, image: image, externalID: guid ?? link, base: base)
    }

    private static func isImageMedia(_ node: XMLTree) -> Bool {
        if let medium = node.attributes["medium"] { return medium == "image" }
        if let type = node.attributes["type"] { return type.hasPrefix("image/") }
        return node.attributes["url"] != nil
    }

    /// RSS `<author>` is an email address with the name in parentheses: `desk@example.com (Ada Okafor)`.
    static func rssAuthorName(_ text: String) -> String {
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let name = text[text.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return name }
        }
        return text
    }

    // MARK: Atom

    private static func atomLink(_ node: XMLTree) -> String? {
        let links = node.all("link")
        let alternate = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first
        return alternate?.attributes["href"]
    }

    private func atomEntry(_ entry: XMLTree, base feedBase: URL?) -> Result<ImportItem, ImportIssue> {
        let entryBase = entry.attributes["xml:base"].map { Self.resolve($0, against: feedBase) }.flatMap { URL(string: $0) } ?? feedBase
        let link = Self.atomLink(entry).map { Self.resolve($0, against: entryBase) }
        let base = link.flatMap { URL(string: $0) } ?? entryBase
        func textConstruct(_ name: String) -> (text: String, isHTML: Bool)? {
            guard let node = entry.first(name) else { return nil }
            let type = node.attributes["type"] ?? "text"
            let value = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { return nil }
            if type == "xhtml" { return (value, true) }  // child markup is not kept by the tree; text remains
            return (value, type == "html")
        }
        func asHTML(_ construct: (text: String, isHTML: Bool)?) -> String? {
            guard let construct else { return nil }
            return construct.isHTML ? construct.text : Self.escapeText(construct.text)
        }
        let title = textConstruct("title")
        let content = textConstruct("content")
        let summary = textConstruct("summary")
        let categories = entry.all("category").compactMap { node -> String? in
            let name = (node.attributes["label"] ?? node.attributes["term"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return name.isEmpty ? nil : name
        }
        let authors = entry.all("author").compactMap { $0.text("name") }
        var image: LeadImage?
        if let enclosure = entry.all("link").first(where: { $0.attributes["rel"] == "enclosure" && ($0.attributes["type"] ?? "").hasPrefix("image/") }),
           let href = enclosure.attributes["href"] {
            image = LeadImage(url: Self.resolve(href, against: base), alt: enclosure.attributes["title"] ?? "")
        } else if let media = (entry.all("media:content") + entry.all("media:thumbnail")).first(where: Self.isImageMedia),
                  let url = media.attributes["url"] {
            image = LeadImage(url: Self.resolve(url, against: base), alt: "")
        }
        return makeItem(line: entry.line, title: title?.text, titleIsHTML: title?.isHTML ?? false,
                        bodyHTML: asHTML(content) ?? asHTML(summary), summaryHTML: content == nil ? nil : asHTML(summary),
                        categories: categories, authors: authors, dateText: entry.text("published") ?? entry.text("updated"),
                        image: image, externalID: entry.text("id") ?? link, base: base)
    }

    // MARK: Shared

    static func escapeText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// `link` made absolute against `base` when it is relative.
    static func resolve(_ link: String, against base: URL?) -> String {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let base, let url = URL(string: trimmed, relativeTo: base) else { return trimmed }
        return url.absoluteString
    }

    private func makeItem(line: Int, title: String?, titleIsHTML: Bool, bodyHTML: String?, summaryHTML: String?,
                          categories: [String], authors: [String], dateText: String?, image: LeadImage?,
                          externalID: String?, base: URL?) -> Result<ImportItem, ImportIssue> {
        let location = location(line)
        let headline = title.map { titleIsHTML ? Self.sanitizer.plainText($0) : $0 }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !headline.isEmpty else {
            return .failure(ImportIssue(location: location, field: "title", message: "is missing or empty"))
        }
        var publishedAt: Date?
        if let dateText {
            guard let date = FeedDateParser.parse(dateText) else {
                return .failure(ImportIssue(location: location, field: "date", message: "\(dateText.debugDescription) is not an RFC 822 or ISO 8601 date"))
            }
            publishedAt = date
        }
        let sectionName = categories.first ?? defaultSection
        guard let section = Slug.make(from: sectionName) ?? Slug.make(from: defaultSection) else {
            return .failure(ImportIssue(location: location, field: "category", message: "\(sectionName.debugDescription) has no letters or digits"))
        }
        let body = bodyHTML.map { Self.sanitizer.sanitize($0, resolvingAgainst: base) } ?? ""
        let dek = summaryHTML.map { String(Self.sanitizer.plainText($0).prefix(ArticleLimits.dek)) } ?? ""
        let draft = ArticleDraft(headline: String(headline.prefix(ArticleLimits.headline)), dek: dek, bodyMarkdown: body,
                                 section: section, contributors: authors.map { ContributorInput(name: Self.sanitizer.plainText($0)) },
                                 tags: Array(categories.dropFirst()), status: .published, publishedAt: publishedAt,
                                 leadImage: image, externalID: externalID.map { String($0.prefix(ArticleLimits.externalID)) })
        do {
            let valid = try draft.validated()
            return .success(ImportItem(draft: valid, sectionName: sectionName, location: location))
        } catch {
            return .failure(ImportIssue(location: location, field: error.issues.first?.field,
                                        message: error.issues.map { "\($0.field) \($0.message)" }.joined(separator: "; ")))
        }
    }
}
