/// Accomplishments that name the same PR ids (a commit subject `PR-12: add login` and the ticked priority
/// `PR-12 Login with tokens and refresh`) are one piece of work: it is listed once, in the words that say most.
enum SamePullRequestItems {
    /// `items` with each group naming the same PR ids reduced to its longest item, at the first item's place.
    /// Items that name no PR id are all kept.
    static func merged(_ items: [String]) -> [String] {
        let ids = items.map { RoadmapMilestones.ids(in: $0) }
        var longest: [Set<String>: Int] = [:]
        for (index, key) in ids.enumerated() where !key.isEmpty {
            if let kept = longest[key], items[kept].count >= items[index].count { continue }
            longest[key] = index
        }
        var placed = Set<Set<String>>()
        var result: [String] = []
        for (index, key) in ids.enumerated() {
            guard !key.isEmpty else {
                result.append(items[index])
                continue
            }
            if let kept = longest[key], placed.insert(key).inserted { result.append(items[kept]) }
        }
        return result
    }
}
