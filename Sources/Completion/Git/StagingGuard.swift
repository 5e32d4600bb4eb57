import Foundation

/// Decides which changed files step 5 stages: the staging policy (`git.stage`, `git.paths`, `git.exclude`),
/// the secret guard by name (`SecretNames`) and by content (`SecretScanner`, only on what would be staged),
/// and the size limit. `git.allow` lets a false positive of the secret guard through. Tool-owned paths
/// (`PostCommitPaths`) are never staged nor reported. Every held-back file is named with its reason and left
/// untouched in the working tree.
package struct StagingGuard: Sendable {
    package struct Decision: Sendable, Equatable {
        package var stage: [StatusEntry] = []
        package var heldBack: [HeldBackFile] = []
        /// The status entries of `heldBack`, in the same order.
        package var heldBackEntries: [StatusEntry] = []
        /// Tool-owned and transient paths: neither staged nor reported.
        package var ignored: [StatusEntry] = []
        /// Staged files the secret guard has a word about (a test-mode key): file, family and line.
        package var warnings: [String] = []
    }

    let settings: GitSettings
    /// The working tree; nil skips the size and content checks (nothing is read).
    let root: URL?
    /// The project's folder inside the repository (`sub/` when the project is not the repository's top),
    /// so tool-owned paths are recognised there.
    let projectPrefix: String

    package init(settings: GitSettings = GitSettings(), root: URL? = nil, projectPrefix: String = "") {
        self.settings = settings
        self.root = root
        self.projectPrefix = projectPrefix
    }

    /// The path relative to the project when it lies inside it, else nil.
    func projectRelative(_ path: String) -> String? {
        projectPrefix.isEmpty
            ? path : (path.hasPrefix(projectPrefix) ? String(path.dropFirst(projectPrefix.count)) : nil)
    }

    package func decide(_ entries: [StatusEntry]) -> Decision {
        let paths = settings.paths.map(PathGlob.init)
        let exclude = settings.exclude.map(PathGlob.init)
        let allow = settings.allow.map(PathGlob.init)
        let maxBytes = settings.maxFileSizeMB * 1_048_576
        let rootBytes = root.map { Array($0.path.utf8) + [UInt8(ascii: "/")] }

        enum Verdict { case stage, ignore, hold(String), scan(Int) }
        var verdicts: [Verdict] = []
        var toScan: [(index: Int, path: [UInt8], size: Int)] = []
        for entry in entries {
            let verdict: Verdict
            let inProject = projectRelative(entry.path)
            if let inProject, PostCommitPaths.isToolOwned(inProject) {
                verdict = .ignore
            } else if entry.rawPath.last == UInt8(ascii: "/") {
                verdict = .hold("a git repository inside this one (add it as a submodule, or ignore it)")
            } else if entry.isUnmerged {
                verdict = .hold("unmerged (resolve the conflict first)")
            } else if settings.stage == .paths, paths.firstMatch(entry.rawPath) == nil {
                verdict = .hold("not in git.paths (stage: paths)")
            } else if let glob = exclude.firstMatch(entry.rawPath) {
                verdict = .hold("excluded by git.exclude (`\(glob.pattern)`)")
            } else if entry.change == .deleted {
                verdict = .stage
            } else {
                let allowed = allow.firstMatch(entry.rawPath) != nil
                if !allowed, let reason = SecretNames.reason(forPath: inProject ?? entry.path) {
                    verdict = .hold(reason)
                } else if let rootBytes, let info = Self.lstat(rootBytes + entry.rawPath), info.isRegular {
                    if info.size > maxBytes {
                        verdict = .hold(
                            "larger than the size limit (\(Self.megabytes(info.size)) > \(settings.maxFileSizeMB) MB, git.max_file_size_mb)"
                        )
                    } else if allowed {
                        verdict = .stage
                    } else {
                        verdict = .scan(toScan.count)
                        toScan.append((verdicts.count, rootBytes + entry.rawPath, info.size))
                    }
                } else {
                    verdict = .stage
                }
            }
            verdicts.append(verdict)
        }

        let scanned = SecretScanner.check(filesAt: toScan.map { ($0.path, $0.size) })
        var decision = Decision()
        for (entry, verdict) in zip(entries, verdicts) {
            switch verdict {
            case .stage: decision.stage.append(entry)
            case .ignore: decision.ignored.append(entry)
            case .hold(let reason): decision.hold(entry, reason)
            case .scan(let slot):
                switch scanned[slot].result {
                case .secret(let finding):
                    decision.hold(
                        entry,
                        "secret by content (\(finding.family.label), line \(finding.line)); add the path to git.allow if it is a false positive"
                    )
                case .unreadable(let why):
                    decision.hold(entry, "could not be read to check for secrets (\(why))")
                case .clean, .binary:
                    decision.stage.append(entry)
                    if let warning = scanned[slot].warning {
                        decision.warnings.append(
                            "\(entry.path) holds a \(warning.family.label) on line \(warning.line); "
                                + "committed, as it opens no live account — check it is not a live key"
                        )
                    }
                }
            }
        }
        return decision
    }

    struct FileInfo { let isRegular: Bool; let size: Int }

    static func lstat(_ path: [UInt8]) -> FileInfo? {
        var info = stat()
        let ok = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                Glibc.lstat($0, &info) == 0
            }
        }
        guard ok else { return nil }
        return FileInfo(isRegular: (info.st_mode & S_IFMT) == S_IFREG, size: Int(info.st_size))
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
}

extension StagingGuard.Decision {
    mutating func hold(_ entry: StatusEntry, _ reason: String) {
        heldBack.append(HeldBackFile(path: entry.path, reason: reason))
        heldBackEntries.append(entry)
    }
}
