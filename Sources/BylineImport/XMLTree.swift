import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of a parsed XML document, with the line it starts on; what the feed and WXR readers walk.
final class XMLTree {
    /// The qualified name as written (`item`, `wp:post_type`, `content:encoded`).
    let name: String
    let attributes: [String: String]
    let line: Int
    /// Character data directly inside this element (CDATA included), in order.
    var text = ""
    var children: [XMLTree] = []

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name; self.attributes = attributes; self.line = line
    }

    /// The children named `name`.
    func all(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }
    /// The first child named `name`.
    func first(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    /// The trimmed text of the first child named `name`; `nil` when there is none or it is blank.
    func text(_ name: String) -> String? {
        guard let value = first(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Parses a whole document.
    /// - Throws: ``ImportSourceError`` with the line and column where the XML stops being well-formed.
    static func parse(_ data: Data, fileName: String) throws(ImportSourceError) -> XMLTree {
        let input = try XMLInput.guarded(try XMLInput.utf8(data, fileName: fileName), fileName: fileName)
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: input)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        builder.parser = parser
        let ok = parser.parse()
        // On Linux `parse()` can return true after libxml2 recovered from an error, so the first
        // reported error decides.
        if let failure = builder.failure ?? (ok ? nil : (parser.parserError.map { ($0, parser.lineNumber, parser.columnNumber) })) {
            throw ImportSourceError(location: SourceLocation(file: fileName, line: max(1, failure.line), column: max(1, failure.column)),
                                    message: "malformed XML: \(describe(failure.error, entity: entity(in: input, line: failure.line, column: failure.column))); nothing was imported from this file")
        }
        guard ok, let root = builder.root else {
            throw ImportSourceError(location: SourceLocation(file: fileName, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)),
                                    message: "malformed XML: \(builder.root == nil ? "no root element" : "unknown error"); nothing was imported from this file")
        }
        return root
    }

    /// The last entity reference (`&name;`) on `line` of `data` that ends at or before `column`: what the parser
    /// stopped at when it reports an undeclared entity.
    private static func entity(in data: Data, line: Int, column: Int) -> String? {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let text = String(decoding: lines[line - 1], as: UTF8.self)
        let upTo = text.prefix(max(0, column))
        guard let amp = upTo.lastIndex(of: "&"), let semicolon = text[amp...].firstIndex(of: ";") else { return nil }
        let name = text[text.index(after: amp)..<semicolon]
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "_-.:".contains($0) }) else { return nil }
        return "&" + name + ";"
    }

    private static func undeclaredEntity(_ entity: String?) -> String {
        "the entity \(entity ?? "used here") is not declared: Byline reads no external DTD (<!DOCTYPE … SYSTEM/PUBLIC …>) and "
            + "no entity declarations, so only &amp; &lt; &gt; &quot; &apos; and numeric references are known; write the character "
            + "itself, or put HTML such as &nbsp; inside CDATA"
    }

    private static func describe(_ error: any Error, entity: String?) -> String {
        let ns = error as NSError
        let code = XMLParser.ErrorCode(rawValue: ns.code)
        switch code {
        case .tagNameMismatchError?: return "an end tag does not match the element it closes"
        case .prematureDocumentEndError?: return "the document ends inside an element"
        case .undeclaredEntityError?: return undeclaredEntity(entity)
        case .emptyDocumentError?: return "the document is empty"
        case .notWellBalancedError?: return "elements are not properly nested"
        case .ltRequiredError?, .gtRequiredError?: return "a tag is not closed"
        case .attributeNotStartedError?, .attributeNotFinishedError?: return "an attribute is malformed"
        case .invalidCharacterError?: return "a character is not allowed in XML"
        case .internalError?: return "the parser stopped (document too deeply nested?)"
        case .delegateAbortedParseError?: return "elements are nested more than \(XMLTreeBuilder.maxDepth) deep"
        // libxml2's own codes for an undeclared entity (XML_ERR_UNDECLARED_ENTITY 26, and XML_WAR_UNDECLARED_ENTITY 27 in a
        // document with an external DTD), which FoundationXML on Linux passes through unnamed.
        case _ where ns.code == 26 || ns.code == 27: return undeclaredEntity(entity)
        default:
            if let detail = ns.userInfo[NSLocalizedDescriptionKey] as? String, !detail.isEmpty,
               !detail.hasPrefix("The operation could not be completed") {
                return detail.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return "XML parser error \(ns.code)"
        }
    }
}

private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLTree?
    var stack: [XMLTree] = []
    /// The first error the parser reported, and where.
    var failure: (error: any Error, line: Int, column: Int)?
    weak var parser: XMLParser?
    /// Deeper documents are not feeds; elements below this depth are not kept, which bounds the tree for hostile input.
    static let maxDepth = 256
    /// How many elements deep the parser is below ``maxDepth``.
    var skippedDepth = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard stack.count < Self.maxDepth, skippedDepth == 0 else {
            if failure == nil {
                failure = (NSError(domain: XMLParser.errorDomain, code: XMLParser.ErrorCode.delegateAbortedParseError.rawValue),
                           parser.lineNumber, parser.columnNumber)
            }
            skippedDepth += 1
            return
        }
        let node = XMLTree(name: elementName, attributes: attributeDict, line: parser.lineNumber)
        if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if skippedDepth > 0 { skippedDepth -= 1; return }
        if !stack.isEmpty { stack.removeLast() }
    }

    // Never call `abortParsing()` from here or from other callbacks: with some encodings libxml2 2.9
    // dereferences a null pointer when stopped inside its error callback (found by fuzzing).
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil { failure = (parseError, parser.lineNumber, parser.columnNumber) }
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
        if failure == nil { failure = (validationError, parser.lineNumber, parser.columnNumber) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if skippedDepth == 0 { stack.last?.text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if skippedDepth == 0 { stack.last?.text += String(decoding: CDATABlock, as: UTF8.self) }
    }
}

/// Brings an XML file to valid UTF-8 before `XMLParser` sees it.
///
/// Foundation's `XMLParser` on Linux traps (crashes the process) when an element or attribute name holds bytes
/// that are not valid UTF-8 (found by fuzzing), so invalid input must be refused here. Files declared (or
/// marked by a byte order mark) as UTF-16, ISO-8859-1, Windows-1252 or ASCII are converted to UTF-8 and their
/// declaration rewritten; other encodings are refused.
enum XMLInput {
    static func utf8(_ data: Data, fileName: String) throws(ImportSourceError) -> Data {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try validated(Data(bytes.dropFirst(3)), fileName: fileName)
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return try converted(data, from: .utf16, fileName: fileName)
        }
        switch declaredEncoding(bytes)?.lowercased() {
        case nil, "utf-8", "utf8":
            return try validated(data, fileName: fileName)
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "iso_8859-1":
            return try converted(data, from: .isoLatin1, fileName: fileName)
        case "windows-1252", "cp1252":
            return try converted(data, from: .windowsCP1252, fileName: fileName)
        case "us-ascii", "ascii":
            return try validated(data, fileName: fileName)
        case "utf-16", "utf16":
            return try converted(data, from: .utf16, fileName: fileName)
        case let other?:
            throw ImportSourceError(location: SourceLocation(file: fileName, line: 1, column: 1),
                                    message: "unsupported encoding \(other.debugDescription); convert the file to UTF-8")
        }
    }

    /// The `encoding` of an `<?xml ...?>` declaration at the start of the file.
    private static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = bytes.prefix(256)
        guard let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// `data` itself when it is valid UTF-8; otherwise an error at the first bad byte.
    private static func validated(_ data: Data, fileName: String) throws(ImportSourceError) -> Data {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return data
            case .error:
                throw ImportSourceError(location: SourceLocation(file: fileName, line: line, column: column),
                                        message: "malformed XML: the bytes at offset \(offset) are not valid UTF-8; nothing was imported from this file")
            }
        }
    }

    private static func converted(_ data: Data, from encoding: String.Encoding, fileName: String) throws(ImportSourceError) -> Data {
        guard var text = String(data: data, encoding: encoding) else {
            throw ImportSourceError(location: SourceLocation(file: fileName, line: 1, column: 1),
                                    message: "the file is not valid \(encoding); nothing was imported from this file")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
            text.replaceSubrange(text.startIndex..<end.upperBound, with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        }
        return Data(text.utf8)
    }
}

extension XMLInput {
    /// Makes `data` safe for Foundation's `XMLParser` before it parses anything.
    ///
    /// - A processing instruction without data (`<?target?>`) makes FoundationXML call `strlen` on a null pointer
    ///   and crash the process (found by fuzzing); a space is inserted after the target (`<?target ?>`), which
    ///   libxml2 reads as empty data. Processing instructions carry nothing Byline reads.
    /// - A DOCTYPE with an internal subset (`<!DOCTYPE x [ ... ]>`) is refused: feeds and WordPress exports never
    ///   need one, and its entity declarations could smuggle the same crash (or an entity expansion bomb) past
    ///   this scan.
    ///
    /// The scan does not follow XML's grammar on purpose: libxml2 recovers from errors and goes on parsing, so
    /// every `<?name?>` in the bytes is rewritten, wherever it stands (inside CDATA too, where it becomes
    /// `<?name ?>`). Line numbers do not change.
    /// - Throws: ``ImportSourceError`` at the DOCTYPE's line and column.
    /// Whether `bytes` (a DOCTYPE's internal subset and what follows) holds `<!ENTITY`.
    private static func containsEntityDeclaration(_ bytes: ArraySlice<UInt8>) -> Bool {
        let marker = Array("<!ENTITY".utf8)
        guard bytes.count >= marker.count else { return false }
        var i = bytes.startIndex
        while i + marker.count <= bytes.endIndex {
            if bytes[i] == marker[0], bytes[i..<(i + marker.count)].elementsEqual(marker) { return true }
            if bytes[i] == UInt8(ascii: "]") { return false }
            i += 1
        }
        return false
    }

    static func guarded(_ data: Data, fileName: String) throws(ImportSourceError) -> Data {
        let bytes = [UInt8](data)
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), question = UInt8(ascii: "?"), bang = UInt8(ascii: "!")
        let doctype = Array("doctype".utf8)
        var insertions: [Int] = []
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == lt else { i += 1; continue }
            if bytes[i + 1] == question {
                var j = i + 2
                while j < bytes.count, !isXMLSpace(bytes[j]), bytes[j] != question, bytes[j] != lt, bytes[j] != gt { j += 1 }
                if j > i + 2, j + 1 < bytes.count, bytes[j] == question, bytes[j + 1] == gt { insertions.append(j) }
            } else if bytes[i + 1] == bang, i + 2 + doctype.count <= bytes.count,
                      zip(bytes[(i + 2)...].prefix(doctype.count), doctype).allSatisfy({ $0 | 0x20 == $1 }) {
                var j = i + 2 + doctype.count
                while j < bytes.count, bytes[j] != gt {
                    if bytes[j] == UInt8(ascii: "[") {
                        let before = bytes[..<i]
                        let line = before.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
                        let declaresEntities = containsEntityDeclaration(bytes[j...])
                        throw ImportSourceError(
                            location: SourceLocation(file: fileName, line: line, column: i - lineStart + 1),
                            message: declaresEntities
                                ? "the file declares entities (<!ENTITY>), which Byline refuses: entities can expand a small file into "
                                    + "gigabytes (\"billion laughs\") or read other files, and feeds and WordPress exports never need them; "
                                    + "remove the DOCTYPE's [ … ] part; nothing was imported from this file"
                                : "the file's DOCTYPE has an internal subset ([ … ]), which Byline refuses: feeds and WordPress exports "
                                    + "never need one; remove it; nothing was imported from this file")
                    }
                    j += 1
                }
            }
            i += 1
        }
        guard !insertions.isEmpty else { return data }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + insertions.count)
        var last = 0
        for position in insertions {
            out.append(contentsOf: bytes[last..<position])
            out.append(UInt8(ascii: " "))
            last = position
        }
        out.append(contentsOf: bytes[last...])
        return Data(out)
    }

    private static func isXMLSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
