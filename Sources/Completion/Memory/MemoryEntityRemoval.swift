import Foundation

/// Undoes a run's memory writes for `rollback`: deletes the
/// entities the run created (`SessionRecord.memoryEntityNames`) with the reference `delete_entities` tool, which
/// also drops their relations.
package enum MemoryEntityRemoval {
    package static func delete(
        _ names: [String],
        project: Project,
        serverName: String = "memory",
        environment: [String: String] = ProcessInfo.processInfo.environment,
        limits: MemoryTimeLimits = MemoryTimeLimits()
    ) async -> Outcome {
        guard !names.isEmpty else { return .skipped("the run created no memory entities") }
        let launch: MemoryServerLaunch
        switch MemoryServerConfiguration.lookup(project: project, serverName: serverName, environment: environment) {
        case .stdio(let found, _): launch = found
        case .notConfigured(let reason), .unsupported(let reason), .invalid(let reason), .notApproved(_, let reason, _):
            return .failed("\(reason); delete \(names.joined(separator: ", ")) from the memory store by hand")
        }
        do {
            let client = try await MemoryClient.connect(launch, environment: environment, limits: limits)
            do {
                try await client.require(["delete_entities"])
                try await client.deleteEntities(names: names)
            } catch {
                await client.close()
                throw error
            }
            await client.close()
            return .done
        } catch {
            return .failed("\(error); delete \(names.joined(separator: ", ")) from the memory store by hand")
        }
    }
}
