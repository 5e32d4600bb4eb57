import Foundation

/// Whether a Tier 2 cycle can run here, and why not.
public struct CycleAvailability: Sendable, Equatable {
    public let cycle: CycleID
    public let available: Bool
    public let reason: String?

    public static func check(_ cycle: CycleID, configuration: Configuration, environment: [String: String]) -> CycleAvailability {
        guard let command = configuration.cycles[cycle], let program = command.argv.first else {
            return CycleAvailability(cycle: cycle, available: false, reason: "no command configured (session_completion.cycles.\(cycle.rawValue).command)")
        }
        guard ExecutableLocator.find(program, path: environment["PATH"]) != nil else {
            return CycleAvailability(cycle: cycle, available: false, reason: "`\(program)` not found on PATH")
        }
        return CycleAvailability(cycle: cycle, available: true, reason: nil)
    }

    public static func all(configuration: Configuration, environment: [String: String]) -> [CycleAvailability] {
        CycleID.allCases.map { check($0, configuration: configuration, environment: environment) }
    }
}
