import Foundation
import Hummingbird

/// The files in BylineWeb's `Resources` folder, read once when the router is built and served as they are.
public struct WebResources: Sendable {
    /// `/assets/site.css` (`site.css`): readable type, good contrast (text #1a1a1a on #fff, links #0b4f8a: 8:1).
    let stylesheet: RenderedPage
    /// `/assets/logo.png` (`logo.png`), served when no publisher logo is configured so JSON-LD `publisher.logo` and
    /// `og:image` never point at a missing file: 600×60 (the shape Google asks of publisher logos), a white "B" on
    /// the site's accent blue.
    let publisherLogo: RenderedPage
    /// `/admin/admin.css` (`admin.css`): the admin's additions to the site stylesheet.
    let adminStylesheet: RenderedPage
    /// `/api/openapi.json` (`openapi.json`): the contract of `/api/v1`, edited by hand. `OpenAPIDriftTests` checks
    /// that it documents every route the router has under `/api/v1` and no other.
    let openAPIDocument: ByteBuffer

    /// A file that should be in the bundle is not: the build or the installation is incomplete.
    public struct MissingResource: Error, CustomStringConvertible {
        /// The file, relative to BylineWeb's `Resources` folder.
        public let name: String

        public var description: String {
            "BylineWeb's bundled resource Resources/\(name) is missing or unreadable: the build or the installation is incomplete"
        }
    }

    /// Reads every file from BylineWeb's bundle.
    /// - Throws: ``MissingResource`` naming the first file that is missing or unreadable.
    public static func load() throws -> WebResources {
        try load(from: .module)
    }

    /// Reads every file from `bundle`'s `Resources` folder.
    /// - Throws: ``MissingResource`` naming the first file that is missing or unreadable.
    public static func load(from bundle: Bundle) throws -> WebResources {
        func read(_ name: String, _ type: String) throws -> [UInt8] {
            guard let url = bundle.url(forResource: name, withExtension: type, subdirectory: "Resources"),
                  let data = try? Data(contentsOf: url) else {
                throw MissingResource(name: "\(name).\(type)")
            }
            return Array(data)
        }
        return WebResources(
            stylesheet: RenderedPage(body: try read("site", "css"), lastModified: nil, contentType: "text/css; charset=utf-8"),
            publisherLogo: RenderedPage(body: try read("logo", "png"), lastModified: nil, contentType: "image/png"),
            adminStylesheet: RenderedPage(body: try read("admin", "css"), lastModified: nil, contentType: "text/css; charset=utf-8"),
            openAPIDocument: ByteBuffer(bytes: try read("openapi", "json")))
    }
}
