import Foundation
import BylineCore
import BylineStore
import Synchronization

/// Everything behind the newsroom tools (admin pages, Admin API, CLI user and token commands), built once
/// by ``BylineServices/make(config:)``.
public struct Newsroom: Sendable {
    public let publishing: PublishingStores
    public var accounts: AccountService
    public let editorial: EditorialService
    public let wakeup: ScheduleWakeup
    /// Failed sign-ins per account, per client address and per both, with backoff.
    package let loginThrottle: LoginThrottle
    /// The cap on password checks running at once.
    package let passwordChecks: PasswordCheckGate

    init(stores: Stores, publishing: PublishingStores, writer: ArticleWriter) {
        let wakeup = ScheduleWakeup()
        self.publishing = publishing
        self.accounts = AccountService(publishing: publishing)
        self.editorial = EditorialService(writer: writer, stores: stores, publishing: publishing, wakeup: wakeup)
        self.wakeup = wakeup
        self.loginThrottle = LoginThrottle()
        self.passwordChecks = PasswordCheckGate()
    }

    /// What became of a sign-in attempt.
    public enum SignInResult: Sendable {
        case signedIn(User)
        /// The username and password do not match (or the username is unknown).
        case rejected
        /// Too many recent failures for this account, address or both: try again after `retryAfter` seconds.
        case throttled(retryAfter: Int)
        /// Too many password checks are running at once: try again after `retryAfter` seconds.
        case busy(retryAfter: Int)
    }

    /// Checks a sign-in: the throttle reserves the attempt before the password is checked (so parallel attempts
    /// cannot all slip past the limit), the password check waits for one of ``PasswordCheckGate/limit`` slots
    /// and runs off the threads that serve readers, and a failure is recorded in the audit log.
    /// - Parameters:
    ///   - address: the client's address as the edge resolved it (``TrustedProxies``), or `nil` when unknown.
    /// - Throws: when the store cannot be read or the audit log written.
    public func signIn(username: String, password: String, address: String?, now: Date) async throws -> SignInResult {
        let reservation: LoginThrottle.Reservation
        switch loginThrottle.reserve(account: username, address: address ?? "unknown", now: now) {
        case .refused(let wait): return .throttled(retryAfter: Int(wait.rounded(.up)))
        case .allowed(let granted): reservation = granted
        }
        guard await passwordChecks.enter() else {
            loginThrottle.release(reservation)
            return .busy(retryAfter: 1)
        }
        let user: User?
        do {
            defer { passwordChecks.leave() }
            user = try await accounts.verify(username: username, password: password)
        } catch {
            loginThrottle.release(reservation)
            throw error
        }
        guard let user else {
            loginThrottle.failed(reservation, now: now)
            try await publishing.audit.record(actor: username.isEmpty ? "anonymous" : username, action: "login.fail",
                                              target: "user:\(username)", detail: address ?? "", now: now)
            return .rejected
        }
        loginThrottle.succeeded(reservation)
        return .signedIn(user)
    }
}
