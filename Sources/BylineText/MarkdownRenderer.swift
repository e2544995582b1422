import Ink

/// Renders an article body from Markdown to HTML that is safe to show: Ink renders, then
/// ``HTMLSanitizer`` removes whatever the allowlist does not keep (Markdown allows inline HTML).
public struct MarkdownRenderer: Sendable {
    private let sanitizer = HTMLSanitizer()

    /// Creates a renderer.
    public init() {}

    /// The sanitised HTML for `markdown`.
    public func html(from markdown: String) -> String {
        sanitizer.sanitize(MarkdownParser().html(from: markdown))
    }
}
