import Foundation

/// The indexed terms with their document frequencies, bucketed for quick "Did you mean" look-ups.
public struct SearchVocabulary: Sendable {
    /// A term with at most this many documents is rare enough to look for a better-known spelling.
    public var rareBelow: Int
    /// A correction must be in at least this many times more documents than the term it replaces.
    public var minimumGain: Int

    private let documents: [String: Int]
    /// Terms by first character, then by length in unicode scalars; each with its scalars and document count, so a
    /// look-up compares candidates without building them again.
    private let buckets: [Unicode.Scalar: [Int: [Candidate]]]

    private struct Candidate: Sendable {
        var term: String
        var scalars: [Unicode.Scalar]
        var documents: Int
    }

    public init(_ terms: [VocabularyTerm], rareBelow: Int = 3, minimumGain: Int = 10) {
        self.rareBelow = rareBelow; self.minimumGain = minimumGain
        var documents: [String: Int] = [:]
        var buckets: [Unicode.Scalar: [Int: [Candidate]]] = [:]
        for term in terms where term.documents > 0 {
            documents[term.term] = term.documents
            let scalars = Array(term.term.unicodeScalars)
            guard let first = scalars.first else { continue }
            buckets[first, default: [:]][scalars.count, default: []].append(Candidate(term: term.term, scalars: scalars, documents: term.documents))
        }
        self.documents = documents; self.buckets = buckets
    }

    /// The number of indexed articles containing `term` (0 when absent).
    public func documents(_ term: String) -> Int { documents[term] ?? 0 }

    /// How far a term of this length may be from its correction: 1 edit up to 4 letters, else 2; none below 3.
    public static func maxDistance(forLength length: Int) -> Int {
        length < 3 ? 0 : (length <= 4 ? 1 : 2)
    }

    /// A better-known spelling of `term` when the term is rare or absent: the closest term by Damerau-Levenshtein
    /// distance, ties broken by document frequency; `nil` when the term is common or nothing is close.
    public func correction(for term: String) -> String? {
        let known = documents(term)
        guard known < rareBelow, !term.unicodeScalars.allSatisfy({ $0.properties.numericType != nil }) else { return nil }
        let scalars = Array(term.unicodeScalars)
        let limit = Self.maxDistance(forLength: scalars.count)
        guard limit > 0 else { return nil }
        let needed = max(1, known * minimumGain)
        var best: (term: String, distance: Int, documents: Int)?
        // Candidates share the first letter, or start with the second (a dropped or swapped first letter).
        var firsts: [Unicode.Scalar] = [scalars[0]]
        if scalars.count > 1, scalars[1] != scalars[0] { firsts.append(scalars[1]) }
        for first in firsts {
            guard let byLength = buckets[first] else { continue }
            for length in max(1, scalars.count - limit)...(scalars.count + limit) {
                for candidate in byLength[length] ?? [] where candidate.documents >= needed && candidate.term != term {
                    let count = candidate.documents
                    let bound = best.map { min($0.distance, limit) } ?? limit
                    guard let distance = Self.distance(scalars, candidate.scalars, limit: bound) else { continue }
                    if best == nil || distance < best!.distance || (distance == best!.distance && count > best!.documents)
                        || (distance == best!.distance && count == best!.documents && candidate.term < best!.term) {
                        best = (candidate.term, distance, count)
                    }
                }
            }
        }
        return best?.term
    }

    /// Damerau-Levenshtein distance (optimal string alignment) between `a` and `b`, or `nil` when above `limit`.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        let width = b.count + 1
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        let result = previous[b.count]
        return result <= limit ? result : nil
    }

    /// Distance between two strings (convenience for tests and tools).
    public static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int? {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }
}

/// A term of the search vocabulary with the number of indexed articles containing it.
public struct VocabularyTerm: Hashable, Sendable {
    public var term: String
    public var documents: Int
    public init(term: String, documents: Int) { self.term = term; self.documents = documents }
}
