import Foundation

/// The release of the `git` program on the PATH, as far as a behaviour that changed between releases matters.
struct GitVersion: Comparable, Sendable {
    let major: Int
    let minor: Int

    /// Parses `git version 2.39.5`, `git version 2.39.3 (Apple Git-145)`, `git version 2.44.0.windows.1`.
    init?(versionOutput: String) {
        let words = versionOutput.split(whereSeparator: \.isWhitespace)
        guard words.count >= 3, words[0] == "git", words[1] == "version" else { return nil }
        let numbers = words[2].split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count >= 2, let major = Int(numbers[0]), let minor = Int(numbers[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    static func < (lhs: GitVersion, rhs: GitVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// Asked once per `git` program (a run may see another PATH in its environment); nil when it cannot be told.
    private static let known = Locked<[String: GitVersion?]>([:])

    static func installed(environment: [String: String]) -> GitVersion? {
        guard let program = ExecutableLocator.find("git", path: environment["PATH"]) else { return nil }
        if let cached = known.withLock({ $0[program] }) { return cached }
        let result = try? ProcessRunner.run(
            [program, "version"],
            in: URL(fileURLWithPath: "/"),
            environment: environment,
            timeout: .seconds(10)
        )
        let version = result.flatMap { $0.succeeded ? GitVersion(versionOutput: $0.output) : nil }
        known.withLock { $0[program] = version }
        return version
    }
}
