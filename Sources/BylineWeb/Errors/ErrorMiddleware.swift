import Foundation
import Hummingbird
import Logging
import BylineCore
import BylineRoutes

/// Where every error becomes HTTP: ``BylineError``s (and the errors it translates) are answered in the form the
/// route family reads — an HTML page on the site and in the admin, JSON under `/api` — and anything else is
/// logged with its detail and answered with a generic 500 that says nothing about the cause.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Renders an HTML error page: status code, title, message.
    let renderPage: @Sendable (Int, String, String) -> [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let family = SiteRoute.family(ofPath: request.uri.path)
            guard let known = BylineError(translating: error) else {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
                let failure = BylineError(status: .internalServerError, code: "internal",
                                          message: family == .api ? "Something went wrong." : "The page could not be shown. Please try again shortly.")
                return respond(failure, family: family)
            }
            return respond(known, family: family)
        }
    }

    private func respond(_ error: BylineError, family: RouteFamily) -> Response {
        if let location = error.location {
            return Response(status: error.status, headers: [.location: location.path, .cacheControl: "public, max-age=3600"])
        }
        var response: Response
        switch family {
        case .api:
            // The reader's wording of an unknown address means nothing to a program.
            let message = error.status == .notFound && error.message == BylineError.notFound().message ? "No such resource." : error.message
            let body = Body(error: .init(code: error.code, message: message, issues: error.issues))
            let data = (try? APIJSON.encoder.encode(body)) ?? Data(#"{"error":{"code":"internal","issues":[],"message":""}}"#.utf8)
            response = Response(status: error.status, headers: [.contentType: "application/json; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        case .site, .admin:
            let title: String
            switch error.status {
            case .notFound: title = "Page not found"
            case .badRequest: title = "Bad request"
            case .internalServerError: title = "Something went wrong"
            default: title = error.status.reasonPhrase
            }
            let page = renderPage(error.status.code, title, error.message)
            response = Response(status: error.status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: page)))
        }
        response.headers[.cacheControl] = "no-store"
        for field in error.headers { response.headers.append(field) }
        return response
    }

    /// The JSON shape of an API error.
    private struct Body: Encodable {
        struct Problem: Encodable {
            var code: String
            var message: String
            var issues: [FieldIssue]
        }
        var error: Problem
    }
}
