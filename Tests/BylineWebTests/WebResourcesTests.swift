import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import BylineWeb

/// The files in BylineWeb's `Resources` folder: served with the right types, and missing ones stop the start.
@Suite struct WebResourcesTests {
    @Test func stylesheetLogoAndOpenAPIDocumentAreServed() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let css = try await client.execute(uri: "/assets/site.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl] == "public, max-age=86400")
            #expect(css.text.hasPrefix(":root{"))

            let logo = try await client.execute(uri: "/assets/logo.png", method: .get)
            #expect(logo.status == .ok)
            #expect(logo.headers[.contentType] == "image/png")
            #expect(logo.headers[.cacheControl] == "public, max-age=86400")
            #expect([UInt8](buffer: logo.body).starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))

            // The validators are the files' own: a client holding the ETag gets a 304.
            let etag = try #require(logo.headers[.eTag])
            let again = try await client.execute(uri: "/assets/logo.png", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)

            let document = try await client.execute(uri: "/api/openapi.json", method: .get)
            #expect(document.status == .ok)
            #expect(document.headers[.contentType] == "application/json; charset=utf-8")
            #expect(try JSONSerialization.jsonObject(with: Data([UInt8](buffer: document.body))) is [String: Any])
        }
    }

    /// A bundle in a fresh folder whose `Resources` holds only `files` (Foundation caches a bundle's listing).
    static func bundle(with files: [String]) throws -> (Bundle, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-resources-\(UUID().uuidString)")
        let resources = folder.appendingPathComponent("Resources")
        try FileManager.default.createDirectory(at: resources, withIntermediateDirectories: true)
        for file in files { try Data("x".utf8).write(to: resources.appendingPathComponent(file)) }
        return (try #require(Bundle(url: folder)), folder)
    }

    @Test func missingResourceIsNamed() throws {
        let (empty, emptyFolder) = try Self.bundle(with: [])
        defer { try? FileManager.default.removeItem(at: emptyFolder) }
        #expect { try WebResources.load(from: empty) } throws: { error in
            (error as? WebResources.MissingResource)?.name == "site.css"
        }
        let (noDocument, noDocumentFolder) = try Self.bundle(with: ["site.css", "logo.png", "admin.css"])
        defer { try? FileManager.default.removeItem(at: noDocumentFolder) }
        #expect { try WebResources.load(from: noDocument) } throws: { error in
            (error as? WebResources.MissingResource)?.name == "openapi.json"
        }
        let (noLogo, noLogoFolder) = try Self.bundle(with: ["site.css"])
        defer { try? FileManager.default.removeItem(at: noLogoFolder) }
        #expect { try WebResources.load(from: noLogo) } throws: { error in
            "\(error)" == "BylineWeb's bundled resource Resources/logo.png is missing or unreadable: the build or the installation is incomplete"
        }
    }

    @Test func bundledResourcesLoad() throws {
        _ = try WebResources.load()
    }
}
