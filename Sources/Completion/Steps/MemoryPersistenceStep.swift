/// Step 2: memory persistence over MCP. Not in this build yet: it reports `skipped` with the reason, never `done`.
public struct MemoryPersistenceStep: CompletionStep {
    public let id = StepID.memory
    public init() {}

    public func run(in context: StepContext) async -> Outcome {
        if !context.configuration.memoryPersistence { return .skipped("memory_persistence is off in the config") }
        return .skipped("Memory MCP persistence is not available in this build yet")
    }
}
