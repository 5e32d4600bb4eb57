import Foundation

/// Replays the writes earlier runs queued, in order, before this session's own. A batch the server refuses leaves
/// the queue (it would be refused on every run) and the flush goes on; a lost connection or a time-out stops it,
/// keeping that batch and the rest.
enum MemoryFlush {
    struct Result: Sendable {
        var created: [String] = []
        /// Entries that stay queued: unreadable, or not reached after a failure that may pass.
        var kept: [MemoryQueue.Entry] = []
        /// What of the queued writes the server refused or does not offer: they left the queue.
        var unsent: [String] = []
        /// The failure that may pass and stopped the flush.
        var failure: MemoryClientError?
    }

    /// `queuePath`: the queue as the user sees it, for naming a refused line; `note` reports progress.
    static func replay(
        _ entries: [MemoryQueue.Entry],
        with client: MemoryClient,
        queuePath: String,
        note: @Sendable (String) -> Void
    ) async -> Result {
        var result = Result()
        for entry in entries {
            guard let queued = entry.batch, result.failure == nil else {
                result.kept.append(entry)
                continue
            }
            do {
                let applied = try await MemoryBatchWriter.apply(queued, with: client)
                result.created += applied.created
                let count = applied.created.count
                note("flushed \(applied.session) from the queue (\(count) new entit\(count == 1 ? "y" : "ies"))")
                if !applied.unsent.isEmpty {
                    let unsent = applied.unsent.joined(separator: "; ")
                    result.unsent.append("queued \(applied.session) flushed, but \(unsent)")
                }
            } catch let error as MemoryClientError where !error.shouldQueue {
                let line = "\(queuePath) line \(entry.line) (\(queued.session))"
                result.unsent.append("\(line) was refused and left the queue: \(error)")
            } catch let error as MemoryClientError {
                result.kept.append(entry)
                result.failure = error
            } catch {
                result.kept.append(entry)
                result.failure = .protocolError(call: "flush", message: "\(error)")
            }
        }
        return result
    }
}
