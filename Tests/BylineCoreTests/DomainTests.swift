import Foundation
import Testing
import BylineCore

@Suite struct SlugTests {
    @Test func makesSlugsFromHeadlines() {
        #expect(Slug.make(from: "China supports Putin’s action in Kazakhstan")?.rawValue == "china-supports-putins-action-in-kazakhstan")
        #expect(Slug.make(from: "  Crème brûlée — São Paulo!  ")?.rawValue == "creme-brulee-sao-paulo")
        #expect(Slug.make(from: "!!!") == nil)
        #expect(Slug.make(from: String(repeating: "word ", count: 100))!.rawValue.count <= Slug.maxLength)
    }

    @Test func validatesRawSlugs() {
        #expect(Slug("kazakhstan-2") != nil)
        #expect(Slug("Kazakhstan") == nil)
        #expect(Slug("-x") == nil)
        #expect(Slug("a b") == nil)
        #expect(Slug("") == nil)
        #expect(Slug("kazakhstan")!.numbered(2).rawValue == "kazakhstan-2")
    }
}

@Suite struct DraftValidationTests {
    func draft(headline: String = "A headline", dek: String = "", tags: [String] = []) -> ArticleDraft {
        ArticleDraft(headline: headline, dek: dek, bodyMarkdown: "Body", section: Slug("world")!, tags: tags)
    }

    @Test func emptyHeadlineIsRejected() {
        #expect(throws: ValidationError(field: "headline", "must not be empty")) { try draft(headline: "   ").validated() }
    }

    @Test func overLongFieldsAreRejectedWithTheirLimits() throws {
        let error = try #require(throws: ValidationError.self) {
            try draft(headline: String(repeating: "h", count: 301), dek: String(repeating: "d", count: 601)).validated()
        }
        #expect(error.issues.map(\.field) == ["headline", "dek"])
        #expect(error.issues[0].message.contains("300"))
    }

    @Test func tagsAreTrimmedAndDeduplicatedBySlug() throws {
        let valid = try draft(tags: [" Kazakhstan ", "kazakhstan", "U.S.", ""]).validated()
        #expect(valid.tags == ["Kazakhstan", "U.S."])
    }

    @Test func schedulingNeedsATime() {
        var d = draft()
        d.status = .scheduled
        #expect(throws: ValidationError.self) { try d.validated() }
    }

    @Test(arguments: ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                      "vbscript:msgbox(1)", "//evil.example/x.png", "/\\evil.example/x.png", "java\tscript:alert(1)",
                      "https:///x.png", "photo.jpg", "ftp://example.com/x.png", "https://exa\nmple.com/x.png"])
    func leadImagesMustBeHTTPOrSiteRelative(url: String) {
        var d = draft()
        d.leadImage = LeadImage(url: url, alt: "x")
        #expect(throws: ValidationError(field: "lead_image.url",
                                        "must be an http:// or https:// address or a path on this site starting with one /")) {
            try d.validated()
        }
    }

    @Test func acceptedLeadImagesAreTrimmed() throws {
        for url in ["https://example.com/a.jpg", "HTTP://example.com/a b.jpg", "/media/a.png?w=800#x"] {
            var d = draft()
            d.leadImage = LeadImage(url: "  \(url)\n", alt: "x")
            #expect(try d.validated().leadImage?.url == url)
        }
    }

    @Test func contributorsNeedNames() {
        var d = draft()
        d.contributors = [ContributorInput(name: " ", role: "Reporting by")]
        #expect(throws: ValidationError.self) { try d.validated() }
    }
}
