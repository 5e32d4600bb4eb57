import Foundation

/// Step 2: memory persistence over MCP. Starts the server named in `.mcp.json` (`memory_server`, default
/// `memory`), flushes the writes earlier runs queued, then stores this session: the `session` entity with its
/// observations, the project and PR entities it relates to, the relations and observations. When the server is
/// missing, fails to start, times out or refuses, the writes go to `.claude/context/memory-queue.jsonl` and the
/// step is `degraded`; nothing is lost. The talk with the server (`MemoryExchange`) goes on while the next steps
/// run, the session commit included: nothing the commit holds depends on it, and a memory server answering
/// slowly over a store of thousands of entities no longer holds up the commit.
package struct MemoryPersistenceStep: OverlappingStep {
    package let id = StepID.memory
    /// nil: from `JARVIS_MEMORY_TIMEOUT_MS`, else the defaults.
    let limits: MemoryTimeLimits?

    package init() { self.limits = nil }
    package init(limits: MemoryTimeLimits) { self.limits = limits }

    /// The lessons, the server's choice (asking for a project server's approval) and the journal, then the talk
    /// with the server under way. Nil: `settle` waits for the talk and says how it went.
    package func begin(in context: StepContext) async -> Outcome? {
        SessionLessons.record(in: context)
        if !context.configuration.memoryPersistence { return .skipped("memory_persistence is off in the config") }
        let project = context.project
        let queue = MemoryQueue(project: project)
        let (entries, queueWarnings) = queue.read()
        queueWarnings.forEach(context.warn)
        let pending = entries.compactMap(\.batch)
        // A resumed run sends exactly what the interrupted one planned (see `RunJournal.memoryBatch`).
        let batch =
            context.journal?.current.memoryBatch ?? SessionMemoryPlan.batch(for: context.record, project: project)

        let launch: MemoryServerLaunch
        switch await findServer(waiting: pending.count, queue: queue, context: context) {
        case .skip(let reason): return .skipped(reason)
        case .queue(let reason): return queueAll(entries, batch, queue: queue, reason: reason, context: context)
        case .launch(let found): launch = found
        }
        if context.dryRun {
            previewDryRun(waiting: pending.count, batch: batch, launch: launch, context: context)
            return .skipped("dry run: nothing written")
        }
        if let journal = context.journal, journal.current.memoryBatch != batch {
            journal.update { $0.memoryBatch = batch }
        }
        context.progress("starting the memory server `\(launch.command)`")
        let server = MemoryExchange.Server(
            launch: launch,
            queuePath: queue.displayPath,
            environment: context.environment,
            limits: limits ?? MemoryTimeLimits.from(environment: context.environment),
            stderrLog: stderrLog(context)
        )
        context.memoryExchange = MemoryExchange(server: server, batch: batch, entries: entries)
        return nil
    }

    /// Waits for the talk with the server, reports it, and keeps in the queue whatever did not reach the store.
    package func settle(in context: StepContext) async -> Outcome {
        guard let exchange = context.memoryExchange else { return .failed("the memory server was not started") }
        context.memoryExchange = nil
        let ending = await exchange.ending
        ending.progress.forEach(context.progress)
        let queue = MemoryQueue(project: context.project)
        if let failure = ending.connectFailure {
            return queueAll(exchange.entries, exchange.batch, queue: queue, reason: failure, context: context)
        }
        return settle(
            ending.write,
            flush: ending.flush,
            batch: exchange.batch,
            entries: exchange.entries,
            queue: queue,
            context: context
        )
    }

    /// Where the writes go: a server to start, or why there is none (skip the step, or queue the writes).
    private enum ServerChoice {
        case launch(MemoryServerLaunch)
        case skip(String)
        case queue(String)
    }

    /// The server named in `.mcp.json`; a project's own server runs only once the user approves it.
    /// `waiting`: how many queued writes wait for it, named when it cannot be used.
    private func findServer(waiting: Int, queue: MemoryQueue, context: StepContext) async -> ServerChoice {
        let serverName = context.configuration.memoryServer
        let writes = "\(waiting) queued memory write\(waiting == 1 ? "" : "s") in \(queue.displayPath)"
        switch MemoryServerConfiguration.lookup(
            project: context.project,
            serverName: serverName,
            environment: context.environment
        ) {
        case .notConfigured(let reason):
            if waiting > 0 { context.warn("\(writes) wait for a `\(serverName)` server") }
            return .skip(reason)
        case .unsupported(let reason), .invalid(let reason):
            return .queue(reason)
        case .stdio(let found, let warnings):
            warnings.forEach(context.warn)
            return .launch(found)
        case .notApproved(let found, let reason, let askable):
            guard askable, !context.dryRun, await ProjectServerGate.approve(found, context: context) else {
                if waiting > 0 { context.warn("\(writes) wait for the `\(serverName)` server's approval") }
                return .skip(reason)
            }
            return .launch(found)
        }
    }

    private func previewDryRun(waiting: Int, batch: MemoryBatch, launch: MemoryServerLaunch, context: StepContext) {
        if waiting > 0 {
            context.progress("would flush \(waiting) pending Memory MCP write\(waiting == 1 ? "" : "s")")
        }
        context.progress(
            "would store \(batch.session) (\(batch.entities.count) entities, \(batch.relations.count) relations) in `\(launch.command)`"
        )
    }

    /// Records what was created, rewrites the queue (only writes that may succeed later stay or join it) and says
    /// how the step ended, naming everything that did not reach the store.
    private func settle(
        _ write: MemorySessionWrite,
        flush: MemoryFlush.Result,
        batch: MemoryBatch,
        entries: [MemoryQueue.Entry],
        queue: MemoryQueue,
        context: StepContext
    ) -> Outcome {
        let created = flush.created + (write.stored?.created ?? [])
        context.record.memoryEntitiesCreated += created.count
        context.record.memoryEntityNames += created.filter { !context.record.memoryEntityNames.contains($0) }
        if let stored = write.stored {
            let entities = "\(stored.created.count) new entit\(stored.created.count == 1 ? "y" : "ies")"
            let relations = "\(stored.relationsStored) relation\(stored.relationsStored == 1 ? "" : "s")"
            context.progress("stored \(stored.session): \(entities), \(relations)")
        }
        var queueLines = flush.kept.map(\.raw)
        if let failure = write.failure {
            queueLines = Self.replacingSameSession(flush.kept, batch).map(\.raw)
            if let line = try? Self.queuedLine(batch, reason: failure.description, context: context) {
                queueLines.append(line)
            }
        }
        if queueLines != entries.map(\.raw) {
            do {
                try queue.store(queueLines, writer: context.writer)
            } catch {
                let cause = write.failure.map { "\($0); " } ?? ""
                let why = ErrorSentence.describe(error)
                return .failed(
                    "\(cause)the memory queue could not be written (\(why)): this session's memory writes are lost"
                )
            }
        }
        if let failure = write.failure {
            return .degraded(
                "\(failure); \(queueLines.count) write\(queueLines.count == 1 ? "" : "s") queued in \(queue.displayPath) for the next run"
            )
        }
        var unsent = flush.unsent
        if let refusal = write.refusal {
            unsent.append("\(refusal); \(batch.session) is not stored, nor queued (it would be refused again)")
        }
        if let stored = write.stored, !stored.unsent.isEmpty {
            unsent.append("\(stored.session) stored, but \(stored.unsent.joined(separator: "; "))")
        }
        return unsent.isEmpty ? .done : .degraded(unsent.joined(separator: "; "))
    }

    /// Appends this session's writes to the queue (earlier entries kept as they were) and reports `degraded`.
    private func queueAll(
        _ entries: [MemoryQueue.Entry],
        _ batch: MemoryBatch,
        queue: MemoryQueue,
        reason: String,
        context: StepContext
    ) -> Outcome {
        if context.dryRun {
            context.progress("would queue \(batch.session) in \(queue.displayPath)")
            return .degraded("\(reason); dry run: nothing queued")
        }
        do {
            let line = try Self.queuedLine(batch, reason: reason, context: context)
            let lines = Self.replacingSameSession(entries, batch).map(\.raw) + [line]
            try queue.store(lines, writer: context.writer)
            context.progress("queued \(batch.session) in \(queue.displayPath) (\(lines.count) pending)")
            return .degraded(
                "\(reason); \(lines.count) write\(lines.count == 1 ? "" : "s") queued in \(queue.displayPath) for the next run"
            )
        } catch {
            return .failed(
                "\(reason); the memory queue could not be written either (\(ErrorSentence.describe(error))): this session's memory writes are lost"
            )
        }
    }

    /// The entries without an older queued copy of the same session's writes (the newer one replaces it).
    private static func replacingSameSession(
        _ entries: [MemoryQueue.Entry],
        _ batch: MemoryBatch
    ) -> [MemoryQueue.Entry] {
        entries.filter { entry in
            guard let queued = entry.batch else { return true }
            return !(queued.session == batch.session && queued.sessionID == batch.sessionID)
        }
    }

    private static func queuedLine(_ batch: MemoryBatch, reason: String?, context: StepContext) throws -> String {
        var queued = batch
        queued.queuedAt = Timestamp.iso(context.now())
        queued.reason = reason
        return try MemoryQueue.line(for: queued)
    }

    /// The server's stderr goes to `.claude/logs/memory-server.log`, secrets redacted line by line (never the
    /// terminal; past 1 MB the old log moves to `memory-server.log.1`); nil discards it.
    private func stderrLog(_ context: StepContext) -> URL? {
        let url = context.project.logsFolder.appendingPathComponent("memory-server.log")
        do {
            let files = ProjectFiles(context.project)
            try files.prepareWrite(url)
            let size = (try files.entryInfo(url)).map { Int($0.st_size) } ?? 0
            if size > 1 << 20 {
                _ = rename(url.path, url.path + ".1")
            }
            return url
        } catch {
            return nil
        }
    }
}

extension MemoryPersistenceStep {
    /// Runs step 2 on its own, outside a completion (the benchmark uses it): the same work, events dropped.
    package static func runAlone(
        record: SessionRecord,
        project: Project,
        configuration: Configuration = Configuration(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        limits: MemoryTimeLimits? = nil
    ) async -> (Outcome, SessionRecord) {
        let plan = CompletionPlan(
            project: project,
            resolved: ResolvedConfiguration(
                configuration: configuration,
                warnings: [],
                emergencyStop: false,
                offerSuppressedBy: nil
            ),
            options: RunOptions(),
            environment: environment
        )
        let context = StepContext(
            plan: plan,
            record: record,
            responder: SafeDefaultResponder(),
            writer: ProjectWriter(project: project, dryRun: false),
            emit: { _ in }
        )
        context.currentStep = .memory
        let step = limits.map { MemoryPersistenceStep(limits: $0) } ?? MemoryPersistenceStep()
        let outcome = await step.run(in: context)
        return (outcome, context.record)
    }
}
