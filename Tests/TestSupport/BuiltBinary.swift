import Foundation

/// The executables of this package that a test starts (`jarvis-tui`, `memory-test-server`, `jarvis-bench`), as
/// built with the tests: `swift build --build-tests` puts every product beside the test bundle. Looking there first
/// means a sanitized test run (`scripts/sanitize`, its own build folder) starts the sanitized binaries, not the
/// plain ones in `.build/debug`.
package enum BuiltBinary {
    /// The folder of the running test bundle, then the package's `.build/debug` (a test started some other way).
    package static let folders: [URL] = {
        let bundles = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(),
        ]
        // On Linux the bundle is the test executable itself; elsewhere it is a folder inside the build folder.
        let beside = bundles.flatMap {
            [$0.deletingLastPathComponent(), $0.deletingLastPathComponent().deletingLastPathComponent()]
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return beside + [package.appendingPathComponent(".build/debug")]
    }()

    /// The built executable `name`; where it would be when it was not built (a test using it then fails saying so).
    package static func url(_ name: String) -> URL {
        let candidates = folders.map { $0.appendingPathComponent(name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// nil when `name` was not built.
    package static func ifBuilt(_ name: String) -> URL? {
        let found = url(name)
        return FileManager.default.isExecutableFile(atPath: found.path) ? found : nil
    }
}
