import Foundation

/// Step 4's slow part for a large transcript — the zstd copy and the digest — on two threads of its own, started
/// as soon as the transcript is known so that it overlaps steps 1–3 (which mostly wait on git and the memory
/// server). Each goes to a temporary file beside its target (`AtomicFile.prepareStreaming`); step 4 waits for
/// both and publishes them through the `ProjectWriter`. A run that stops first discards them; a killed run leaves
/// temporary files that the next start sweeps. Neither file is ever visible half-written.
package final class TranscriptArchiveJob: Sendable {
    package struct Prepared: Sendable {
        package let temp: URL
        package let target: URL
        /// Bytes written to the temporary file.
        package let bytes: Int
        /// Their fingerprint, worked out as they were written (on this low-priority thread, not at the run's end).
        let hash: String
        var fingerprint: (size: Int, hash: String) { (bytes, hash) }
    }

    package struct Results: Sendable {
        package var compressed: Result<Prepared, any Error>
        package var digest: Result<Prepared, any Error>
    }

    /// zstd's level 1: a 200 MB transcript takes about 0.4 s of CPU here, against 1.2 s for libdeflate's fastest
    /// gzip level (the copy's format until then), and the copy is a third of that one's size (a seventeenth of
    /// the transcript). The copy is off the path to the commit, but on two cores its CPU is taken from git's.
    package static let compressionLevel: Int32 = 1

    /// What the two threads have produced, who waits for it, and whether the run has given it up.
    private struct State {
        var compressed: Result<Prepared, any Error>?
        var digest: Result<Prepared, any Error>?
        var waiters: [CheckedContinuation<Results, Never>] = []
        var discarded = false

        var ready: Results? {
            guard let compressed, let digest else { return nil }
            return Results(compressed: compressed, digest: digest)
        }
    }

    package let archive: TranscriptArchive
    private let state = Locked(State())

    private init(archive: TranscriptArchive) { self.archive = archive }

    package static func start(
        source: URL,
        archive: TranscriptArchive,
        analysis: TranscriptAnalysis?,
        title: String
    ) -> TranscriptArchiveJob {
        let job = TranscriptArchiveJob(archive: archive)
        let copyTarget = archive.compressedCopy, digestTarget = archive.digest
        Thread.detachNewThread {
            BackgroundPriority.lowerCurrentThreadUnlessBusy()
            let result = Result<Prepared, any Error> {
                var written = ContentFingerprint.Running()
                try archive.files.prepareWrite(copyTarget)  // the temp file goes beside it: no link on the way
                // The copy keeps the transcript unredacted: readable by its owner only, like the rollback backups.
                let temp = try AtomicFile.prepareStreaming(for: copyTarget, newFileMode: 0o600) { emit in
                    try ZstdStream.compress(source, level: compressionLevel) { chunk in
                        try job.checkNotDiscarded()
                        written.add(chunk)
                        try emit(chunk)
                        PausePoint.reach("chat-history:mid-copy")
                    }
                }
                return Prepared(temp: temp, target: copyTarget, bytes: written.size, hash: written.hash)
            }
            job.store { $0.compressed = result }
        }
        Thread.detachNewThread {
            BackgroundPriority.lowerCurrentThreadUnlessBusy()
            let result = Result<Prepared, any Error> {
                try archive.files.prepareWrite(digestTarget)
                return try TranscriptDigest.fallingBackToWholeFile(analysis) { analysis in
                    try prepareDigest(source, to: digestTarget, analysis: analysis, title: title, job: job)
                }
            }
            job.store { $0.digest = result }
        }
        return job
    }

    /// The digest in a temporary file beside `target`.
    private static func prepareDigest(
        _ source: URL,
        to target: URL,
        analysis: TranscriptAnalysis?,
        title: String,
        job: TranscriptArchiveJob
    ) throws -> Prepared {
        var written = ContentFingerprint.Running()
        let temp = try AtomicFile.prepareStreaming(for: target) { emit in
            try TranscriptDigest.stream(source, redactor: TranscriptRedactor(), analysis: analysis, title: title) {
                piece in
                try job.checkNotDiscarded()
                var piece = piece
                try piece.withUTF8 {
                    written.add(UnsafeRawBufferPointer($0))
                    try emit(UnsafeRawBufferPointer($0))
                }
            }
        }
        return Prepared(temp: temp, target: target, bytes: written.size, hash: written.hash)
    }

    /// Both results, once both threads are done.
    package func results() async -> Results {
        await withCheckedContinuation { continuation in
            let ready: Results? = state.withLock { state in
                if state.ready == nil { state.waiters.append(continuation) }
                return state.ready
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Stops the work and removes whatever was prepared and not published.
    package func discard() {
        let ready: Results? = state.withLock { state in
            state.discarded = true
            return state.ready
        }
        if let ready { Self.removeTemporaryFiles(ready) }
    }

    private func store(_ update: (inout State) -> Void) {
        let (ready, waiting, remove) = state.withLock { state in
            update(&state)
            let ready = state.ready
            let waiting = ready == nil ? [] : state.waiters
            if ready != nil { state.waiters = [] }
            return (ready, waiting, state.discarded)
        }
        guard let ready else { return }
        if remove { Self.removeTemporaryFiles(ready) }
        for waiter in waiting { waiter.resume(returning: ready) }
    }

    private func checkNotDiscarded() throws {
        if state.withLock({ $0.discarded }) { throw CancellationError() }
    }

    private static func removeTemporaryFiles(_ results: Results) {
        for case .success(let prepared) in [results.compressed, results.digest] { unlink(prepared.temp.path) }
    }
}
