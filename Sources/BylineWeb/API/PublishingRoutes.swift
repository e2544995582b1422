import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineNewsroom

/// Registers everything publishing adds to the router: the Content and Admin APIs, their OpenAPI document,
/// the public corrections page and the web admin.
struct PublishingRoutes: Sendable {
    let services: BylineServices
    let clock: @Sendable () -> Date
    /// `Resources/openapi.json`, from ``WebResources``.
    let openAPIDocument: ByteBuffer
    /// `Resources/admin.css`, from ``WebResources``.
    let adminStylesheet: RenderedPage

    func register(on router: Router<BylineRequestContext>) {
        let config = services.config
        let auth = APIAuthenticator(accounts: services.newsroom.accounts, clock: clock)
        router.on(.openAPIDocument) { _, _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                     body: ResponseBody(byteBuffer: openAPIDocument))
        }
        ContentAPI(stores: services.stores, publishing: services.newsroom.publishing, auth: auth, baseURL: config.baseURL, clock: clock)
            .register(on: router)
        AdminAPI(stores: services.stores, newsroom: services.newsroom, auth: auth, baseURL: config.baseURL, clock: clock)
            .register(on: router)
        RelatedOverridesAPI(stores: services.stores, newsroom: services.newsroom, related: services.related, auth: auth, clock: clock)
            .register(on: router)
        CorrectionsController(services: services, clock: clock).register(on: router)
        AdminController(services: services, clock: clock, stylesheet: adminStylesheet).register(on: router)
    }
}
