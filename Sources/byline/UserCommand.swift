import ArgumentParser
import Foundation
import BylineCore
import BylineNewsroom

/// Reads a password without echo from the terminal, or one line from standard input.
enum PasswordInput {
    static func read(fromStdin: Bool, prompt: String) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true) else { throw ArgumentParser.ValidationError("No password on standard input.") }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw ArgumentParser.ValidationError("Standard input is not a terminal; pass --password-stdin to read the password from it.")
        }
        guard let first = getpass(prompt).map({ String(cString: $0) }) else { throw ArgumentParser.ValidationError("No password given.") }
        guard let second = getpass("Repeat: ").map({ String(cString: $0) }), second == first else {
            throw ArgumentParser.ValidationError("The passwords do not match.")
        }
        return first
    }
}

/// `byline user`: newsroom accounts. The first admin is made here; there is no default password.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add newsroom users, set passwords, list users.",
        subcommands: [Add.self, Passwd.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user (asks for the password without echo).")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "Username: lowercase letters, digits, '.', '_', '-'.") var username: String
        @Option(help: "admin, editor or author.") var role: String = "author"
        @Option(name: .customLong("name"), help: "Display name (default: the username).") var displayName: String?
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ArgumentParser.ValidationError("--role must be admin, editor or author.") }
            let services = try BylineServices.make(config: BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false), engines: [])
            let password = try PasswordInput.read(fromStdin: passwordStdin, prompt: "Password for \(username): ")
            let user = try await services.newsroom.accounts.createUser(username: username, displayName: displayName ?? username,
                                                                        role: role, password: password, actor: "cli")
            print("Added \(user.username) (\(user.role.rawValue)).")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password and end their sessions.")
        @OptionGroup var storage: StorageOptions
        @Argument var username: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false

        func run() async throws {
            let services = try BylineServices.make(config: BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false), engines: [])
            let password = try PasswordInput.read(fromStdin: passwordStdin, prompt: "New password for \(username): ")
            try await services.newsroom.accounts.setPassword(username: username, password: password, actor: "cli")
            print("Password set for \(username).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let services = try BylineServices.make(config: BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false), engines: [])
            for user in try await services.newsroom.publishing.users.users() {
                print("\(user.username)\t\(user.role.rawValue)\t\(user.displayName)")
            }
        }
    }
}

/// `byline token`: API tokens (shown once, stored hashed, revocable).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke API tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "admin (Admin and Content API) or content (Content API key).") var scope: String
        @Option(help: "A name to recognise the token by.") var name: String
        @Option(help: "Act as this user (their role applies); without it an admin token acts as an admin.") var user: String?

        func run() async throws {
            guard let scope = TokenScope(rawValue: scope) else { throw ArgumentParser.ValidationError("--scope must be admin or content.") }
            let services = try BylineServices.make(config: BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false), engines: [])
            let (secret, token) = try await services.newsroom.accounts.createToken(name: name, scope: scope, username: user, actor: "cli")
            FileHandle.standardError.write(Data("Token \(token.id.rawValue) created; it is shown once:\n".utf8))
            print(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let services = try BylineServices.make(config: BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false), engines: [])
            for token in try await services.newsroom.publishing.tokens.tokens() {
                let state = token.revokedAt.map { "revoked \($0.formatted(.iso8601))" } ?? "active"
                print("\(token.id.rawValue)\t\(token.scope.rawValue)\t\(token.name)\t\(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id.")
        @OptionGroup var storage: StorageOptions
        @Argument var id: Int64

        func run() async throws {
            let services = try BylineServices.make(config: BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false), engines: [])
            try await services.newsroom.accounts.revokeToken(APITokenID(id), actor: "cli")
            print("Revoked token \(id).")
        }
    }
}
