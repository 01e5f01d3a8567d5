// swift-tools-version: 6.1
import PackageDescription

/// Strict settings shared by every target: Swift 6 mode plus the upcoming
/// features the house style asks for.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Tapedeck",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Tapedeck", targets: ["Tapedeck"]),
        .library(name: "TapedeckTesting", targets: ["TapedeckTesting"]),
        .library(name: "TapedeckProviders", targets: ["TapedeckProviders"]),
        .library(name: "TapedeckSigning", targets: ["TapedeckSigning"]),
        .library(name: "TapedeckSimulator", targets: ["TapedeckSimulator"]),
        .library(name: "TapedeckContracts", targets: ["TapedeckContracts"]),
        .library(name: "TapedeckServer", targets: ["TapedeckServer"]),
        .library(name: "TapedeckDrift", targets: ["TapedeckDrift"]),
        .library(name: "TapedeckOpenAPI", targets: ["TapedeckOpenAPI"]),
        .executable(name: "tapedeck", targets: ["tapedeck"]),
        .executable(name: "tapedeck-bench", targets: ["tapedeck-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Transports for the generated OpenAPI client in the tests.
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
        // `swift package generate-documentation --target TapedeckTesting` (a plugin: nothing a consumer builds).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Core: cassette model, exact JSON, redaction, matching, the recording journal, URLProtocol, HAR, secret scan.
        // Foundation, zlib and Brotli only.
        .target(name: "Tapedeck", dependencies: ["CZlib", "CBrotli"], swiftSettings: swiftSettings),
        // The system zlib, to store gzip and deflate bodies decoded.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The system Brotli, to store br bodies decoded.
        .systemLibrary(name: "CBrotli", providers: [.apt(["libbrotli-dev"])]),
        // glibc's allocator settings, for the command's large bodies.
        .systemLibrary(name: "CMalloc"),
        // Small NIO HTTP/1.1 server plumbing shared by the simulator and the replay server.
        .target(
            name: "TapedeckHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // Provider profiles as data (the built-in contracts and profiles ship as resources): no code of a provider's own.
        .target(
            name: "TapedeckProviders",
            dependencies: ["Tapedeck"],
            resources: [.copy("BuiltIn")],
            swiftSettings: swiftSettings
        ),
        // The request signers of the profiles' authentication schemes, and the proxy's re-signing: the only users of swift-crypto.
        .target(
            name: "TapedeckSigning",
            dependencies: ["TapedeckProviders", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The five provider APIs on loopback, with drift and fault switches.
        .target(
            name: "TapedeckSimulator",
            dependencies: ["Tapedeck", "TapedeckProviders", "TapedeckSigning", "TapedeckHTTP"],
            swiftSettings: swiftSettings
        ),
        // OpenAPI contracts, page walks, the rule catalogue, the paginating client, reports.
        .target(
            name: "TapedeckContracts",
            dependencies: [
                "Tapedeck",
                "TapedeckProviders",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // The replay server and the recording reverse proxy: cassettes for any client over HTTP.
        .target(
            name: "TapedeckServer",
            dependencies: [
                "Tapedeck",
                "TapedeckHTTP",
                "TapedeckProviders",
                "TapedeckSigning",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Drift: shape inference, diff of fresh against committed recordings, classification, reports.
        .target(
            name: "TapedeckDrift",
            dependencies: ["Tapedeck", "TapedeckProviders", "TapedeckSigning", "TapedeckContracts", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // The Swift Testing trait, .cassette(…): the core and the provider profiles, nothing heavier.
        .target(
            name: "TapedeckTesting",
            dependencies: ["Tapedeck", "TapedeckProviders"],
            swiftSettings: swiftSettings
        ),
        // A ClientTransport for generated OpenAPI clients that records and replays through a cassette.
        .target(
            name: "TapedeckOpenAPI",
            dependencies: [
                "Tapedeck",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line: one small file per command, parsing only.
        .executableTarget(
            name: "tapedeck",
            dependencies: [
                "Tapedeck",
                "TapedeckProviders",
                "TapedeckSigning",
                "TapedeckSimulator",
                "TapedeckContracts",
                "TapedeckServer",
                "TapedeckHTTP",
                "TapedeckDrift",
                "TapedeckBenchmarks",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The benchmarks, each against a baseline in the same run: `tapedeck bench` and `tapedeck-bench`.
        .target(
            name: "TapedeckBenchmarks",
            dependencies: ["Tapedeck", "TapedeckContracts", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/Sources/TapedeckBenchmarks",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tapedeck-bench",
            dependencies: ["TapedeckBenchmarks", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/Sources/tapedeck-bench",
            swiftSettings: swiftSettings
        ),

        // Loaded with the test bundle: keeps Foundation's Process.run on Linux from
        // reading past a buffer when many descriptors are open (see SpawnGuard.c).
        .target(name: "SpawnGuard", path: "Tests/SpawnGuard"),
        // What the test targets share: the package root, scratch folders, a seeded generator,
        // the Python clients the suite provisions itself, and the system tools a test needs.
        .target(name: "TapedeckTestSupport", path: "Tests/TapedeckTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "TapedeckTests",
            dependencies: ["Tapedeck", "TapedeckTesting", "TapedeckProviders", "TapedeckTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TapedeckProvidersTests",
            dependencies: ["TapedeckProviders", "TapedeckSigning", "TapedeckSimulator", "Tapedeck", "TapedeckTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TapedeckSimulatorTests",
            dependencies: ["TapedeckSimulator", "TapedeckProviders", "TapedeckSigning", "TapedeckHTTP", "Tapedeck"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TapedeckContractsTests",
            dependencies: ["TapedeckContracts", "TapedeckDrift", "Tapedeck", "TapedeckTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TapedeckServerTests",
            dependencies: [
                "TapedeckServer", "TapedeckSimulator", "TapedeckProviders", "TapedeckSigning", "TapedeckContracts", "Tapedeck", "TapedeckHTTP", "SpawnGuard",
                "TapedeckTestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            // The official SDKs' walks, in Python.
            exclude: ["SDK"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TapedeckDriftTests",
            dependencies: ["TapedeckDrift", "TapedeckSimulator", "TapedeckContracts", "TapedeckProviders", "Tapedeck", "TapedeckTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["TapedeckContracts", "TapedeckDrift", "TapedeckProviders", "TapedeckSimulator", "Tapedeck", "TapedeckTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TapedeckOpenAPITests",
            dependencies: [
                "TapedeckOpenAPI", "TapedeckTesting", "TapedeckSimulator", "TapedeckProviders", "Tapedeck", "TapedeckTestSupport",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // How the committed client was generated.
            exclude: ["Generated/openapi-generator-config.yaml"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["Tapedeck", "TapedeckTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
