import Foundation

/// The optional Tier 2 cycles offered before the protocol runs.
package enum CycleID: String, CaseIterable, Sendable, Codable, Hashable {
    case reflection
    case evolution
    case research
    case maintenance

    package var component: String {
        switch self {
        case .reflection: "AC-05"
        case .evolution: "AC-06"
        case .research: "AC-07"
        case .maintenance: "AC-08"
        }
    }

    package var title: String {
        switch self {
        case .reflection: "Self-Reflection"
        case .evolution: "Self-Evolution"
        case .research: "R&D Cycles"
        case .maintenance: "Maintenance"
        }
    }

    /// The one-line description the offer shows beside the cycle's name.
    package var summary: String {
        switch self {
        case .reflection: "Review session learnings"
        case .evolution: "Implement queued improvements"
        case .research: "Research new tools/patterns"
        case .maintenance: "Cleanup and health checks"
        }
    }

    /// Parses the `--cycles` list: names, `all` or `none`.
    package static func parseList(_ text: String) throws(CycleListError) -> [CycleID] {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if words == ["none"] || words.isEmpty || words == [""] { return [] }
        if words == ["all"] { return CycleID.allCases }
        var result: [CycleID] = []
        for word in words {
            guard
                let cycle = CycleID(rawValue: word)
                    ?? CycleID.allCases.first(where: { $0.component.lowercased() == word })
            else {
                throw CycleListError(word: word)
            }
            if !result.contains(cycle) { result.append(cycle) }
        }
        return result
    }
}

package struct CycleListError: Error, CustomStringConvertible {
    package let word: String
    package var description: String {
        "unknown cycle '\(word)': use a comma-separated list of reflection, evolution, research, maintenance, "
            + "archive-state, or all / none"
    }
}
