import Foundation
import BylineCore

/// Reads Byline's JSON Lines import schema (see docs/IMPORT.md); one article per line.
///
/// Accepted fields: `headline` (alias `title`), `dek`, `body`, `section` (alias `category`; a name, a slug or
/// `{slug, name, summary, position}`), `authors` (array of `{name, role, bio}` objects or of names, or one string
/// of comma-separated names), `tags` and `automatic_tags` (names or `{name, type, kb_id, wikidata_id}`),
/// `removed_automatic_tags`, `published_at`, `created_at`, `updated_at` (ISO 8601), `status`, `slug`,
/// `external_id` (alias `id`), `lead_image` (`{url, alt, caption, credit}`), `corrections` (`{text, date}`).
/// Unknown fields are ignored so other systems' exports load. `byline export` writes this schema.
public struct JSONLReader: Sendable {
    /// The file name used in locations.
    public var fileName: String

    public init(fileName: String) { self.fileName = fileName }

    /// Reads every line of `data`; each line yields an item or an issue, and blank lines yield nothing.
    public func read(_ data: Data) -> [Result<ImportItem, ImportIssue>] {
        read(data, stopAfterIssues: .max).records
    }

    /// What ``read(_:stopAfterIssues:)`` read, and where it stopped.
    public struct Reading: Sendable {
        /// The records read, in order (the issues included).
        public var records: [Result<ImportItem, ImportIssue>]
        /// The last line read when reading stopped at the issue limit; `nil` when the whole input was read.
        public var stoppedAtLine: Int?
        /// Lines after ``stoppedAtLine`` that were not read.
        public var linesNotRead: Int

        /// A reading; the whole input when `stoppedAtLine` is `nil`.
        public init(records: [Result<ImportItem, ImportIssue>], stoppedAtLine: Int? = nil, linesNotRead: Int = 0) {
            self.records = records; self.stoppedAtLine = stoppedAtLine; self.linesNotRead = linesNotRead
        }
    }

    /// Reads lines of `data` until `limit` of them have failed: a file that is not JSON Lines at all (a binary
    /// file named `.jsonl`) is given up on after a bounded number of errors instead of one error per line.
    public func read(_ data: Data, stopAfterIssues limit: Int) -> Reading {
        var results: [Result<ImportItem, ImportIssue>] = []
        var issues = 0
        var lineNumber = 0
        var start = data.startIndex
        let newline = UInt8(ascii: "\n")
        while start < data.endIndex {
            lineNumber += 1
            let end = data[start...].firstIndex(of: newline) ?? data.endIndex
            let line = data[start..<end]
            start = end < data.endIndex ? data.index(after: end) : end
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let record = parse(line: Data(line), number: lineNumber)
            results.append(record)
            if case .failure = record {
                issues += 1
                if issues >= limit && start < data.endIndex {
                    let rest = data[start...]
                    let notRead = rest.reduce(0) { $0 + ($1 == newline ? 1 : 0) } + (rest.last == newline ? 0 : 1)
                    return Reading(records: results, stoppedAtLine: lineNumber, linesNotRead: notRead)
                }
            }
        }
        return Reading(records: results, stoppedAtLine: nil, linesNotRead: 0)
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
        let sectionSlug: Slug
        let sectionName: String
        var sectionSummary = ""
        var sectionPosition: Int?
        if let dict = object["section"] as? [String: Any] {
            // The export's form: {slug, name, summary, position}; slug or name is enough.
            for key in ["slug", "name", "summary"] where dict[key] != nil && !(dict[key] is NSNull) && !(dict[key] is String) {
                return issue("section.\(key)", "must be a string")
            }
            let name = (dict["name"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if let text = dict["slug"] as? String {
                guard let slug = Slug(text) else {
                    return issue("section.slug", "\(text.debugDescription) is not a slug (lowercase letters, digits, hyphens)")
                }
                sectionSlug = slug
            } else if let slug = Slug.make(from: name) {
                sectionSlug = slug
            } else {
                return issue("section", "needs a `slug` or a `name` with letters or digits")
            }
            sectionName = name.isEmpty ? Self.displayName(forSlug: sectionSlug.rawValue) : name
            if name.count > 120 { return issue("section.name", "is longer than 120 characters") }
            sectionSummary = (dict["summary"] as? String) ?? ""
            if sectionSummary.count > ArticleLimits.dek { return issue("section.summary", "is longer than \(ArticleLimits.dek) characters") }
            if let position = dict["position"], !(position is NSNull) {
                guard let number = position as? NSNumber, let value = Int(exactly: number.doubleValue),
                      abs(value) <= 1_000_000 else {
                    return issue("section.position", "must be a whole number")
                }
                sectionPosition = value
            }
        } else {
            let sectionField = string("section", "category")
            if sectionField.wrongType { return issue(sectionField.key, "must be a string or an object") }
            guard let sectionText = sectionField.value, !sectionText.trimmingCharacters(in: .whitespaces).isEmpty else {
                return issue("section", "is missing or empty")
            }
            guard let slug = Slug(sectionText) ?? Slug.make(from: sectionText) else {
                return issue(sectionField.key, "\(sectionText.debugDescription) has no letters or digits")
            }
            sectionSlug = slug
            sectionName = Slug(sectionText) != nil ? Self.displayName(forSlug: sectionText) : sectionText
        }

        var contributors: [ContributorInput] = []
        var authorBios: [String: String] = [:]
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
                    if let bio = dict["bio"], !(bio is NSNull) {
                        guard let text = bio as? String else { return issue("authors[\(i)].bio", "must be a string") }
                        guard text.count <= 2_000 else { return issue("authors[\(i)].bio", "is longer than 2000 characters") }
                        if !text.isEmpty { authorBios[name.trimmingCharacters(in: .whitespacesAndNewlines)] = text }
                    }
                } else {
                    return issue("authors[\(i)]", "must be a name or an object with a string `name`")
                }
            }
        default:
            return issue("authors", "must be an array or a string")
        }

        var entities: [EntityInfo] = []
        /// Reads `tags`-like fields: names, or `{name, type, kb_id, wikidata_id}` for entity tags.
        func tagList(_ key: String) -> Result<[String]?, ImportIssue> {
            switch object[key] {
            case nil, is NSNull: return .success(nil)
            case let list as [Any]:
                var names: [String] = []
                for (i, entry) in list.enumerated() {
                    if let name = entry as? String { names.append(name); continue }
                    guard let dict = entry as? [String: Any], let name = dict["name"] as? String else {
                        return .failure(ImportIssue(location: location, field: "\(key)[\(i)]",
                                                    message: "must be a name or an object with a string `name`"))
                    }
                    for field in ["type", "kb_id", "wikidata_id"] where dict[field] != nil && !(dict[field] is NSNull) && !(dict[field] is String) {
                        return .failure(ImportIssue(location: location, field: "\(key)[\(i)].\(field)", message: "must be a string"))
                    }
                    names.append(name)
                    if let type = dict["type"] as? String {
                        guard ["PER", "LOC", "ORG", "MISC"].contains(type) else {
                            return .failure(ImportIssue(location: location, field: "\(key)[\(i)].type",
                                                        message: "\(type.debugDescription) is not one of PER, LOC, ORG, MISC"))
                        }
                        let kbID = dict["kb_id"] as? String, wikidataID = dict["wikidata_id"] as? String
                        if (kbID?.count ?? 0) > 100 || (wikidataID?.count ?? 0) > 100 {
                            return .failure(ImportIssue(location: location, field: "\(key)[\(i)]", message: "has an id longer than 100 characters"))
                        }
                        entities.append(EntityInfo(name: name.trimmingCharacters(in: .whitespacesAndNewlines), type: type,
                                                   kbID: kbID, wikidataID: wikidataID))
                    }
                }
                return .success(names)
            default:
                return .failure(ImportIssue(location: location, field: key, message: "must be an array of names"))
            }
        }
        let tags: [String]
        let automaticTags: [String]?
        let removedAutomaticTags: [String]
        switch (tagList("tags"), tagList("automatic_tags"), tagList("removed_automatic_tags")) {
        case (.failure(let error), _, _), (_, .failure(let error), _), (_, _, .failure(let error)): return .failure(error)
        case (.success(let editor), .success(let automatic), .success(let removed)):
            tags = editor ?? []; automaticTags = automatic; removedAutomaticTags = removed ?? []
        }

        func date(_ keys: String...) -> Result<Date?, ImportIssue> {
            for key in keys {
                guard let value = object[key], !(value is NSNull) else { continue }
                guard let text = value as? String else {
                    return .failure(ImportIssue(location: location, field: key, message: "must be an ISO 8601 string"))
                }
                guard let date = Self.parseDate(text) else {
                    return .failure(ImportIssue(location: location, field: key,
                                                message: "\(text.debugDescription) is not an ISO 8601 date (e.g. 2026-11-28T09:30:00Z)"))
                }
                return .success(date)
            }
            return .success(nil)
        }
        let publishedAt: Date?, createdAt: Date?, updatedAt: Date?
        switch (date("published_at", "date"), date("created_at"), date("updated_at")) {
        case (.failure(let error), _, _), (_, .failure(let error), _), (_, _, .failure(let error)): return .failure(error)
        case (.success(let published), .success(let created), .success(let updated)):
            publishedAt = published; createdAt = created; updatedAt = updated
        }

        var corrections: [ImportCorrection] = []
        switch object["corrections"] {
        case nil, is NSNull: break
        case let list as [Any]:
            for (i, entry) in list.enumerated() {
                let text: String
                var when: Date?
                if let plain = entry as? String {
                    text = plain
                } else if let dict = entry as? [String: Any], let body = dict["text"] as? String {
                    text = body
                    if let value = dict["date"], !(value is NSNull) {
                        guard let string = value as? String, let parsed = Self.parseDate(string) else {
                            return issue("corrections[\(i)].date", "must be an ISO 8601 date (e.g. 2026-11-28T09:30:00Z)")
                        }
                        when = parsed
                    }
                } else {
                    return issue("corrections[\(i)]", "must be a text or an object with a string `text`")
                }
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else { return issue("corrections[\(i)].text", "must not be empty") }
                guard trimmed.count <= Correction.maxLength else {
                    return issue("corrections[\(i)].text", "is longer than \(Correction.maxLength) characters")
                }
                corrections.append(ImportCorrection(text: trimmed, date: when))
            }
        default:
            return issue("corrections", "must be an array")
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
        var withExtras = draft
        withExtras.automaticTags = automaticTags ?? []
        withExtras.entities = entities
        withExtras.createdAt = createdAt
        withExtras.updatedAt = updatedAt
        do {
            let valid = try withExtras.validated()
            var item = ImportItem(draft: valid, sectionName: sectionName, location: location)
            item.sectionSummary = sectionSummary
            item.sectionPosition = sectionPosition
            item.authorBios = authorBios
            item.keepsAutomaticTags = automaticTags != nil
            item.removedAutomaticTags = removedAutomaticTags
            item.corrections = corrections
            return .success(item)
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
        let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String ?? ns.localizedDescription
        // The parser quotes the offending character, which in a binary file may be a control character that
        // would break the report's lines.
        return String(String.UnicodeScalarView(detail.unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
            scalar.properties.generalCategory == .control || scalar.properties.isNoncharacterCodePoint || scalar == "\u{2028}" || scalar == "\u{2029}"
                ? Array(scalar.escaped(asASCII: true).unicodeScalars) : [scalar]
        }))
    }
}
