import Foundation

/// A corpus in CoNLL-2003 format: one token a line (`token POS chunk NER`), blank lines between
/// sentences, `-DOCSTART-` lines between documents, NER tags in IOB1 (or IOB2).
public struct CoNLLCorpus: Sendable {
    /// One labelled sentence.
    public struct Sentence: Sendable, Hashable {
        /// The tokens, as written.
        public var tokens: [String]
        /// The gold entities.
        public var spans: [TokenSpan]
        /// The gold labels, in BIO.
        var labels: [NERLabel]
    }

    /// One document: the sentences between two `-DOCSTART-` lines.
    public struct Document: Sendable, Hashable {
        /// The document's sentences.
        public var sentences: [Sentence]
    }

    /// The documents, in file order.
    public var documents: [Document]

    /// Number of tokens in the corpus.
    public var tokenCount: Int { documents.reduce(0) { $0 + $1.sentences.reduce(0) { $0 + $1.tokens.count } } }

    /// Reads a CoNLL file.
    /// - Throws: ``CoNLLFormatError`` naming the file and line of the first bad line, or the file error.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CoNLLFormatError(file: url.path, line: 0, message: "cannot read file (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CoNLLFormatError(file: url.path, line: 0, message: "file is not UTF-8 text")
        }
        try self.init(parsing: text, file: url.path)
    }

    /// Parses CoNLL text; `file` names the source in errors.
    /// - Throws: ``CoNLLFormatError`` for a line without a token and a tag, or with an unknown tag.
    public init(parsing text: String, file: String = "<text>") throws {
        var documents: [Document] = []
        var sentences: [Sentence] = []
        var tokens: [String] = []
        var iob1: [(type: EntityType?, begins: Bool)] = []
        func closeSentence() {
            guard !tokens.isEmpty else { return }
            let labels = Self.bio(from: iob1)
            sentences.append(Sentence(tokens: tokens, spans: NERLabel.spans(labels), labels: labels))
            tokens = []; iob1 = []
        }
        func closeDocument() {
            closeSentence()
            if !sentences.isEmpty { documents.append(Document(sentences: sentences)) }
            sentences = []
        }
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { closeSentence(); continue }
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if columns[0] == "-DOCSTART-" { closeDocument(); continue }
            guard columns.count >= 2, let tag = columns.last else {
                throw CoNLLFormatError(file: file, line: lineNumber, message: "expected a token and an NER tag, found \(String(line).debugDescription)")
            }
            guard let label = Self.parseTag(tag) else {
                throw CoNLLFormatError(file: file, line: lineNumber, message: "unknown NER tag \(String(tag).debugDescription)")
            }
            tokens.append(String(columns[0]))
            iob1.append(label)
        }
        closeDocument()
        self.documents = documents
    }

    static func parseTag(_ tag: Substring) -> (type: EntityType?, begins: Bool)? {
        if tag == "O" { return (nil, false) }
        guard tag.count > 2, tag.dropFirst().first == "-", let type = EntityType(rawValue: String(tag.dropFirst(2))) else { return nil }
        switch tag.first {
        case "B": return (type, true)
        case "I": return (type, false)
        default: return nil
        }
    }

    /// IOB1 (B- only between two entities of one type) to BIO (B- at every start).
    static func bio(from iob1: [(type: EntityType?, begins: Bool)]) -> [NERLabel] {
        var out: [NERLabel] = []
        out.reserveCapacity(iob1.count)
        var previous: EntityType?
        for tag in iob1 {
            guard let type = tag.type else { out.append(.outside); previous = nil; continue }
            out.append(NERLabel(type: type, begins: tag.begins || previous != type))
            previous = type
        }
        return out
    }
}

/// A CoNLL file that could not be read, with the file and 1-based line (0 when it is the whole file).
public struct CoNLLFormatError: Error, CustomStringConvertible, Equatable {
    /// The file's path.
    public var file: String
    /// The 1-based line number; 0 when the problem is the file as a whole.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// The error as one line: `file:line: message`.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
