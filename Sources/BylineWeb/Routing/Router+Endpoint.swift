import Hummingbird
import BylineRoutes

extension RouterMethods {
    /// Registers `handler` for `endpoint`: the table's pattern and method; the handler gets the value the table
    /// parsed from the request's path and query (a path the table does not know is a 404, a malformed parameter
    /// a 400, both through ``ErrorMiddleware``).
    @discardableResult
    func on<Value: Sendable>(_ endpoint: Endpoint<Value>,
                             use handler: @escaping @Sendable (Request, Context, Value) async throws -> Response) -> Self {
        on(RouterPath(endpoint.pattern), method: endpoint.method.http) { request, context in
            guard let route = try SiteRoute(path: request.uri.path, query: request.uri.query),
                  let value = endpoint.value(route) else { throw BylineError.notFound() }
            return try await handler(request, context, value)
        }
    }
}

extension RouteMethod {
    var http: HTTPRequest.Method {
        switch self {
        case .get: return .get
        case .post: return .post
        case .put: return .put
        case .delete: return .delete
        }
    }
}
