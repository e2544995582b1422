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
            throw BylineError.badRequest("The page number must be a whole number from 1 to \(PageRequest.maxPage).")
        }
        return PageRequest(page: n, size: size)
    }
}
