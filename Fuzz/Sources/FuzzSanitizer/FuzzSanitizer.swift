import BylineText

private let sanitizer = HTMLSanitizer()

/// Checks what every sanitised output must hold; a violation traps, which libFuzzer records as a crash.
///
/// Output text never holds a raw `<`, and tags are written as `<name attr="value" ...>` with `"`, `<` and `>`
/// escaped inside values, so the tags can be read back by a plain scan.
private func check(_ output: String) {
    let lower = output.lowercased()
    for banned in ["<script", "<iframe", "<style", "<object", "<embed", "<svg", "<math", "<form", "<!--", "<![cdata"] {
        precondition(!lower.contains(banned), "\(banned) in sanitised output")
    }
    let scalars = Array(lower.unicodeScalars)
    var i = 0
    while i < scalars.count {
        guard scalars[i] == "<" else { i += 1; continue }
        i += 1
        if i < scalars.count, scalars[i] == "/" { i += 1 }
        while i < scalars.count, scalars[i] != " ", scalars[i] != ">", scalars[i] != "/" { i += 1 }
        // Attributes: ` name="value"` repeated, then `>` or `/>`.
        while i < scalars.count, scalars[i] == " " {
            i += 1
            var name = ""
            while i < scalars.count, scalars[i] != "=" { name.unicodeScalars.append(scalars[i]); i += 1 }
            precondition(i + 1 < scalars.count && scalars[i + 1] == "\"", "attribute \(name) is not quoted")
            i += 2
            var value = ""
            while i < scalars.count, scalars[i] != "\"" { value.unicodeScalars.append(scalars[i]); i += 1 }
            i += 1
            precondition(!name.hasPrefix("on") && name != "style", "attribute \(name) survived")
            if ["href", "src", "cite"].contains(name) {
                let head = value.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
                if head.contains(":") {
                    precondition(value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("mailto:"),
                                 "unsafe URL \(value)")
                }
            }
        }
        if i < scalars.count, scalars[i] == "/" { i += 1 }
        precondition(i < scalars.count && scalars[i] == ">", "malformed tag in output")
        i += 1
    }
}

/// libFuzzer entry point: sanitising any text gives safe output that a second pass leaves unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizer(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let once = sanitizer.sanitize(html)
    check(once)
    precondition(sanitizer.sanitize(once) == once, "sanitising is not idempotent")
    return 0
}
