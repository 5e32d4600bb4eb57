import Foundation

/// Combines the configuration layers, each one overriding those after it:
/// `JARVIS_EMERGENCY_STOP` > environment (`JARVIS_DISABLE_AC09`) > command line > file > defaults.
package struct ResolvedConfiguration: Sendable {
    package var configuration: Configuration
    package var warnings: [ConfigurationWarning]
    /// Set by `JARVIS_EMERGENCY_STOP`: stop before any write.
    package var emergencyStop: Bool
    /// Why the offer is skipped, when the environment says so.
    package var offerSuppressedBy: String?
}

package enum ConfigurationResolver {
    package static func resolve(
        project: Project,
        commandLine: CommandLineOverrides,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> ResolvedConfiguration {
        let loaded = try ConfigurationLoader.load(from: project.configFile, files: ProjectFiles(project))
        var c = loaded.configuration
        if let v = commandLine.preCompletionOffer { c.preCompletionOffer = v }
        if let v = commandLine.autoCommit { c.autoCommit = v }
        if let v = commandLine.autoPush { c.autoPush = v }
        if let v = commandLine.theme { c.theme = v }
        var suppressedBy: String?
        if isTrue(environment["JARVIS_DISABLE_AC09"]) {
            c.preCompletionOffer = false
            suppressedBy = "JARVIS_DISABLE_AC09"
        }
        let emergency = isTrue(environment["JARVIS_EMERGENCY_STOP"])
        return ResolvedConfiguration(
            configuration: c,
            warnings: loaded.warnings,
            emergencyStop: emergency,
            offerSuppressedBy: suppressedBy
        )
    }

    static func isTrue(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }
}
