// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "jarvis-tui",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jarvis-tui", targets: ["JarvisTUI"]),
        .executable(name: "jarvis-bench", targets: ["JarvisBench"]),
        .executable(name: "memory-test-server", targets: ["MemoryTestServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", .upToNextMinor(from: "0.12.1")),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libdeflate: gzip about three times as fast as zlib at the same level (step 7's archived logs).
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        // zstd: step 4's copy of the transcript, three times as fast as libdeflate's fastest gzip, a third the size.
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // The C library's memmem: finding a marker in a transcript line without stopping at every quote.
        .systemLibrary(name: "CLibcExtras"),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The full-screen UI (screens, terminal backend, themes), a library so the benchmark can drive it too.
        .target(
            name: "JarvisScreen",
            dependencies: ["Completion", "CNcurses", "CCmark"]
        ),
        .target(
            name: "Completion",
            dependencies: [
                "CZlib",
                "CDeflate",
                "CZstd",
                "CLibcExtras",
                .product(name: "Yams", package: "Yams"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "MemoryTestServer",
            dependencies: [
                .product(name: "MCP", package: "swift-sdk")
            ]
        ),
        .executableTarget(
            name: "JarvisTUI",
            dependencies: [
                "Completion",
                "JarvisScreen",
                "CNcurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "JarvisBench",
            dependencies: ["Completion", "JarvisScreen", "CNcurses"]
        ),
        .executableTarget(
            name: "JarvisFuzz",
            dependencies: ["Completion", "JarvisScreen"]
        ),
        // Helpers both test targets share: finding the binaries built with the tests.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "CompletionTests",
            dependencies: ["Completion", "JarvisFuzz", "TestSupport"],
            exclude: ["Fuzz/Seeds", "Fuzz/Regressions"]
        ),
        .testTarget(
            name: "JarvisTUITests",
            dependencies: ["JarvisTUI", "JarvisScreen", "Completion", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
