/// Step 4: chat history preservation. Not in this build yet: it reports `skipped` with the reason, never `done`.
public struct ChatHistoryStep: CompletionStep {
    public let id = StepID.chatHistory
    public init() {}

    public func run(in context: StepContext) async -> Outcome {
        if !context.configuration.archiveConversation { return .skipped("archive_conversation is off in the config") }
        return .skipped("transcript preservation is not available in this build yet")
    }
}
