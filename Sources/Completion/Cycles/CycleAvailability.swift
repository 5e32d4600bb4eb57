import Foundation

/// Whether a Tier 2 cycle can run here, and why not. Reflection and maintenance are always available: without a
/// configured command they run the built-in implementation (`builtIn`). Evolution and research without a
/// command need the `claude` CLI (`ModelCycle`).
package struct CycleAvailability: Sendable, Equatable {
    package let cycle: CycleID
    package let available: Bool
    package let reason: String?
    /// True when the cycle runs jarvis-tui's own implementation rather than a configured command.
    package let builtIn: Bool

    package init(cycle: CycleID, available: Bool, reason: String?, builtIn: Bool = false) {
        self.cycle = cycle
        self.available = available
        self.reason = reason
        self.builtIn = builtIn
    }

    /// `project` resolves a relative program path with a slash (`scripts/reflect.sh`) against the project folder.
    package static func check(
        _ cycle: CycleID,
        configuration: Configuration,
        environment: [String: String],
        project: Project? = nil
    ) -> CycleAvailability {
        guard let command = configuration.cycles[cycle], let program = command.argv.first else {
            // Reflection and maintenance have an implementation of their own; evolution and research go through
            // Claude Code when it is installed.
            if cycle == .maintenance || cycle == .reflection {
                return CycleAvailability(cycle: cycle, available: true, reason: nil, builtIn: true)
            }
            if let reason = ModelCycle.unavailableReason(cycle, environment: environment) {
                return CycleAvailability(cycle: cycle, available: false, reason: reason)
            }
            return CycleAvailability(cycle: cycle, available: true, reason: nil)
        }
        var lookup = program
        if let project, program.contains("/"), !program.hasPrefix("/") {
            lookup = project.root.appendingPathComponent(program).path
        }
        guard ExecutableLocator.find(lookup, path: environment["PATH"]) != nil else {
            let place = program.contains("/") ? "is not an executable file" : "not found on PATH"
            return CycleAvailability(cycle: cycle, available: false, reason: "`\(program)` \(place)")
        }
        return CycleAvailability(cycle: cycle, available: true, reason: nil)
    }

    package static func all(
        configuration: Configuration,
        environment: [String: String],
        project: Project? = nil
    ) -> [CycleAvailability] {
        CycleID.allCases.map { check($0, configuration: configuration, environment: environment, project: project) }
    }
}
