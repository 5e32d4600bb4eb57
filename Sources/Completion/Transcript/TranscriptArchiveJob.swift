import Foundation

/// Step 4's slow part for a large transcript — the gzip copy and the digest — on two threads of its own, started
/// as soon as the transcript is known so that it overlaps steps 1–3 (which mostly wait on git and the memory
/// server). Each goes to a temporary file beside its target (`AtomicFile.prepareStreaming`); step 4 waits for
/// both and publishes them through the `ProjectWriter`. A run that stops first discards them; a killed run leaves
/// temporary files that the next start sweeps. Neither file is ever visible half-written.
package final class TranscriptArchiveJob: @unchecked Sendable {
    package struct Prepared: Sendable {
        package let temp: URL
        package let target: URL
        /// Bytes written to the temporary file.
        package let bytes: Int
    }

    package struct Results: Sendable {
        package var compressed: Result<Prepared, any Error>
        package var digest: Result<Prepared, any Error>
    }

    /// libdeflate's fastest level: a 200 MB transcript compresses about twice as fast as at the default level 6
    /// (0.45 s against 0.98 s here), to a copy a third larger (still about a sixth of the transcript).
    package static let compressionLevel: Int32 = 1

    package let archive: TranscriptArchive
    private let lock = NSLock()
    private var compressed: Result<Prepared, any Error>?
    private var digest: Result<Prepared, any Error>?
    private var waiters: [CheckedContinuation<Results, Never>] = []
    private var discarded = false

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
            let result = Result<Prepared, any Error> {
                var bytes = 0
                try archive.files.prepareWrite(copyTarget)  // the temp file goes beside it: no link on the way
                let temp = try AtomicFile.prepareStreaming(for: copyTarget) { emit in
                    try GzipStream.compress(source, level: compressionLevel) { chunk in
                        try job.checkNotDiscarded()
                        bytes += chunk.count
                        try emit(chunk)
                        PausePoint.reach("chat-history:mid-copy")
                    }
                }
                return Prepared(temp: temp, target: copyTarget, bytes: bytes)
            }
            job.store { $0.compressed = result }
        }
        Thread.detachNewThread {
            let result = Result<Prepared, any Error> {
                var bytes = 0
                try archive.files.prepareWrite(digestTarget)
                let temp = try AtomicFile.prepareStreaming(for: digestTarget) { emit in
                    try TranscriptDigest.stream(
                        source,
                        redactor: TranscriptRedactor(),
                        analysis: analysis,
                        title: title
                    ) { piece in
                        try job.checkNotDiscarded()
                        var piece = piece
                        try piece.withUTF8 {
                            bytes += $0.count; try emit(UnsafeRawBufferPointer($0))
                        }
                    }
                }
                return Prepared(temp: temp, target: digestTarget, bytes: bytes)
            }
            job.store { $0.digest = result }
        }
        return job
    }

    /// Both results, once both threads are done.
    package func results() async -> Results {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let ready = readyResults() {
                lock.unlock()
                continuation.resume(returning: ready)
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }

    /// Stops the work and removes whatever was prepared and not published.
    package func discard() {
        lock.lock()
        discarded = true
        let ready = readyResults()
        lock.unlock()
        if let ready { Self.removeTemporaryFiles(ready) }
    }

    private func store(_ update: (TranscriptArchiveJob) -> Void) {
        lock.lock()
        update(self)
        let ready = readyResults()
        let waiting = ready == nil ? [] : waiters
        if ready != nil { waiters = [] }
        let remove = discarded
        lock.unlock()
        guard let ready else { return }
        if remove { Self.removeTemporaryFiles(ready) }
        for waiter in waiting { waiter.resume(returning: ready) }
    }

    private func readyResults() -> Results? {
        guard let compressed, let digest else { return nil }
        return Results(compressed: compressed, digest: digest)
    }

    private func checkNotDiscarded() throws {
        lock.lock()
        defer { lock.unlock() }
        if discarded { throw CancellationError() }
    }

    private static func removeTemporaryFiles(_ results: Results) {
        for case .success(let prepared) in [results.compressed, results.digest] { unlink(prepared.temp.path) }
    }
}
