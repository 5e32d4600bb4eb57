import Foundation

/// Reads and writes the run manifest and its backups under `.claude/state/jarvis-tui/` (ignored by git, so
/// neither is ever committed). Everything is written atomically; only the newest few backups are kept.
package struct RunManifestStore: Sendable {
    package let project: Project
    static let keptBackups = 5

    package init(project: Project) { self.project = project }

    var files: ProjectFiles { ProjectFiles(project) }

    package var manifestFile: URL { project.toolStateFolder.appendingPathComponent("last-run.json") }
    var backupsFolder: URL { project.toolStateFolder.appendingPathComponent("backup", isDirectory: true) }

    /// Saves the previous contents of every file the run rewrote, then the manifest (last, so a manifest never
    /// points at a backup that is not there).
    package func record(
        runID: String,
        sessionID: String,
        createdAt: Date,
        commits: [RepositoryCommit],
        written: [ProjectWriter.Written],
        memoryEntities: [String] = []
    ) throws -> RunManifest {
        let folder = backupsFolder.appendingPathComponent(runID, isDirectory: true)
        var rewritten: [RewrittenFile] = []
        for (index, file) in written.enumerated() {
            let url = URL(fileURLWithPath: file.path)
            var backup: String?
            if let previous = file.previous {
                let name = "backup/\(runID)/\(index)"
                try keep(previous, at: folder.appendingPathComponent("\(index)"))
                backup = name
            }
            let now =
                file.known?.current(at: url.path) ?? ContentFingerprint.ofFile(url.path)
                ?? (0, ContentFingerprint.of(Data()))
            rewritten.append(
                RewrittenFile(
                    path: project.relativePath(of: url),
                    backup: backup,
                    writtenSize: now.size,
                    writtenHash: now.hash,
                    createdFolders: file.createdFolders.isEmpty
                        ? nil : file.createdFolders.map { project.relativePath(of: URL(fileURLWithPath: $0)) }
                )
            )
        }
        let manifest = RunManifest(
            runID: runID,
            sessionID: sessionID,
            createdAt: Timestamp.iso(createdAt),
            projectRoot: project.root.path,
            commits: commits,
            files: rewritten,
            memoryEntities: memoryEntities
        )
        try save(manifest)
        prune(keeping: runID)
        return manifest
    }

    /// Puts a file's previous content in the run's backup folder: written when held as bytes, moved (one rename
    /// in the same folder tree, whatever its size) when the writer kept it as a file.
    private func keep(_ previous: PreviousContent, at target: URL) throws {
        switch previous {
        case .bytes(let data):
            try files.write(data, to: target, newFileMode: 0o600)
        case .kept(let kept):
            try files.prepareWrite(target)
            _ = try files.find(kept)
            guard rename(kept.path, target.path) == 0 else {
                throw FileWriteError(path: target.path, reason: String(cString: strerror(errno)))
            }
            rmdir(kept.deletingLastPathComponent().path)
        }
    }

    package func save(_ manifest: RunManifest) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try files.write(try encoder.encode(manifest), to: manifestFile, newFileMode: 0o600)
    }

    package enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        case malformed(String, String)
        package var description: String {
            switch self {
            case .missing(let path):
                "no completion to roll back: \(path) does not exist (it is written at the end of each run)"
            case .malformed(let path, let why):
                "\(path) cannot be read (\(why)); nothing was changed. Delete it if it is damaged."
            }
        }
    }

    package func load() throws(LoadError) -> RunManifest {
        let data: Data?
        do { data = try files.read(manifestFile) } catch { throw .malformed(manifestFile.path, "\(error)") }
        guard let data else { throw .missing(manifestFile.path) }
        do { return try JSONDecoder().decode(RunManifest.self, from: data) } catch {
            throw .malformed(manifestFile.path, PendingPushStore.describe(error))
        }
    }

    package func backupData(_ relative: String) -> Data? {
        files.readIfSafe(project.toolStateFolder.appendingPathComponent(relative))
    }

    /// Where a backup is, when it is there as a regular file reached without links.
    package func backupFile(_ relative: String) -> URL? {
        let url = project.toolStateFolder.appendingPathComponent(relative)
        return (try? files.find(url)) == .file ? url : nil
    }

    /// The size and fingerprint of a backup, read in chunks; nil when it is missing or refused.
    package func backupFingerprint(_ relative: String) -> (size: Int, hash: String)? {
        backupFile(relative).flatMap { ContentFingerprint.ofFile($0.path) }
    }

    /// Removes all but the newest backup folders. The backup folder is reached without following links and its
    /// entries are deleted as entries: a `backup` that a repository committed as a link to some other folder is
    /// refused (reported as a warning), never emptied.
    func prune(keeping current: String) {
        guard let names = try? files.list(backupsFolder) else { return }
        let dated = names.compactMap { name -> (String, Double)? in
            guard let info = try? files.entryInfo(backupsFolder.appendingPathComponent(name)) else { return nil }
            return (name, Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 > $1.0 }
        // What a run kept of large files and never handed to a manifest (it was killed): the run lock means no
        // other run is using it now.
        for name in names where name.hasPrefix(PreviousContent.keptPrefix) {
            _ = try? files.remove(backupsFolder.appendingPathComponent(name))
        }
        for (name, _) in dated.filter({ !$0.0.hasPrefix(PreviousContent.keptPrefix) }).dropFirst(Self.keptBackups)
        where name != current {
            _ = try? files.remove(backupsFolder.appendingPathComponent(name))
        }
    }

    /// A run id that sorts by time and is safe as a folder name.
    package static func runID(date: Date, sessionID: String) -> String {
        let safe = String(
            sessionID.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" ? Character($0) : "_" }
                .prefix(40)
        )
        return "\(Timestamp.compactUTC(date))-\(safe)"
    }
}

extension RunManifestStore {
    /// The engine's call at the end of a run (not in a dry run). Returns a warning when the manifest could not
    /// be written; the run itself is not affected.
    func recordRun(_ context: StepContext, at date: Date) -> String? {
        let record = context.record
        do {
            _ = try self.record(
                runID: Self.runID(date: date, sessionID: record.sessionID),
                sessionID: record.sessionID,
                createdAt: date,
                commits: record.repositoryCommits,
                written: context.writer.files,
                memoryEntities: record.memoryEntityNames
            )
            return nil
        } catch let refusal as RefusedPath {
            return
                "the rollback manifest was not written (\(refusal.path) was refused); `jarvis-tui rollback` cannot undo this run"
        } catch {
            return
                "the rollback manifest was not written (\(ErrorSentence.describe(error))); `jarvis-tui rollback` cannot undo this run"
        }
    }
}
