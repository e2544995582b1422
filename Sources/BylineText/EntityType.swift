/// The kind of thing a named entity is, as in CoNLL-2003.
public enum EntityType: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// A person ("Vladimir Putin").
    case person = "PER"
    /// A place: country, city, region ("Kazakhstan", "Beijing").
    case location = "LOC"
    /// An organisation: company, party, alliance, team ("CSTO", "Reuters").
    case organization = "ORG"
    /// Any other name: nationalities, events, works ("Russian", "Cold War").
    case miscellaneous = "MISC"

    /// Position of the type in `allCases`; used to index label tables.
    var index: Int {
        switch self {
        case .person: 0
        case .location: 1
        case .organization: 2
        case .miscellaneous: 3
        }
    }

    /// The type at `index` in `allCases`.
    init?(index: Int) {
        switch index {
        case 0: self = .person
        case 1: self = .location
        case 2: self = .organization
        case 3: self = .miscellaneous
        default: return nil
        }
    }

    /// Orders types as in `allCases`.
    public static func < (lhs: EntityType, rhs: EntityType) -> Bool { lhs.index < rhs.index }
}

/// A BIO label for one token: outside, or the beginning or inside of an entity of some type.
///
/// Raw values: 0 is O, `1 + 2·type` is B-type, `2 + 2·type` is I-type (type indices as in ``EntityType``).
struct NERLabel: Hashable, Sendable {
    /// Number of labels (O + B/I for four types).
    static let count = 9
    /// The label for "outside any entity".
    static let outside = NERLabel(rawValue: 0)

    var rawValue: Int

    init(rawValue: Int) { self.rawValue = rawValue }

    /// B-`type` or I-`type`.
    init(type: EntityType, begins: Bool) { rawValue = 1 + 2 * type.index + (begins ? 0 : 1) }

    /// The entity type, `nil` for O.
    var type: EntityType? { rawValue == 0 ? nil : EntityType(index: (rawValue - 1) / 2) }
    /// Whether this is a B- label.
    var begins: Bool { rawValue != 0 && (rawValue - 1) % 2 == 0 }

    /// Whether `self` may follow `previous` in a BIO sequence (`nil` is the sentence start).
    func canFollow(_ previous: NERLabel?) -> Bool {
        guard rawValue != 0, !begins else { return true }
        guard let previous, let type = previous.type else { return false }
        return type == self.type
    }
}

/// A typed span of tokens found by the recogniser: tokens `[start, end)` of one sentence.
public struct TokenSpan: Hashable, Sendable {
    /// Index of the first token.
    public var start: Int
    /// Index just past the last token.
    public var end: Int
    /// The entity type.
    public var type: EntityType

    /// Makes a span.
    public init(start: Int, end: Int, type: EntityType) {
        self.start = start; self.end = end; self.type = type
    }
}

extension NERLabel {
    /// The spans of a BIO label sequence (an I- after O or another type opens a span, as conlleval does).
    static func spans(_ labels: [NERLabel]) -> [TokenSpan] {
        var spans: [TokenSpan] = []
        var open: (start: Int, type: EntityType)?
        for (i, label) in labels.enumerated() {
            if let current = open, label.type != current.type || label.begins {
                spans.append(TokenSpan(start: current.start, end: i, type: current.type)); open = nil
            }
            if open == nil, let type = label.type { open = (i, type) }
        }
        if let current = open { spans.append(TokenSpan(start: current.start, end: labels.count, type: current.type)) }
        return spans
    }
}
