extension SessionRecord {
    /// Redacts the secrets in every text the record took from outside the tool: the state files, the priorities,
    /// commit subjects, the transcript and its todos, the branch, the agent's notes. The summary, the checkpoint,
    /// session-state's own fields, the priorities' recently-completed block, the memory entity and the commit
    /// message are all built from these, so a secret the user or the agent typed reaches none of them.
    /// File paths stay as git reported them (staging needs the exact bytes); whatever renders them redacts.
    mutating func redactOutsideText() {
        currentWork = SecretRedaction.redact(currentWork)
        nextStep = SecretRedaction.redact(nextStep)
        // Every source of accomplishments has been merged by now: the same PR named twice is listed once.
        accomplishments = SamePullRequestItems.merged(Self.redactedUnique(accomplishments))
        decisions = Self.redactedUnique(decisions)
        blockers = Self.redactedUnique(blockers)
        pendingTodos = Self.redactedUnique(pendingTodos)
        corrections = Self.redactedUnique(corrections)
        filePurposes = filePurposes.mapValues { SecretRedaction.redact($0) }
        branch = SecretRedaction.redact(branch)
        model = SecretRedaction.redact(model)
        warnings = SecretRedaction.redact(warnings)
        findings = SecretRedaction.redact(findings)
    }

    /// Two items that differed only in their secret read the same once redacted: listed once.
    private static func redactedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.map { SecretRedaction.redact($0) }.filter { seen.insert($0).inserted }
    }
}
