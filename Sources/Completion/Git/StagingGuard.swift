import Foundation

/// Decides which changed files may be staged. This first guard holds back secrets by name (`.env*`, `*.pem`)
/// and the paths the tool owns after the commit; every held-back file is reported with its reason.
public struct StagingGuard: Sendable {
    public struct Decision: Sendable, Equatable {
        public var stage: [StatusEntry] = []
        public var heldBack: [HeldBackFile] = []
        /// Tool-owned and transient paths: neither staged nor reported.
        public var ignored: [StatusEntry] = []
    }

    public init() {}

    public func decide(_ entries: [StatusEntry]) -> Decision {
        var decision = Decision()
        for entry in entries {
            let path = entry.path
            if PostCommitPaths.isToolOwned(path) {
                decision.ignored.append(entry)
            } else if entry.change != .deleted, let reason = Self.secretNameReason(path) {
                decision.heldBack.append(HeldBackFile(path: path, reason: reason))
            } else {
                decision.stage.append(entry)
            }
        }
        return decision
    }

    static func secretNameReason(_ path: String) -> String? {
        let name = (path as NSString).lastPathComponent.lowercased()
        if name == ".env" || (name.hasPrefix(".env.") && !Self.isSample(name)) { return "secret by name (.env file)" }
        if name.hasSuffix(".pem") { return "secret by name (*.pem)" }
        return nil
    }

    static func isSample(_ name: String) -> Bool {
        [".example", ".sample", ".template", ".dist"].contains { name.hasSuffix($0) }
    }
}
