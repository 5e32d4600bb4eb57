/// The seven steps of the completion protocol, in the order they run.
package enum StepID: String, CaseIterable, Sendable, Codable, Hashable {
    case stateCapture = "state-capture"
    case memory = "memory"
    case contextFiles = "context-files"
    case chatHistory = "chat-history"
    case git = "git"
    case handoff = "handoff"
    case cleanup = "cleanup"

    /// 1-based position in the protocol.
    package var number: Int { StepID.allCases.firstIndex(of: self)! + 1 }

    package var title: String {
        switch self {
        case .stateCapture: "Work state capture"
        case .memory: "Memory persistence"
        case .contextFiles: "Context file updates"
        case .chatHistory: "Chat history preservation"
        case .git: "Git operations"
        case .handoff: "Handoff preparation"
        case .cleanup: "Cleanup"
        }
    }
}
