// What a query asks for, as the parser writes it and every store reads it: normalised tokens, never raw user
// syntax.

/// One thing a query asks to find, as normalised tokens (lowercase, diacritics removed).
public enum SearchTerm: Hashable, Sendable {
    /// A whole word.
    case word(String)
    /// Words starting with these letters (`tokay*`).
    case prefix(String)
    /// These words next to each other, in order (`"exact phrase"`).
    case phrase([String])

    /// The tokens this term is made of.
    public var tokens: [String] {
        switch self {
        case .word(let w), .prefix(let w): return [w]
        case .phrase(let words): return words
        }
    }
}

/// A parsed query: every clause must match (a clause matches when any of its alternatives does: `OR`),
/// and no excluded term may match.
public struct SearchExpression: Hashable, Sendable {
    public var clauses: [[SearchTerm]]
    public var excluded: [SearchTerm]

    public init(clauses: [[SearchTerm]], excluded: [SearchTerm] = []) {
        self.clauses = clauses.filter { !$0.isEmpty }; self.excluded = excluded
    }

    /// Whether there is nothing to look for (exclusions alone cannot be searched).
    public var isEmpty: Bool { clauses.isEmpty }

    /// Every term a matching article must or may contain, in query order.
    public var positiveTerms: [SearchTerm] { clauses.flatMap { $0 } }
}
