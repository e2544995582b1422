import Foundation
import Hummingbird
import Logging
import BylineCore
import BylineStore

/// Errors a request can end in; mapped to HTTP in one place (``SiteErrorMiddleware``).
enum SiteError: Error {
    case notFound(String)
    case badRequest(String)
    /// The page lives at this site path now (a renamed or merged tag): a permanent redirect.
    case moved(String)
}

/// Turns every error into a response: HTML error pages for people, a plain message for the rest;
/// 5xx details go to the log, never to the reader.
struct SiteErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let render: @Sendable (Int, String, String) -> [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SiteError {
            switch error {
            case .notFound(let message): return page(.notFound, "Page not found", message)
            case .badRequest(let message): return page(.badRequest, "Bad request", message)
            case .moved(let path):
                return Response(status: .movedPermanently, headers: [.location: path, .cacheControl: "public, max-age=3600"])
            }
        } catch let error as HTTPError where error.status == .notFound {
            return page(.notFound, "Page not found", "There is no page at this address. It may have moved, or the link may be mistyped.")
        } catch let error as HTTPError where (400..<500).contains(error.status.code) {
            return page(error.status, error.status.reasonPhrase, error.body ?? "The request could not be understood.")
        } catch {
            context.logger.error("request failed", metadata: [
                "path": "\(request.uri.path)", "error": "\(String(reflecting: error))",
            ])
            return page(.internalServerError, "Something went wrong", "The page could not be shown. Please try again shortly.")
        }
    }

    private func page(_ status: HTTPResponse.Status, _ title: String, _ message: String) -> Response {
        let body = render(status.code, title, message)
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
