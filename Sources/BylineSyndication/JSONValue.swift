/// A JSON value with ordered object keys, so feeds and JSON-LD come out in a stable, readable order.
enum JSONValue: Sendable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])
    case null

    /// An object from pairs, leaving out `nil` values and empty arrays.
    static func fields(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { key, value in
            guard let value else { return nil }
            if case .array(let items) = value, items.isEmpty { return nil }
            return (key, value)
        })
    }

    /// Compact JSON text. With `scriptSafe`, `<`, `>`, `&`, U+2028 and U+2029 are written as `\uXXXX`
    /// so the text can sit inside `<script type="application/ld+json">` without ending it or breaking JavaScript.
    func serialized(scriptSafe: Bool = false, pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, scriptSafe: scriptSafe, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout String, scriptSafe: Bool, pretty: Bool, indent: Int) {
        let newline = pretty ? "\n" : ""
        let pad = { (level: Int) in pretty ? String(repeating: "  ", count: level) : "" }
        switch self {
        case .string(let s): Self.writeString(s, to: &out, scriptSafe: scriptSafe)
        case .number(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad(indent + 1)
                item.write(to: &out, scriptSafe: scriptSafe, pretty: pretty, indent: indent + 1)
                out += (i < items.count - 1 ? "," : "") + newline
            }
            out += pad(indent) + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (i, pair) in pairs.enumerated() {
                out += pad(indent + 1)
                Self.writeString(pair.0, to: &out, scriptSafe: scriptSafe)
                out += pretty ? ": " : ":"
                pair.1.write(to: &out, scriptSafe: scriptSafe, pretty: pretty, indent: indent + 1)
                out += (i < pairs.count - 1 ? "," : "") + newline
            }
            out += pad(indent) + "}"
        }
    }

    private static let hex = Array("0123456789abcdef")

    private static func writeString(_ s: String, to out: inout String, scriptSafe: Bool) {
        out += "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where scriptSafe, ">" where scriptSafe, "&" where scriptSafe, "\u{2028}", "\u{2029}":
                unicodeEscape(c.value, to: &out)
            default:
                if c.value < 0x20 { unicodeEscape(c.value, to: &out) } else { out.unicodeScalars.append(c) }
            }
        }
        out += "\""
    }

    private static func unicodeEscape(_ v: UInt32, to out: inout String) {
        out += "\\u"
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }
}
