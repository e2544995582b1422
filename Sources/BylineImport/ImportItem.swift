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
    public init(draft: ArticleDraft, sectionName: String, location: SourceLocation) {
        self.draft = draft; self.sectionName = sectionName; self.location = location
    }
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
