import Foundation

/// Step 2's talk with the memory server — start it, flush the writes earlier runs queued, store this session —
/// going on while the steps after it run, the session commit and push included. Nothing the commit holds waits for
/// it: the queue it may write is git-ignored, and the summary written before the commit says the step was still
/// running. It never touches the step's context (that belongs to the engine's task): the lines it has to report
/// are kept, and told when the step settles.
final class MemoryExchange: Sendable {
    /// How the talk ended.
    struct Ending: Sendable {
        /// Progress lines, in order, for the step to report.
        var progress: [String] = []
        /// Why the server could not be started or used at all (then every write is queued).
        var connectFailure: String?
        var flush = MemoryFlush.Result()
        var write = MemorySessionWrite()
    }

    /// What the server is and how to reach it; all of it worked out before the talk starts.
    struct Server: Sendable {
        let launch: MemoryServerLaunch
        /// The queue as the user sees it, for naming a refused line.
        let queuePath: String
        let environment: [String: String]
        let limits: MemoryTimeLimits
        let stderrLog: URL?
    }

    let batch: MemoryBatch
    let entries: [MemoryQueue.Entry]
    private let task: Task<Ending, Never>

    /// Starts the talk at once; `ending` waits for it.
    init(server: Server, batch: MemoryBatch, entries: [MemoryQueue.Entry]) {
        self.batch = batch
        self.entries = entries
        task = Task { await Self.talk(server, batch: batch, entries: entries) }
    }

    var ending: Ending { get async { await task.value } }

    private static func talk(_ server: Server, batch: MemoryBatch, entries: [MemoryQueue.Entry]) async -> Ending {
        let progress = Locked([String]())
        let note: @Sendable (String) -> Void = { line in progress.withLock { $0.append(line) } }
        var ending = Ending()
        do {
            let client = try await connect(server)
            (ending.flush, ending.write) = await MemorySessionWrite.send(
                batch,
                after: entries,
                with: client,
                queuePath: server.queuePath,
                note: note
            )
            await client.close()
        } catch {
            ending.connectFailure = "\(error)"
        }
        ending.progress = progress.withLock { $0 }
        return ending
    }

    /// Starts the server and checks that it offers the tools the writes need; closed again when it does not.
    private static func connect(_ server: Server) async throws -> MemoryClient {
        let client = try await MemoryClient.connect(
            server.launch,
            environment: server.environment,
            limits: server.limits,
            stderrLog: server.stderrLog
        )
        do {
            try await client.require()
        } catch {
            await client.close()
            throw error
        }
        return client
    }
}
