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
        guard ok, let root = builder.root else {
            let line = max(1, parser.lineNumber)
            let column = max(1, parser.columnNumber)
            let reason = parser.parserError.map(describe) ?? (builder.root == nil ? "no root element" : "unknown error")
            throw ImportSourceError(location: SourceLocation(file: fileName, line: line, column: column),
                                    message: "malformed XML: \(reason); nothing was imported from this file")
        }
        return root
    }

    private static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSLocalizedDescriptionKey] as? String, !detail.isEmpty,
           !detail.hasPrefix("The operation could not be completed") {
            return detail.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "XML parser error \(ns.code)"
    }
}

private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLTree?
    var stack: [XMLTree] = []
    weak var parser: XMLParser?
    /// Deeper documents are not feeds; stopping bounds the stack for hostile input.
    static let maxDepth = 256

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard stack.count < Self.maxDepth else { parser.abortParsing(); return }
        let node = XMLTree(name: elementName, attributes: attributeDict, line: parser.lineNumber)
        if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if !stack.isEmpty { stack.removeLast() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
