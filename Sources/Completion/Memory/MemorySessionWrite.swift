import Foundation

/// How this session's own writes went: stored, refused by the server, or failed in a way that may pass.
struct MemorySessionWrite: Sendable {
    var stored: MemoryBatchWriter.Result?
    /// Refused or impossible: never queued, it would be refused again.
    var refusal: MemoryClientError?
    /// Unreachable, timed out, died: queued for the next run.
    var failure: MemoryClientError?

    /// Flushes the queue, then writes this session unless the flush stopped on a failure that may pass.
    static func send(
        _ batch: MemoryBatch,
        after entries: [MemoryQueue.Entry],
        with client: MemoryClient,
        queuePath: String,
        note: @Sendable (String) -> Void
    ) async -> (MemoryFlush.Result, MemorySessionWrite) {
        let waiting = entries.compactMap(\.batch).count
        if waiting > 0 {
            note("Flush pending Memory MCP writes: \(waiting) queued session\(waiting == 1 ? "" : "s")")
        }
        let flush = await MemoryFlush.replay(entries, with: client, queuePath: queuePath, note: note)
        if waiting > 0 { PausePoint.reach("memory:after-flush") }
        var write = MemorySessionWrite(failure: flush.failure)
        guard flush.failure == nil else { return (flush, write) }
        do {
            write.stored = try await MemoryBatchWriter.apply(batch, with: client)
        } catch let error as MemoryClientError where !error.shouldQueue {
            write.refusal = error
        } catch let error as MemoryClientError {
            write.failure = error
        } catch {
            write.failure = .protocolError(call: "session write", message: "\(error)")
        }
        return (flush, write)
    }
}
