import Foundation
import Hummingbird
import BylineCore
import BylineNewsroom

/// A submitted `application/x-www-form-urlencoded` form.
struct AdminForm {
    private var values: [String: [String]] = [:]

    /// The most characters the editor's body field takes (its `maxlength`): even when every character is sent
    /// as nine bytes (`%E2%80%94`), the body and the other fields fit in the 1 MiB a form may have, so the browser
    /// stops the text before the server would have to refuse it. Longer articles come through the API or import.
    static let editorBodyCharacters = 100_000

    /// Reads the body (at most 1 MiB; 413 beyond) and parses it.
    /// - Throws: 415 for another content type, 413 for a large body, 400 for a body that is not valid HTTP.
    static func read(_ request: Request) async throws -> AdminForm {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw BylineError.unsupportedMediaType("Forms must be sent as application/x-www-form-urlencoded.")
        }
        let buffer = try await RequestBodyReader.collect(request, upTo: APIJSON.maxBodyBytes, tooLarge:
            "The form is larger than 1 MiB, the most the admin reads, so nothing in it was saved. In the editor an article's body "
            + "may be at most \(editorBodyCharacters) characters; longer texts go through the Admin API or byline import.")
        return AdminForm(encoded: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    init(encoded: String) {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let key = decode(parts[0])
            values[key, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The last value of a field, or "" when absent.
    subscript(_ name: String) -> String { values[name]?.last ?? "" }

    /// Whether the form's `csrf` field matches the session's token.
    func hasValidCSRF(_ expected: String) -> Bool { Secrets.constantTimeEqual(self["csrf"], expected) }
}

/// Reads the editor form into a draft and back.
enum ArticleFormFields {
    /// `Name | Role` per line.
    static func authors(_ text: String) -> [ContributorInput] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, !name.isEmpty else { return nil }
            return ContributorInput(name: name, role: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
        }
    }

    static func authorsText(_ contributors: [ContributorInput]) -> String {
        contributors.map { c in c.role.map { r in "\(c.name) | \(r)" } ?? c.name }.joined(separator: "\n")
    }

    /// The draft a submitted editor form describes; field problems come back as issues.
    static func draft(_ form: AdminForm, current: Article?) -> (ArticleDraft, [FieldIssue]) {
        var issues: [FieldIssue] = []
        let sectionSlug = Slug(form["section"])
        if sectionSlug == nil { issues.append(FieldIssue(field: "section", message: "choose a section")) }
        var slug: Slug?
        let slugText = form["slug"].trimmingCharacters(in: .whitespaces)
        if !slugText.isEmpty {
            slug = Slug(slugText)
            if slug == nil { issues.append(FieldIssue(field: "slug", message: "use lowercase letters, digits and single hyphens")) }
        }
        let imageURL = form["lead_image_url"].trimmingCharacters(in: .whitespaces)
        let image = imageURL.isEmpty ? nil : LeadImage(
            url: imageURL, alt: form["lead_image_alt"],
            caption: form["lead_image_caption"].isEmpty ? nil : form["lead_image_caption"],
            credit: form["lead_image_credit"].isEmpty ? nil : form["lead_image_credit"])
        let draft = ArticleDraft(
            headline: form["headline"], dek: form["dek"], bodyMarkdown: form["body"].replacingOccurrences(of: "\r\n", with: "\n"),
            section: sectionSlug ?? current?.section.slug ?? .fallback, contributors: authors(form["authors"]),
            tags: form["tags"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            automaticTags: current?.tags.filter { $0.origin == .automatic }.map(\.tag.name) ?? [],
            slug: slug ?? current?.slug, status: current?.status ?? .draft, publishedAt: current?.publishedAt,
            leadImage: image, externalID: current?.externalID)
        return (draft, issues)
    }

    /// `2026-01-31T09:30` (from `<input type="datetime-local">`, read as UTC) or a full ISO 8601 date-time.
    static func date(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let d = try? Date(t, strategy: Date.ISO8601FormatStyle()) { return d }
        return try? Date(t + ":00Z", strategy: Date.ISO8601FormatStyle())
    }

    /// The value for a `datetime-local` input, in UTC.
    static func localInput(_ date: Date) -> String { String(Formatting.machineDate(date).prefix(16)) }
}
