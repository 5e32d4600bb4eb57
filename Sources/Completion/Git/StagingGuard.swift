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
    /// Verdicts of an earlier decision of this run, reused for files unchanged since (nil: every file is read).
    let memo: SecretScanMemo?

    package init(
        settings: GitSettings = GitSettings(),
        root: URL? = nil,
        projectPrefix: String = "",
        memo: SecretScanMemo? = nil
    ) {
        self.settings = settings
        self.root = root
        self.projectPrefix = projectPrefix
        self.memo = memo
    }

    /// The path relative to the project when it lies inside it, else nil.
    func projectRelative(_ path: String) -> String? {
        projectPrefix.isEmpty
            ? path : (path.hasPrefix(projectPrefix) ? String(path.dropFirst(projectPrefix.count)) : nil)
    }

    /// Decides every entry. `clearing`, when given, hears the entries to stage as soon as they are known to be
    /// staged (the ones nothing needs to be read for at once, the rest a batch of scanned files at a time), each
    /// once, so that hashing them can start while later files are still being read; the decision still lists them
    /// all, and it hears exactly the decision's `stage`.
    package func decide(_ entries: [StatusEntry], clearing: (([StatusEntry]) -> Void)? = nil) -> Decision {
        let rules = Rules(settings)
        let rootBytes = root.map { Array($0.path.utf8) + [UInt8(ascii: "/")] }
        let readStart = timespec.Pair.now()
        var verdicts: [Verdict] = []
        var toScan: [FileToScan] = []
        for (index, entry) in entries.enumerated() {
            var verdict = self.verdict(for: entry, rules: rules, rootBytes: rootBytes)
            if case .read(let path, let info) = verdict {
                if let known = memo?.verdict(for: path, identity: info.identity) {
                    verdict = .checked(known)
                } else {
                    verdict = .scan(toScan.count)
                    toScan.append(FileToScan(path: path, size: info.size, identity: info.identity, entry: index))
                }
            }
            verdicts.append(verdict)
        }
        if let clearing {
            let known = zip(entries, verdicts).filter { $0.1.stagesWithoutScan }.map(\.0)
            if !known.isEmpty { clearing(known) }
        }
        let scanned = scan(toScan, of: entries, clearing: clearing)
        if let memo {
            for (file, check) in zip(toScan, scanned) {
                memo.remember(check, for: file.path, identity: file.identity, readStart: readStart)
            }
        }
        var decision = Decision()
        for (entry, verdict) in zip(entries, verdicts) {
            switch verdict {
            case .stage: decision.stage.append(entry)
            case .ignore: decision.ignored.append(entry)
            case .hold(let reason): decision.hold(entry, reason)
            case .scan(let slot): decision.apply(scanned[slot], to: entry)
            case .checked(let check): decision.apply(check, to: entry)
            case .read: preconditionFailure("every file to read was given a scan slot above")
            }
        }
        return decision
    }

    private struct FileToScan {
        let path: [UInt8]
        let size: Int
        let identity: FileIdentity
        /// Its index in the entries decided.
        let entry: Int
    }

    /// Reads the files for secrets, on every core. With `clearing`, a batch at a time, each batch's files to stage
    /// handed on before the next batch is read; without, in one go, so the scan's threads share out all of them.
    private func scan(
        _ files: [FileToScan],
        of entries: [StatusEntry],
        clearing: (([StatusEntry]) -> Void)?
    ) -> [SecretScanner.FileCheck] {
        guard let clearing else { return SecretScanner.check(filesAt: files.map { ($0.path, $0.size) }) }
        var checks: [SecretScanner.FileCheck] = []
        checks.reserveCapacity(files.count)
        for start in stride(from: 0, to: files.count, by: Self.clearingBatch) {
            let batch = files[start..<min(start + Self.clearingBatch, files.count)]
            let batchChecks = SecretScanner.check(filesAt: batch.map { ($0.path, $0.size) })
            checks += batchChecks
            let clean = zip(batch, batchChecks).filter { $0.1.clears }.map { entries[$0.0.entry] }
            if !clean.isEmpty { clearing(clean) }
        }
        return checks
    }

    /// The configured globs and limits, compiled once per decision.
    private struct Rules {
        let paths: [PathGlob], exclude: [PathGlob], allow: [PathGlob]
        let maxBytes: Int

        init(_ settings: GitSettings) {
            paths = settings.paths.map(PathGlob.init)
            exclude = settings.exclude.map(PathGlob.init)
            allow = settings.allow.map(PathGlob.init)
            maxBytes = settings.maxFileSizeMB * 1_048_576
        }
    }

    /// Scanned files handed to `clearing` at a time: small enough that hashing starts within a few milliseconds,
    /// large enough that the scan's threads stay busy.
    static let clearingBatch = 128

    private enum Verdict {
        case stage, ignore, hold(String)
        /// The file's content decides: it is to be read for secrets.
        case read([UInt8], FileInfo)
        /// Read by the secret scan: its result in the scan's list.
        case scan(Int)
        /// Read earlier in the run, unchanged since (`SecretScanMemo`).
        case checked(SecretScanner.FileCheck)

        /// Staged whatever the scan finds, or already known to be.
        var stagesWithoutScan: Bool {
            switch self {
            case .stage: true
            case .checked(let check): check.clears
            default: false
            }
        }
    }

    /// What the policy, the name and the size say of one entry, before any file is read.
    private func verdict(for entry: StatusEntry, rules: Rules, rootBytes: [UInt8]?) -> Verdict {
        let inProject = projectRelative(entry.path)
        if let inProject, PostCommitPaths.isToolOwned(inProject) { return .ignore }
        if entry.rawPath.last == UInt8(ascii: "/") {
            return .hold("a git repository inside this one (add it as a submodule, or ignore it)")
        }
        if entry.isUnmerged { return .hold("unmerged (resolve the conflict first)") }
        if settings.stage == .paths, rules.paths.firstMatch(entry.rawPath) == nil {
            return .hold("not in git.paths (stage: paths)")
        }
        if let glob = rules.exclude.firstMatch(entry.rawPath) {
            return .hold("excluded by git.exclude (`\(glob.pattern)`)")
        }
        if entry.change == .deleted { return .stage }
        let allowed = rules.allow.firstMatch(entry.rawPath) != nil
        if !allowed, let reason = SecretNames.reason(forPath: inProject ?? entry.path) { return .hold(reason) }
        guard let rootBytes, let info = Self.lstat(rootBytes + entry.rawPath), info.isRegular else { return .stage }
        if info.size > rules.maxBytes {
            return .hold(
                "larger than the size limit (\(Self.megabytes(info.size)) > \(settings.maxFileSizeMB) MB, git.max_file_size_mb)"
            )
        }
        return allowed ? .stage : .read(rootBytes + entry.rawPath, info)
    }

    struct FileInfo {
        let isRegular: Bool
        let size: Int
        let identity: FileIdentity
    }

    static func lstat(_ path: [UInt8]) -> FileInfo? {
        var info = stat()
        let ok = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                Glibc.lstat($0, &info) == 0
            }
        }
        guard ok else { return nil }
        return FileInfo(
            isRegular: (info.st_mode & S_IFMT) == S_IFREG,
            size: Int(info.st_size),
            identity: FileIdentity(info)
        )
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
}

extension SecretScanner.FileCheck {
    /// Nothing in the file holds it back (it may still carry a warning).
    var clears: Bool {
        switch result {
        case .clean, .binary: true
        case .secret, .unreadable: false
        }
    }
}

extension StagingGuard.Decision {
    mutating func hold(_ entry: StatusEntry, _ reason: String) {
        heldBack.append(HeldBackFile(path: entry.path, reason: reason))
        heldBackEntries.append(entry)
    }

    /// Stages or holds back a file by what the secret scan found in it.
    mutating func apply(_ check: SecretScanner.FileCheck, to entry: StatusEntry) {
        switch check.result {
        case .secret(let finding):
            hold(
                entry,
                "secret by content (\(finding.family.label), line \(finding.line)); add the path to git.allow if it is a false positive"
            )
        case .unreadable(let why):
            hold(entry, "could not be read to check for secrets (\(why))")
        case .clean, .binary:
            stage.append(entry)
            if let warning = check.warning {
                warnings.append(
                    "\(entry.path) holds a \(warning.family.label) on line \(warning.line); "
                        + "committed, as it opens no live account — check it is not a live key"
                )
            }
        }
    }
}
