import Foundation
import Testing

@testable import Completion

/// The client against the real `memory-test-server` process over stdio.
@Suite("Memory client over stdio")
struct MemoryClientTests {
    @Test func speaksTheReferenceToolsAndFollowsTheirSemantics() async throws {
        let folder = try MemoryTestProject()
        let client = try await MemoryClient.connect(folder.launch(), limits: .forTests)
        let pid = await client.processID
        do {
            try await client.require()
            #expect(
                await client.tools.isSuperset(of: [
                    "create_entities", "create_relations", "add_observations", "delete_entities", "open_nodes",
                    "search_nodes", "read_graph",
                ])
            )

            let first = try await client.createEntities([
                MemoryEntity(name: "acme", entityType: "project", observations: ["a"])
            ])
            #expect(first?.map(\.name) == ["acme"])
            // Duplicate names are ignored, not doubled.
            let again = try await client.createEntities([
                MemoryEntity(name: "acme", entityType: "project", observations: ["b"]),
                MemoryEntity(name: "S1", entityType: "session", observations: []),
            ])
            #expect(again?.map(\.name) == ["S1"])
            // A relation to a node that does not exist is ignored.
            let relations = try await client.createRelations([
                MemoryRelation(from: "S1", to: "acme", relationType: "part_of"),
                MemoryRelation(from: "S1", to: "ghost", relationType: "completed"),
            ])
            #expect(relations == [MemoryRelation(from: "S1", to: "acme", relationType: "part_of")])
            try await client.addObservations([MemoryObservations(entityName: "S1", contents: ["x", "x", "y"])])
            // Observations for a missing entity are an error the client reports with the server's words.
            await #expect(throws: MemoryClientError.self) {
                try await client.addObservations([MemoryObservations(entityName: "ghost", contents: ["z"])])
            }
            let opened = try await client.openNodes(["S1"])
            #expect(opened.entity(named: "S1")?.observations == ["x", "y"])
            #expect(try await client.searchNodes("project").entities.map(\.name) == ["acme"])

            try await client.deleteEntities(names: ["S1"])
            let graph = try await client.readGraph()
            #expect(graph.entities.map(\.name) == ["acme"])
            #expect(graph.relations.isEmpty)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        #expect(await eventually { !processExists(pid) }, "the server process must be reaped after close")
        // The store on disk is the reference JSONL, read independently.
        #expect(try folder.storedGraph().entities.map(\.name) == ["acme"])
    }

    @Test func aServerThatCrashesMidCallIsReportedAndReaped() async throws {
        let folder = try MemoryTestProject()
        let client = try await MemoryClient.connect(
            folder.launch(failure: "crash-on:create_entities"),
            limits: .forTests
        )
        let pid = await client.processID
        do {
            _ = try await client.createEntities([MemoryEntity(name: "A", entityType: "t", observations: [])])
            Issue.record("the call must fail when the server dies")
        } catch let error as MemoryClientError {
            guard case .exited(let call, let how) = error else { Issue.record("unexpected \(error)"); return }
            #expect(call == "create_entities")
            #expect(how.contains("signal 9"))
        }
        await client.close()
        #expect(await eventually { !processExists(pid) })
    }

    @Test func aServerThatHangsHitsTheTimeLimitAndIsKilledEvenIfItIgnoresSIGTERM() async throws {
        let folder = try MemoryTestProject()
        // The connect limit is generous: this test is about the call's limit, and the parallel suite on 2 cores
        // can take more than 10 s to get a new server to answer `initialize`.
        let limits = MemoryTimeLimits(connect: .seconds(30), call: .milliseconds(1000))
        let client = try await MemoryClient.connect(
            folder.launch(failure: "hang-on:create_entities,ignore-term"),
            limits: limits
        )
        let pid = await client.processID
        let started = ContinuousClock.now
        await #expect(throws: MemoryClientError.timedOut(call: "create_entities", limit: .milliseconds(1000))) {
            _ = try await client.createEntities([MemoryEntity(name: "A", entityType: "t", observations: [])])
        }
        await client.close()
        #expect(ContinuousClock.now - started < .seconds(60), "the hang was not cut off")
        #expect(await eventually { !processExists(pid) }, "SIGKILL must follow the ignored SIGTERM")
        // The connection is gone: later calls fail at once instead of hanging.
        await #expect(throws: MemoryClientError.closed) { try await client.readGraph() }
    }

    @Test func aServerThatNeverAnswersInitializeTimesOutAndIsReaped() async throws {
        let folder = try MemoryTestProject()
        let pidFile = folder.folder.appendingPathComponent("server.pid")
        var launch = folder.launch(failure: "hang-at-start,ignore-term")
        launch.environment["MEMORY_TEST_PID_FILE"] = pidFile.path
        let limits = MemoryTimeLimits(connect: .milliseconds(400), call: .seconds(1))
        await #expect(throws: MemoryClientError.timedOut(call: "initialize", limit: .milliseconds(400))) {
            _ = try await MemoryClient.connect(launch, limits: limits)
        }
        let pid = try #require(
            Int32(
                String(decoding: FileManager.default.contents(atPath: pidFile.path) ?? Data(), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            )
        )
        #expect(!processExists(pid), "connect must not return before the server is killed and reaped")
    }

    @Test func aServerThatExitsAtStartIsReportedWithItsStatus() async throws {
        let folder = try MemoryTestProject()
        do {
            _ = try await MemoryClient.connect(folder.launch(failure: "exit-at-start"))
            Issue.record("connecting must fail")
        } catch let error as MemoryClientError {
            // Either the exit is seen first, or the write to the closed pipe fails: both name the server's end.
            #expect("\(error)".contains("exited with status 3") || "\(error)".contains("initialize"), "\(error)")
        }
    }

    @Test func aServerThatIsNotInstalledIsNamed() async throws {
        let launch = MemoryServerLaunch(name: "memory", command: "mcp-server-memory-not-installed-here")
        await #expect(throws: MemoryClientError.notInstalled("mcp-server-memory-not-installed-here")) {
            _ = try await MemoryClient.connect(launch, environment: ["PATH": "/usr/bin:/bin"])
        }
    }

    @Test func aServerWithoutCreateEntitiesIsRefusedOneWithoutRelationsIsNot() async throws {
        let folder = try MemoryTestProject()
        let client = try await MemoryClient.connect(
            folder.launch(failure: "without:create_entities"),
            limits: .forTests
        )
        await #expect(throws: MemoryClientError.missingTools(["create_entities"], server: "memory")) {
            try await client.require()
        }
        await client.close()
        let partial = try await MemoryClient.connect(
            folder.launch(failure: "without:create_relations"),
            limits: .forTests
        )
        try await partial.require()
        await partial.close()
    }

    @Test func theServerGetsTheConfiguredEnvironmentAndNeverOurTerminal() async throws {
        // The store path arrives through `env`; stderr goes to the given log, not to this process's stderr.
        let folder = try MemoryTestProject()
        let log = folder.folder.appendingPathComponent("server.log")
        var launch = folder.launch()
        launch.environment["MEMORY_TEST_FAILURE"] = "bogus-mode"
        let client = try await MemoryClient.connect(launch, limits: .forTests, stderrLog: log)
        _ = try await client.createEntities([MemoryEntity(name: "A", entityType: "t", observations: [])])
        await client.close()
        #expect(FileManager.default.fileExists(atPath: folder.store.path))
        let logged = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
        #expect(logged.contains("unknown failure mode bogus-mode"))
    }

    @Test func theServerHoldsNoDescriptorOfOursButItsOwnPipes() async throws {
        // A Foundation pipe (no O_CLOEXEC), as a concurrently running git command has: if the server inherited
        // its write end, the reader would never see EOF and that command would hang. The server's open
        // descriptors are read from /proc (an EOF check would also see children other tests start meanwhile).
        let folder = try MemoryTestProject()
        let pipe = Pipe()
        var info = stat()
        #expect(fstat(pipe.fileHandleForWriting.fileDescriptor, &info) == 0)
        let ours = "pipe:[\(info.st_ino)]"
        let client = try await MemoryClient.connect(folder.launch(), limits: .forTests)
        let pid = await client.processID
        let held = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []).compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")
        }
        #expect(!held.isEmpty, "the server's descriptors could not be read")
        #expect(!held.contains(ours), "the server holds our pipe: \(held)")
        try pipe.fileHandleForWriting.close()
        await client.close()
    }
}
