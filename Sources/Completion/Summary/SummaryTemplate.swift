import Foundation

/// A user's `.claude/context/templates/session-summary.md`: the summary takes its headings and their order.
/// A `## Heading` that names a standard section (Accomplishments, Key Decisions, Files Modified, Blockers,
/// Corrections, Next Session, Statistics, Tier 2 Cycles, Completion Steps, Warnings) gets that section's content
/// under it, unless the template places it with its field (`{key_decisions}`); every line of the template is kept
/// with its `{field}`s filled in (see `SummaryRenderer.fields`), and a `{name}` the tool does not know stays as
/// written. Standard sections the template leaves out
/// follow at the end, so nothing the run recorded is lost, and so does the footer when the template has none.
package struct SummaryTemplate: Sendable {
    package static let path = ".claude/context/templates/session-summary.md"
    static let maxBytes = 256 << 10

    let lines: [String]

    package init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
    }

    /// The project's template, nil when there is none (or it is not a readable UTF-8 file of reasonable size).
    package static func load(_ project: Project) -> SummaryTemplate? {
        let url = project.root.appendingPathComponent(path)
        guard let data = ProjectFiles(project).readIfSafe(url), data.count <= maxBytes,
            let text = String(data: data, encoding: .utf8),
            !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return nil }
        return SummaryTemplate(text: text)
    }

    /// The standard summary laid out by the template.
    package func render(standard: String, fields: [String: String]) -> String {
        let parts = StandardSummary(standard)
        var values = fields
        for section in parts.sections { values[section.field] = section.body.joined(separator: "\n") }
        var out: [String] = []
        var used = Set<String>()
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard let title = Self.sectionTitle(line), let section = parts.section(title) else {
                out.append(Self.fill(line, values))
                continue
            }
            used.insert(section.title)
            out.append(Self.fill(line, values))
            let bodyEnd = lines[index...].firstIndex { $0.hasPrefix("#") && MarkdownDocument.heading($0) != nil }
            let body = lines[index..<(bodyEnd ?? lines.count)]
            index = bodyEnd ?? lines.count
            // The section's content follows its heading unless the template places it itself with `{field}`.
            let own = body.drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }.map { Self.fill($0, values) }
            if !body.contains(where: { $0.contains("{\(section.field)}") }) { out += [""] + section.body }
            out += own.isEmpty ? [""] : [""] + own
        }
        for section in parts.sections where !used.contains(section.title) {
            out += ["", "## \(section.title)", ""] + section.body
        }
        if !lines.contains(where: { $0.contains("{timestamp}") }) { out += [""] + parts.footer }
        return out.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
    }

    static func sectionTitle(_ line: String) -> String? {
        guard let heading = MarkdownDocument.heading(line), heading.level == 2 else { return nil }
        return heading.title
    }

    /// `{name}` replaced where `values` knows the name; anything else, braces included, as written. Linear.
    static func fill(_ line: String, _ values: [String: String]) -> String {
        guard line.contains("{") else { return line }
        var out = ""
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "{") {
            out += rest[rest.startIndex..<open]
            let after = rest[rest.index(after: open)...]
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty, after.dropFirst(name.count).first == "}", let value = values[String(name)] {
                out += value
                rest = after.dropFirst(name.count + 1)
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }
}

/// The tool's own summary cut into its title block, `## ` sections and footer.
struct StandardSummary {
    struct Section {
        let title: String
        let body: [String]
        /// The `{field}` that stands for the whole section in a template: `Key Decisions` is `{key_decisions}`.
        var field: String {
            title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
        }
    }

    var sections: [Section] = []
    var footer: [String] = []

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        if let rule = lines.lastIndex(of: "---") {
            footer = Array(lines[rule...])
            lines.removeSubrange(rule...)
        }
        var title: String?
        var body: [String] = []
        func close() {
            if let title { sections.append(Section(title: title, body: Self.trimmed(body))) }
        }
        for line in lines {
            if let heading = SummaryTemplate.sectionTitle(line) {
                close()
                title = heading
                body = []
            } else if title != nil {
                body.append(line)
            }
        }
        close()
    }

    func section(_ title: String) -> Section? {
        sections.first { $0.title.lowercased() == title.lowercased() }
    }

    static func trimmed(_ lines: [String]) -> [String] {
        let blank: (String) -> Bool = { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.firstIndex(where: { !blank($0) }), let last = lines.lastIndex(where: { !blank($0) })
        else {
            return []
        }
        return Array(lines[first...last])
    }
}
