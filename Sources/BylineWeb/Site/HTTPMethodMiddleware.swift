import Hummingbird

/// Answers `HEAD` like `GET` without the body. The router (`.autoGenerateHeadEndpoints`) sends `HEAD` to each
/// `GET` route; this middleware, outside every other, empties the body of whatever comes back, error pages
/// included, and keeps every header: `Content-Length` still gives the length `GET` would send.
struct HeadRequestMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .head else { return response }
        // `Response.init` keeps a `Content-Length` already set (the `body` setter would replace it with 0).
        return Response(status: response.status, headers: response.headers, body: ResponseBody())
    }
}

/// Turns the router's 404 for a path that exists with other methods into `405 Method Not Allowed` with `Allow`.
///
/// Added to the router after every route, so it wraps only the router's not-found responder: found routes never
/// pass through it, and a handler's own 404 (no such article) stays a 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// A route pattern and the methods it answers (`HEAD` wherever `GET` is).
    struct Route: Sendable {
        var components: [RouterPath.Element]
        var methods: Set<String>
    }

    let routes: [Route]

    /// - Parameter routes: the router's routes (`router.routes`) once every route is registered.
    init(routes: [Router<Context>.RouteDescription]) {
        var byPattern: [String: Route] = [:]
        for route in routes {
            byPattern[route.path.description, default: Route(components: route.path.components, methods: [])]
                .methods.insert(route.method.rawValue)
        }
        self.routes = byPattern.keys.sorted().compactMap { byPattern[$0] }.map { route in
            var route = route
            if route.methods.contains("GET") { route.methods.insert("HEAD") }
            return route
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let allow = allowedMethods(path: request.uri.path) else { throw error }
            // ErrorMiddleware, outside, answers it as a page or as JSON under /api, with `Allow`.
            throw BylineError(status: .methodNotAllowed, code: "method_not_allowed",
                              message: "This address answers \(allow) only.", headers: [.allow: allow])
        }
    }

    /// The `Allow` value for `path`: the methods of every route whose pattern matches it, or `nil` when none does.
    func allowedMethods(path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var allowed = Set<String>()
        for route in routes where Self.matches(route.components, segments) { allowed.formUnion(route.methods) }
        return allowed.isEmpty ? nil : allowed.sorted().joined(separator: ", ")
    }

    private static func matches(_ pattern: [RouterPath.Element], _ segments: [Substring]) -> Bool {
        var index = segments.startIndex
        for element in pattern {
            if element == RouterPath.Element.recursiveWildcard { return true }
            guard index < segments.endIndex, element ~= segments[index] else { return false }
            index += 1
        }
        return index == segments.endIndex
    }
}
