import Foundation
import Hummingbird
import Logging
import BylineCore
import BylineStore
import BylineRank
import BylineNewsroom

/// Builds the web application: services, demo content when empty, router and middleware.
/// - Throws: when the store cannot be opened or the demo content cannot be loaded.
public func buildApplication(config: BylineConfig, clock: @escaping @Sendable () -> Date = { Date() }) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "byline")
    logger.logLevel = config.logLevel
    let services = try BylineServices.make(config: config)
    if config.loadDemoWhenEmpty {
        try await DemoLoader(runner: services.importer, stores: services.stores).loadIfEmpty(logger: logger)
    }
    // Stateless nodes: the related index and the reading model are rebuilt from the store on every start.
    try await services.related.load(logger: logger)
    try await services.reading.load(now: clock(), logger: logger)
    let searchStart = ContinuousClock.now
    try await services.search.prepare() // the first reader's search would otherwise wait for it
    logger.info("search prepared", metadata: ["duration": "\(ContinuousClock.now - searchStart)"])
    let router = try buildRouter(services: services, clock: clock)
    let limits = ConnectionLimits(config: config)
    if let descriptors = ConnectionLimits.descriptorLimit(), limits.maxConnections > descriptors - ConnectionLimits.reservedDescriptors {
        logger.warning("max connections is above the descriptor limit: accepts can fail before the cap refuses anyone",
                       metadata: ["max_connections": "\(limits.maxConnections)", "descriptor_limit": "\(descriptors)"])
    }
    logger.info("connection limits", metadata: [
        "max_connections": "\(limits.maxConnections)", "idle_timeout": "\(config.idleTimeout)s",
        "header_timeout": "\(config.headerTimeout)s", "body_timeout": "\(config.bodyTimeout)s",
    ])
    return Application(
        router: router,
        server: .byline(limits: limits, logger: logger),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Byline"),
        services: [ScheduledPublisher(newsroom: services.newsroom, clock: clock, logger: logger),
                   ReadingEventWriter(reading: services.reading, interval: config.readingFlushInterval, clock: clock, logger: logger)],
        logger: logger)
}

/// The router with every route and middleware; exposed for tests that want the router alone.
/// - Throws: ``WebResources/MissingResource`` when a bundled file (stylesheet, logo, OpenAPI document) is missing.
public func buildRouter(services: BylineServices, clock: @escaping @Sendable () -> Date = { Date() }) throws -> Router<BylineRequestContext> {
    let resources = try WebResources.load()
    // HEAD is answered wherever GET is, by the GET route (HeadRequestMiddleware drops the body).
    let router = Router(context: BylineRequestContext.self, options: .autoGenerateHeadEndpoints)
    let config = services.config
    router.middlewares.add(LogRequestsMiddleware(.info))
    router.middlewares.add(SecurityHeadersMiddleware<BylineRequestContext>(https: config.baseURL.lowercased().hasPrefix("https://")))
    router.middlewares.add(HeadRequestMiddleware<BylineRequestContext>())
    router.middlewares.add(CompressionMiddleware<BylineRequestContext>())
    router.middlewares.add(ErrorMiddleware<BylineRequestContext>(renderPage: { status, title, message in
        // Error pages carry the navigation when it can be had cheaply; an error page must never fail itself.
        ErrorPage(status: status, title: title, message: message)
            .render(layout: Layout(config: config, sections: []))
    }))
    let readers = ReaderCookies(secure: config.baseURL.lowercased().hasPrefix("https://"), maxAge: config.readingRetention)
    SiteController<BylineRequestContext>(
        stores: services.stores, config: config, cache: PageCache(ttl: config.pageCacheTTL),
        related: services.related, reading: services.reading, readers: readers, tagger: services.writer.tagger, clock: clock,
        stylesheet: resources.stylesheet, corrections: services.newsroom.publishing.corrections
    ).register(on: router)
    ReadingHistoryController<BylineRequestContext>(stores: services.stores, config: config, related: services.related,
                                                  reading: services.reading, readers: readers).register(on: router)
    PublishingRoutes(services: services, clock: clock, openAPIDocument: resources.openAPIDocument,
                     adminStylesheet: resources.adminStylesheet).register(on: router)
    SyndicationController<BylineRequestContext>(stores: services.stores, config: config, cache: PageCache(ttl: config.pageCacheTTL),
                                               publisherLogo: resources.publisherLogo, clock: clock).register(on: router)
    SearchController<BylineRequestContext>(search: services.search, stores: services.stores,
                                          config: config, clock: clock).register(on: router)
    // Last: a middleware added after every route wraps only the router's not-found responder.
    router.middlewares.add(MethodNotAllowedMiddleware<BylineRequestContext>(routes: router.routes))
    return router
}
