// swift-tools-version: 6.1
// Benchmarks for Byline's hot code, kept in their own package so `swift test` in the main package never
// builds them. Run: `cd Benchmarks && swift package benchmark` (release build).
import PackageDescription

let package = Package(
    name: "BylineBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .executableTarget(
            name: "Rendering",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "BylineKit", package: "Byline"),
            ],
            path: "Benchmarks/Rendering",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
