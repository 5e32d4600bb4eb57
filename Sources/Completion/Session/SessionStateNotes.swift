import Foundation

/// What the gathering takes from session-state.md, read in one streamed pass (`MarkdownFile`): the fields and
/// the first items of the user's lists, each list counted whole. A file of tens of megabytes is never held.
struct SessionStateNotes {
    /// The first `limit` items of one of the user's lists that do not say "none", and how many there are.
    final class UserList {
        let limit: Int
        private(set) var kept: [String] = []
        private(set) var total = 0

        init(limit: Int) { self.limit = limit }

        func take(_ item: String) {
            guard !SessionGatherer.isNone(item) else { return }
            total += 1
            if kept.count < limit { kept.append(item) }
        }
    }

    var fields: [String: String]
    var nextSessionPickup: [String]
    let blockers: UserList
    let decisions: UserList
    let accomplishments: UserList
    let pendingTodos: UserList
    /// The user's own `## Current Work` section: its first line is the current work, so the field the tool keeps
    /// says what the section says instead of contradicting it.
    let currentWorkSection: UserList

    static let fieldNames = ["Current Work", "Current Task", "Next Step"]

    /// nil when the file is missing, refused (the engine warns about a refused link by name) or unreadable (then
    /// with a warning).
    static func read(_ project: Project, limit: Int, warnings: inout [String]) -> SessionStateNotes? {
        let url = project.sessionStateFile
        let lists = (0..<4).map { _ in UserList(limit: limit) } + [UserList(limit: 1)]
        do {
            guard let file = try MarkdownFile.open(url, files: ProjectFiles(project)) else { return nil }
            let found = try file.read(
                fields: fieldNames,
                labels: ["Next Session Pickup"],
                sections: [
                    .init(["Blockers"], each: lists[0].take),
                    .init(["Key Decisions", "Decisions"], each: lists[1].take),
                    .init(["Accomplishments", "Completed This Session", "Completed"], each: lists[2].take),
                    .init(["Pending Todos", "Pending", "Todo", "TODO"], each: lists[3].take),
                    .init(["Current Work"], each: lists[4].take),
                ],
                labelLimit: 1
            )
            return SessionStateNotes(
                fields: found.fields,
                nextSessionPickup: found.labels["Next Session Pickup"] ?? [],
                blockers: lists[0],
                decisions: lists[1],
                accomplishments: lists[2],
                pendingTodos: lists[3],
                currentWorkSection: lists[4]
            )
        } catch is RefusedPath {
            return nil
        } catch {
            warnings.append("cannot read \(project.relativePath(of: url)); check its permissions")
            return nil
        }
    }
}
