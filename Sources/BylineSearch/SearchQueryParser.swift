import Foundation

/// What a reader's search box input became: the expression to run, and notes for the reader about anything
/// that was ignored or shortened.
public struct ParsedSearchQuery: Hashable, Sendable {
    public var expression: SearchExpression
    /// Plain-language notes ("Only the first 16 words were searched."); empty when the input was used as typed.
    public var notices: [String]

    public init(expression: SearchExpression, notices: [String] = []) {
        self.expression = expression; self.notices = notices
    }

    /// The query written back in Byline's syntax (normalised), e.g. for "Did you mean" links.
    public var text: String { SearchQueryParser.render(expression) }
}

/// Parses the search syntax readers know from web search engines: words (all must match), `"exact phrase"`,
/// `-exclude`, `OR` between alternatives and `prefix*`. Total: any input gives a query or a clear notice.
public struct SearchQueryParser: Hashable, Sendable {
    /// Longer input is cut here (in characters) before parsing.
    public var maxCharacters: Int
    /// At most this many words and phrases are searched.
    public var maxTerms: Int
    /// Shorter prefixes (`a*`) are searched as whole words: they would match most of the archive.
    public var minPrefixLength: Int

    public init(maxCharacters: Int = 256, maxTerms: Int = 16, minPrefixLength: Int = 2) {
        self.maxCharacters = maxCharacters; self.maxTerms = maxTerms; self.minPrefixLength = minPrefixLength
    }

    private enum Item: Equatable {
        case term(SearchTerm, excluded: Bool)
        case or
    }

    /// Parses `input`; never fails.
    public func parse(_ input: String) -> ParsedSearchQuery {
        var notices: [String] = []
        var text = Self.normalise(input)
        if text.count > maxCharacters {
            text = String(text.prefix(maxCharacters))
            notices.append("Your search was long, so only its first \(maxCharacters) characters were used.")
        }
        let (items, unbalanced) = lex(text)
        if unbalanced { notices.append("A quotation mark had no closing partner, so the words after it were searched as a phrase.") }

        var clauses: [[SearchTerm]] = []
        var excluded: [SearchTerm] = []
        var termCount = 0
        var joinNext = false
        var previousWasPositive = false
        var droppedOr = false
        var truncated = false
        for (index, item) in items.enumerated() {
            switch item {
            case .or:
                let nextIsPositive: Bool = {
                    guard index + 1 < items.count, case .term(_, excluded: false) = items[index + 1] else { return false }
                    return true
                }()
                if previousWasPositive && nextIsPositive { joinNext = true } else { droppedOr = true }
            case .term(let term, let isExcluded):
                guard termCount < maxTerms else { truncated = true; continue }
                termCount += 1
                if isExcluded {
                    if !excluded.contains(term) { excluded.append(term) }
                    previousWasPositive = false
                } else {
                    if joinNext, !clauses.isEmpty {
                        if !clauses[clauses.count - 1].contains(term) { clauses[clauses.count - 1].append(term) }
                    } else if !clauses.contains([term]) {
                        clauses.append([term])
                    }
                    previousWasPositive = true
                }
                joinNext = false
            }
        }
        if truncated { notices.append("Only the first \(maxTerms) words were searched.") }
        if droppedOr { notices.append("OR needs a word on each side, so a lone OR was ignored.") }
        let expression = SearchExpression(clauses: clauses, excluded: excluded)
        if expression.isEmpty {
            notices.append(excluded.isEmpty
                           ? "Type a word to search for."
                           : "Add a word to search for: a search cannot be made of exclusions (-word) alone.")
        }
        return ParsedSearchQuery(expression: expression, notices: notices)
    }

    /// Compatibility-normalises (full-width letters, ligatures), turns typographic quotes into `"`, and replaces
    /// control and invisible formatting characters with spaces.
    static func normalise(_ input: String) -> String {
        // Plain ASCII, what most readers type, is its own compatibility form: only control characters change.
        // (The Unicode path below costs tens of microseconds even for one short word.)
        let bytes = input.utf8
        if bytes.count <= 4_096, bytes.allSatisfy({ $0 < 0x80 }) {
            func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }
            guard bytes.contains(where: isControl) else { return input }
            return String(decoding: bytes.map { isControl($0) ? 0x20 : $0 }, as: UTF8.self)
        }
        return normaliseUnicode(input)
    }

    /// ``normalise(_:)`` for any input (the general path; tests hold the ASCII path to it).
    static func normaliseUnicode(_ input: String) -> String {
        // Bound the work before any Unicode processing: 4 × the character cap is ample for real queries.
        let bounded = input.unicodeScalars.count > 4_096 ? String(String.UnicodeScalarView(input.unicodeScalars.prefix(4_096))) : input
        var out = String.UnicodeScalarView()
        for scalar in bounded.precomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar {
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}", "\u{2033}", "\u{FF02}":
                out.append("\"")
            case "\u{2212}", "\u{2013}", "\u{2014}":
                out.append("-")
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator:
                    out.append(" ")
                default:
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    private func lex(_ text: String) -> (items: [Item], unbalancedQuote: Bool) {
        var items: [Item] = []
        var unbalanced = false
        var chars = Substring(text)
        while let first = chars.first {
            if first.isWhitespace { chars = chars.dropFirst(); continue }
            var excluded = false
            if first == "-" {
                // `-word` and `-"phrase"` exclude; a dash alone or inside a word does not.
                let rest = chars.dropFirst()
                if let next = rest.first, !next.isWhitespace, next != "-" {
                    excluded = true
                    chars = rest
                }
            }
            if chars.first == "\"" {
                let body = chars.dropFirst()
                let end = body.firstIndex(of: "\"")
                if end == nil { unbalanced = true }
                let phrase = body[..<(end ?? body.endIndex)]
                chars = end.map { body[body.index(after: $0)...] } ?? ""
                let tokens = SearchText.tokens(String(phrase))
                if tokens.count == 1 { items.append(.term(.word(tokens[0]), excluded: excluded)) }
                else if tokens.count > 1 { items.append(.term(.phrase(tokens), excluded: excluded)) }
                continue
            }
            let end = chars.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? chars.endIndex
            let chunk = chars[..<end]
            chars = chars[end...]
            if chunk == "OR" || chunk == "|" || chunk == "||" {
                if !excluded { items.append(.or) }
                continue
            }
            var word = chunk.drop(while: { $0 == "+" || $0 == "-" })
            var isPrefix = false
            while word.last == "*" { word = word.dropLast(); isPrefix = true }
            let tokens = SearchText.tokens(String(word))
            switch tokens.count {
            case 0: continue
            case 1:
                let token = tokens[0]
                let prefix = isPrefix && token.count >= minPrefixLength
                items.append(.term(prefix ? .prefix(token) : .word(token), excluded: excluded))
            default:
                // "U.S.", "covid-19", "don't": one word to the reader, several tokens to the index.
                items.append(.term(.phrase(tokens), excluded: excluded))
            }
        }
        return (items, unbalanced)
    }

    /// Writes an expression back in the search syntax.
    public static func render(_ expression: SearchExpression) -> String {
        func term(_ t: SearchTerm) -> String {
            switch t {
            case .word(let w): return w
            case .prefix(let p): return p + "*"
            case .phrase(let words): return "\"" + words.joined(separator: " ") + "\""
            }
        }
        let positive = expression.clauses.map { $0.map(term).joined(separator: " OR ") }
        let negative = expression.excluded.map { "-" + term($0) }
        return (positive + negative).joined(separator: " ")
    }
}
