import Foundation

/// A word-level difference between two texts, as runs of kept, removed and inserted words.
public struct WordDiff: Hashable, Sendable {
    /// What happened to a run of words.
    public enum Change: String, Hashable, Sendable, Codable {
        case same, removed, inserted
    }

    /// Consecutive words with the same change, joined by single spaces.
    public struct Run: Hashable, Sendable, Codable {
        public var change: Change
        public var text: String
        public init(change: Change, text: String) { self.change = change; self.text = text }
    }

    public var runs: [Run]

    /// Whether the texts have the same words.
    public var isEmpty: Bool { runs.allSatisfy { $0.change == .same } }

    /// Diffs `old` against `new` word by word (Myers' algorithm, via the standard library's `difference(from:)`).
    public init(old: String, new: String) {
        let a = old.split(whereSeparator: \.isWhitespace).map(String.init)
        let b = new.split(whereSeparator: \.isWhitespace).map(String.init)
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var runs: [Run] = []
        func add(_ change: Change, _ word: String) {
            if let last = runs.last, last.change == change {
                runs[runs.count - 1].text += " " + word
            } else {
                runs.append(Run(change: change, text: word))
            }
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && removed.contains(i) { add(.removed, a[i]); i += 1; continue }
            if j < b.count && inserted.contains(j) { add(.inserted, b[j]); j += 1; continue }
            if i < a.count && j < b.count { add(.same, b[j]); i += 1; j += 1; continue }
            // Unreachable when the difference is consistent; emit the rest rather than loop forever.
            if i < a.count { add(.removed, a[i]); i += 1 } else { add(.inserted, b[j]); j += 1 }
        }
        self.runs = runs
    }
}
