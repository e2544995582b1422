import Foundation
import BylineCore

/// Reads Byline's JSON Lines import schema (see docs/IMPORT.md); one article per line.
///
/// Accepted fields: `headline` (alias `title`), `dek`, `body`, `section` (alias `category`),
/// `authors` (array of `{name, role}` objects or of names, or one string of comma-separated names),
/// `tags` (array of names), `published_at` (ISO 8601), `status`, `slug`, `external_id` (alias `id`),
/// `lead_image` (`{url, alt, caption, credit}`). Unknown fields are ignored so other systems' exports load.
public struct JSONLReader: Sendable {
    /// The file name used in locations.
    public var fileName: String

    public init(fileName: String) { self.fileName = fileName }

    /// Reads every line of `data`; each line yields an item or an issue, and blank lines yield nothing.
    public func read(_ data: Data) -> [Result<ImportItem, ImportIssue>] {
        var results: [Result<ImportItem, ImportIssue>] = []
        var lineNumber = 0
        var start = data.startIndex
        let newline = UInt8(ascii: "\n")
        while start < data.endIndex {
            lineNumber += 1
            let end = data[start...].firstIndex(of: newline) ?? data.endIndex
            let line = data[start..<end]
            start = end < data.endIndex ? data.index(after: end) : end
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            results.append(parse(line: Data(line), number: lineNumber))
        }
        return results
    }

    /// Parses one line (without its newline).
    public func parse(line: Data, number: Int) -> Result<ImportItem, ImportIssue> {
        let location = SourceLocation(file: fileName, line: number)
        func issue(_ field: String?, _ message: String) -> Result<ImportItem, ImportIssue> {
            .failure(ImportIssue(location: location, field: field, message: message))
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: line, options: []) as? [String: Any] else {
                return issue(nil, "expected a JSON object")
            }
            object = parsed
        } catch {
            return issue(nil, "is not valid JSON (\(Self.describe(error)))")
        }
        func string(_ keys: String...) -> (value: String?, key: String, wrongType: Bool) {
            for key in keys {
                guard let value = object[key], !(value is NSNull) else { continue }
                if let s = value as? String { return (s, key, false) }
                if let n = value as? NSNumber, key == "id" || key == "external_id" { return (n.stringValue, key, false) }
                return (nil, key, true)
            }
            return (nil, keys[0], false)
        }
        let headline = string("headline", "title")
        if headline.wrongType { return issue(headline.key, "must be a string") }
        guard let headlineText = headline.value, !headlineText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return issue("headline", "is missing or empty")
        }
        let body = string("body", "content")
        if body.wrongType { return issue(body.key, "must be a string") }
        let dek = string("dek", "short_description", "summary")
        if dek.wrongType { return issue(dek.key, "must be a string") }
        let sectionField = string("section", "category")
        if sectionField.wrongType { return issue(sectionField.key, "must be a string") }
        guard let sectionText = sectionField.value, !sectionText.trimmingCharacters(in: .whitespaces).isEmpty else {
            return issue("section", "is missing or empty")
        }
        guard let sectionSlug = Slug(sectionText) ?? Slug.make(from: sectionText) else {
            return issue(sectionField.key, "\(sectionText.debugDescription) has no letters or digits")
        }
        let sectionName = Slug(sectionText) != nil ? Self.displayName(forSlug: sectionText) : sectionText

        var contributors: [ContributorInput] = []
        switch object["authors"] ?? object["author"] {
        case nil, is NSNull: break
        case let text as String:
            contributors = text.split(separator: ",").map { ContributorInput(name: String($0).trimmingCharacters(in: .whitespaces)) }
                .filter { !$0.name.isEmpty }
        case let list as [Any]:
            for (i, entry) in list.enumerated() {
                if let name = entry as? String {
                    contributors.append(ContributorInput(name: name))
                } else if let dict = entry as? [String: Any], let name = dict["name"] as? String {
                    let role = dict["role"] as? String
                    if dict["role"] != nil, !(dict["role"] is NSNull), role == nil {
                        return issue("authors[\(i)].role", "must be a string")
                    }
                    contributors.append(ContributorInput(name: name, role: role))
                } else {
                    return issue("authors[\(i)]", "must be a name or an object with a string `name`")
                }
            }
        default:
            return issue("authors", "must be an array or a string")
        }

        var tags: [String] = []
        switch object["tags"] {
        case nil, is NSNull: break
        case let list as [Any]:
            for (i, entry) in list.enumerated() {
                guard let name = entry as? String else { return issue("tags[\(i)]", "must be a string") }
                tags.append(name)
            }
        default:
            return issue("tags", "must be an array of strings")
        }

        var publishedAt: Date?
        let published = string("published_at", "date")
        if published.wrongType { return issue(published.key, "must be an ISO 8601 string") }
        if let text = published.value {
            guard let date = Self.parseDate(text) else {
                return issue(published.key, "\(text.debugDescription) is not an ISO 8601 date (e.g. 2026-11-28T09:30:00Z)")
            }
            publishedAt = date
        }

        var status = ArticleStatus.published
        let statusField = string("status")
        if let text = statusField.value {
            guard let s = ArticleStatus(rawValue: text) else {
                return issue("status", "\(text.debugDescription) is not one of draft, scheduled, published")
            }
            status = s
        } else if statusField.wrongType {
            return issue("status", "must be a string")
        }

        var slug: Slug?
        let slugField = string("slug")
        if let text = slugField.value {
            guard let s = Slug(text) else {
                return issue("slug", "\(text.debugDescription) is not a slug (lowercase letters, digits, hyphens)")
            }
            slug = s
        }

        var leadImage: LeadImage?
        if let image = object["lead_image"], !(image is NSNull) {
            guard let dict = image as? [String: Any], let url = dict["url"] as? String else {
                return issue("lead_image", "must be an object with a string `url`")
            }
            leadImage = LeadImage(url: url, alt: dict["alt"] as? String ?? "", caption: dict["caption"] as? String,
                                  credit: dict["credit"] as? String)
        }

        let external = string("external_id", "id", "link")
        if external.wrongType { return issue(external.key, "must be a string or number") }

        let draft = ArticleDraft(
            headline: headlineText, dek: dek.value ?? "", bodyMarkdown: body.value ?? "", section: sectionSlug,
            contributors: contributors, tags: tags, slug: slug, status: status, publishedAt: publishedAt,
            leadImage: leadImage, externalID: external.value)
        do {
            let valid = try draft.validated()
            return .success(ImportItem(draft: valid, sectionName: sectionName, location: location))
        } catch {
            let first = error.issues.first
            return .failure(ImportIssue(location: location, field: first?.field,
                                        message: error.issues.map { "\($0.field) \($0.message)" }.joined(separator: "; ")))
        }
    }

    /// "world" → "World", "us-news" → "Us News".
    static func displayName(forSlug slug: String) -> String {
        slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// Parses ISO 8601 timestamps with or without fractional seconds, and plain dates.
    public static func parseDate(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: false).parse(trimmed) { return d }
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed) { return d }
        if trimmed.count == 10, let d = try? Date.ISO8601FormatStyle().year().month().day().dateSeparator(.dash).parse(trimmed) {
            return d
        }
        return nil
    }

    private static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return ns.localizedDescription
    }
}
