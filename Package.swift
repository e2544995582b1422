// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Byline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "byline", targets: ["byline"]),
        // For the Benchmarks/ package and embedders: the domain and the web application.
        .library(name: "BylineKit", targets: ["BylineCore", "BylineNewsroom", "BylineWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/pointfreeco/swift-tagged.git", from: "0.10.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-algorithms.git", from: "1.2.1"),
        // The server's own channel handlers (timeouts, connection cap) sit in Hummingbird's NIO pipeline.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        // Domain: value types only, Foundation only.
        .target(name: "BylineCore", dependencies: [
            .product(name: "Tagged", package: "swift-tagged"),
        ]),
        // The route table: every path Byline answers and every link it writes; parses and prints.
        .target(name: "BylineRoutes", dependencies: ["BylineCore"]),
        // Search math shared by every store: query parser, stemmer, BM25, top-k, snippets, ranking policy.
        .target(name: "BylineSearch", dependencies: [
            .product(name: "Algorithms", package: "swift-algorithms"),
        ]),
        // Storage protocols and the in-memory store.
        .target(name: "BylineStore", dependencies: ["BylineCore", "BylineSearch"]),
        // SQLite adapter (GRDB).
        .target(name: "BylineSQLite", dependencies: [
            "BylineStore", "BylineSearch",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // Text engines: Markdown rendering, tokeniser, entities.
        .target(name: "BylineText", dependencies: [
            "BylineCore",
            .product(name: "Ink", package: "Ink"),
        ], resources: [.copy("Resources")]),
        // Ranking: related articles, recommendations, search as readers use it (ArticleSearch).
        .target(name: "BylineRank", dependencies: ["BylineStore", "BylineSearch"]),
        // Importers: files -> domain values.
        .target(name: "BylineImport", dependencies: ["BylineCore", "BylineText"]),
        // Feeds, sitemaps, structured data: values -> text.
        .target(name: "BylineSyndication", dependencies: ["BylineCore", "BylineRoutes"]),
        // Original demo content (written for Byline).
        .target(name: "BylineDemo", dependencies: []),
        // The newsroom: application services (writer, importer, accounts, editorial actions, scheduler, reading,
        // related) and their composition, `BylineServices`; knows no HTTP.
        .target(name: "BylineNewsroom", dependencies: [
            "BylineCore", "BylineRoutes", "BylineStore", "BylineSQLite", "BylineText", "BylineRank",
            "BylineImport", "BylineSyndication", "BylineDemo",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The web application: Hummingbird routes, views, middleware and errors; `buildApplication`.
        .target(name: "BylineWeb", dependencies: [
            "BylineCore", "BylineRoutes", "BylineStore", "BylineText", "BylineRank", "BylineSearch", "BylineSyndication",
            "BylineNewsroom",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "CompressNIO", package: "compress-nio"),
        ], resources: [.copy("Resources")]),
        .executableTarget(name: "byline", dependencies: [
            "BylineWeb", "BylineNewsroom", "BylineImport", "BylineText", "BylineRank", "BylineSQLite", "BylineSearch",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "BylineCoreTests", dependencies: ["BylineCore"]),
        .testTarget(name: "BylineRoutesTests", dependencies: ["BylineRoutes"]),
        .testTarget(name: "BylineStoreTests", dependencies: ["BylineStore", "BylineSQLite", "BylineSearch"]),
        .testTarget(name: "BylineSearchTests", dependencies: ["BylineSearch", "BylineCore"]),
        .testTarget(name: "BylineImportTests", dependencies: ["BylineImport", "BylineStore", "BylineSQLite", "BylineNewsroom"]),
        .testTarget(name: "BylineTextTests", dependencies: ["BylineText"]),
        .testTarget(name: "BylineRankTests", dependencies: ["BylineRank", "BylineSearch"]),
        .testTarget(name: "BylineSyndicationTests", dependencies: ["BylineSyndication", "BylineRoutes"]),
        .testTarget(name: "BylineWebTests", dependencies: [
            "BylineWeb", "BylineNewsroom",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__"]),
    ]
)

// Strict settings for every target: Swift 6 language mode (complete concurrency checking)
// plus upcoming features that keep the code explicit.
for target in package.targets where target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
package.swiftLanguageModes = [.v6]
