// swift-tools-version: 6.1
// libFuzzer targets for Byline's parsers. Kept out of the main package so its build and CI are unaffected;
// bench/fuzz.sh builds and runs them. The modules under Modules/ are links to the main package's sources
// (the main package exports no library products, and linking the sources keeps this build small).
import PackageDescription

let package = Package(
    name: "BylineFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/pointfreeco/swift-tagged.git", from: "0.10.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
    ],
    targets: [
        .target(name: "BylineCore", dependencies: [.product(name: "Tagged", package: "swift-tagged")],
                path: "Modules/BylineCore"),
        // Only the sanitiser and Markdown renderer (links to single files): the rest of BylineText is not a parser.
        .target(name: "BylineText", dependencies: ["BylineCore", .product(name: "Ink", package: "Ink")],
                path: "Modules/BylineText"),
        .target(name: "BylineImport", dependencies: ["BylineCore", "BylineText"], path: "Modules/BylineImport"),
        .executableTarget(name: "FuzzJSONL", dependencies: ["BylineImport"]),
        .executableTarget(name: "FuzzFeed", dependencies: ["BylineImport"]),
        .executableTarget(name: "FuzzWXR", dependencies: ["BylineImport"]),
        .executableTarget(name: "FuzzSanitizer", dependencies: ["BylineText"]),
    ],
    swiftLanguageModes: [.v6]
)
