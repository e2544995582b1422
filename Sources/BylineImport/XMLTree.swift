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
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        builder.parser = parser
        let ok = parser.parse()
        // On Linux `parse()` can return true after libxml2 recovered from an error, so the first
        // reported error decides.
        if let failure = builder.failure ?? (ok ? nil : (parser.parserError.map { ($0, parser.lineNumber, parser.columnNumber) })) {
            throw ImportSourceError(location: SourceLocation(file: fileName, line: max(1, failure.line), column: max(1, failure.column)),
                                    message: "malformed XML: \(describe(failure.error)); nothing was imported from this file")
        }
        guard ok, let root = builder.root else {
            throw ImportSourceError(location: SourceLocation(file: fileName, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)),
                                    message: "malformed XML: \(builder.root == nil ? "no root element" : "unknown error"); nothing was imported from this file")
        }
        return root
    }

    private static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        let code = XMLParser.ErrorCode(rawValue: ns.code)
        switch code {
        case .tagNameMismatchError?: return "an end tag does not match the element it closes"
        case .prematureDocumentEndError?: return "the document ends inside an element"
        case .undeclaredEntityError?: return "undeclared entity (HTML entities such as &nbsp; must be escaped or inside CDATA)"
        case .emptyDocumentError?: return "the document is empty"
        case .notWellBalancedError?: return "elements are not properly nested"
        case .ltRequiredError?, .gtRequiredError?: return "a tag is not closed"
        case .attributeNotStartedError?, .attributeNotFinishedError?: return "an attribute is malformed"
        case .invalidCharacterError?: return "a character is not allowed in XML"
        case .internalError?: return "the parser stopped (document too deeply nested?)"
        case .delegateAbortedParseError?: return "elements are nested more than \(XMLTreeBuilder.maxDepth) deep"
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
