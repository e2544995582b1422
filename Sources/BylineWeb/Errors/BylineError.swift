import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineRoutes
import BylineNewsroom

/// The one error vocabulary of the web layer: a status, a stable machine code, a message safe to show, the field
/// issues of a rejected input, and for a move the route it moved to. ``ErrorMiddleware`` renders it as an HTML
/// page for readers and staff, or as JSON `{"error": {"code", "message", "issues"}}` under `/api`.
struct BylineError: HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var issues: [FieldIssue] = []
    /// Where a ``moved(_:)`` page lives now.
    var location: SiteRoute?
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`).
    var headers: HTTPFields = [:]

    static func notFound(_ message: String = "There is no page at this address. It may have moved, or the link may be mistyped.") -> BylineError {
        BylineError(status: .notFound, code: "not_found", message: message)
    }

    static func badRequest(_ message: String) -> BylineError {
        BylineError(status: .badRequest, code: "bad_request", message: message)
    }

    /// A query parameter that is malformed; `issues` names it.
    static func badParameter(_ name: String, _ message: String) -> BylineError {
        BylineError(status: .badRequest, code: "invalid_parameter", message: "\(name): \(message)",
                    issues: [FieldIssue(field: name, message: message)])
    }

    static func invalid(_ error: ValidationError) -> BylineError {
        BylineError(status: .unprocessableContent, code: "validation_failed", message: "The request has invalid fields.", issues: error.issues)
    }

    static func forbidden(_ message: String) -> BylineError { BylineError(status: .forbidden, code: "forbidden", message: message) }

    static func conflict(_ message: String) -> BylineError { BylineError(status: .conflict, code: "conflict", message: message) }

    static func unauthenticated(_ message: String) -> BylineError {
        BylineError(status: .unauthorized, code: "unauthenticated", message: message)
    }

    static func unsupportedMediaType(_ message: String) -> BylineError {
        BylineError(status: .unsupportedMediaType, code: "unsupported_media_type", message: message)
    }

    static func bodyTooLarge(limit: Int) -> BylineError {
        BylineError(status: .contentTooLarge, code: "body_too_large", message: "The body is larger than \(limit) bytes.")
    }

    /// The page lives at `route` now (a renamed or merged tag): a permanent redirect.
    static func moved(_ route: SiteRoute) -> BylineError {
        BylineError(status: .movedPermanently, code: "moved", message: "This page has moved.", location: route)
    }

    /// A plain-text answer, for the rare error that escapes ``ErrorMiddleware``.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
        response.headers[.contentType] = "text/plain; charset=utf-8"
        return response
    }
}

extension BylineError {
    /// The error as this vocabulary says it; `nil` for failures that are Byline's own fault (a 500).
    init?(translating error: any Error) {
        switch error {
        case let error as BylineError: self = error
        case let error as RouteError: self = .badRequest(error.message)
        case let error as ValidationError: self = .invalid(error)
        case let error as PublishingError:
            switch error {
            case .unauthenticated:
                self = .unauthenticated("Send a valid API token or session.")
                headers[.wwwAuthenticate] = "Bearer realm=\"byline\""
            case .forbidden(let message): self = .forbidden(message)
            case .notFound: self = .notFound("No such resource.")
            case .conflict(let message): self = .conflict(message)
            }
        case let error as StoreError:
            switch error {
            case .unknownSection(let slug): self = .invalid(ValidationError(field: "section", "there is no section \(slug.rawValue.debugDescription)"))
            case .notFound: self = .notFound("No such resource.")
            case .conflict: self = .conflict("The request conflicts with stored data.")
            case .invalid(let validation): self = .invalid(validation)
            }
        case let error as any HTTPResponseError where (400..<500).contains(error.status.code):
            // Hummingbird's own: an unmatched route, a body over the limit (NIOTooManyBytesError maps here too).
            switch error.status {
            case .notFound: self = .notFound()
            case .contentTooLarge: self = .bodyTooLarge(limit: APIJSON.maxBodyBytes)
            default: self = BylineError(status: error.status, code: "bad_request", message: error.status.reasonPhrase)
            }
        default: return nil
        }
    }
}
