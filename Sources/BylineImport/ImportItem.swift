import Foundation
import BylineCore

/// Where in an input a record or a problem sits (`bbc.jsonl:17`, `export.xml:120:8`).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?
    public init(file: String, line: Int, column: Int? = nil) { self.file = file; self.line = line; self.column = column }
    public var description: String { column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)" }
}

/// One article read from an import source, as a domain draft.
public struct ImportItem: Hashable, Sendable {
    public var draft: ArticleDraft
    /// The human name of the draft's section when the source gives one ("World"); the slug is in the draft.
    public var sectionName: String
    public var location: SourceLocation
    /// The section's description, used when import creates the section.
    public var sectionSummary: String = ""
    /// The section's place in navigation, used when import creates the section; `nil` puts it last.
    public var sectionPosition: Int?
    /// Biographies of the draft's authors by name, from sources that carry them (a Byline export).
    public var authorBios: [String: String] = [:]
    /// Whether the source gave the automatic tags (a Byline export): they are stored as given and the
    /// entity tagger is not run, so tags an editor removed stay removed.
    public var keepsAutomaticTags = false
    /// Automatic tags an editor removed in the source system; the tagger never adds them back.
    public var removedAutomaticTags: [String] = []
    /// Corrections published on the article, oldest first.
    public var corrections: [ImportCorrection] = []

    public init(draft: ArticleDraft, sectionName: String, location: SourceLocation) {
        self.draft = draft; self.sectionName = sectionName; self.location = location
    }
}

/// A correction carried by an import record: its text and when it was published.
public struct ImportCorrection: Hashable, Sendable {
    public var text: String
    /// When the correction was published; `nil` means the time of the import.
    public var date: Date?
    public init(text: String, date: Date?) { self.text = text; self.date = date }
}

/// A record that could not be read: what, and where.
public struct ImportIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    /// The field at fault, when one is (`headline`, `authors[0].name`).
    public var field: String?
    public var message: String
    public init(location: SourceLocation, field: String? = nil, message: String) {
        self.location = location; self.field = field; self.message = message
    }
    public var description: String {
        if let field { return "\(location): \(field): \(message)" }
        return "\(location): \(message)"
    }
}

/// A whole input that cannot be read at all (unreadable file, malformed XML).
public struct ImportSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    public init(location: SourceLocation, message: String) { self.location = location; self.message = message }
    public var description: String { "\(location): \(message)" }
}

/// An `external_id` given to more than one record of one source.
public struct DuplicateExternalID: Hashable, Sendable, CustomStringConvertible {
    public var externalID: String
    /// Where it was first given.
    public var first: SourceLocation
    /// Where it was given again.
    public var again: SourceLocation

    public init(externalID: String, first: SourceLocation, again: SourceLocation) {
        self.externalID = externalID; self.first = first; self.again = again
    }

    public var description: String {
        "\(again): external_id \(externalID.debugDescription) repeats line \(first.line); the later record replaces the earlier one"
    }

    /// Each repeat of an external id among `records`, in source order.
    public static func find(in records: [Result<ImportItem, ImportIssue>]) -> [DuplicateExternalID] {
        var seen: [String: SourceLocation] = [:]
        var out: [DuplicateExternalID] = []
        for case .success(let item) in records {
            guard let id = item.draft.externalID else { continue }
            if let first = seen[id] { out.append(DuplicateExternalID(externalID: id, first: first, again: item.location)) }
            else { seen[id] = item.location }
        }
        return out
    }
}
