import Foundation
import Hummingbird
import BylineCore

/// Turns raw request parts into typed values before any handler logic runs.
enum RequestParsing {
    /// The `page` query parameter: absent means 1; anything but a whole number from 1 to 10,000 is a bad request.
    static func page(_ request: Request, size: Int) throws -> PageRequest {
        let values = request.uri.queryParameters.getAll("page")
        guard let raw = values.last else { return PageRequest(page: 1, size: size) }
        guard values.count == 1, let n = Int(raw), n >= 1, n <= PageRequest.maxPage else {
            throw SiteError.badRequest("The page number must be a whole number from 1 to \(PageRequest.maxPage).")
        }
        return PageRequest(page: n, size: size)
    }

    /// A slug from a path parameter; a malformed slug cannot name anything, so it is a 404.
    static func slug(_ context: some RequestContext, _ name: String) throws -> Slug {
        guard let raw = context.parameters.get(name), let slug = Slug(raw) else {
            throw SiteError.notFound("There is no page at this address.")
        }
        return slug
    }
}
