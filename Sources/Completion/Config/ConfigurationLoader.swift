import Foundation
import Yams

/// Reads `autonomy-config.yaml` in both key forms found in the wild:
/// `session_completion.*` and `components.AC-09-session.{enabled, settings.*}` (the first wins where both set a key).
package struct ConfigurationLoader {
    package struct Loaded: Sendable {
        package var configuration: Configuration
        package var warnings: [ConfigurationWarning]
    }

    static let settingKeys: Set<String> = [
        "enabled", "pre_completion_offer", "auto_commit", "auto_push", "create_summary", "archive_conversation",
        "memory_persistence", "memory_server", "cleanup_transients", "stop_watcher", "theme", "review_pause",
        "context_window",
        "cycles", "git", "departure_phrases", "destructive_lock_files", "destructive_wait_seconds",
        "summary_retention_days",
        "archive_logs", "log_retention_days", "alert_seconds", "mcp_keywords",
        // Jarvis' own names for three of the keys above.
        "offer_self_improve", "preserve_history", "generate_summary",
    ]
    static let gitKeys: Set<String> = [
        "stage", "paths", "exclude", "allow", "max_file_size_mb", "repositories", "lock_wait_seconds",
        "timeout_seconds", "push_timeout_seconds",
    ]
    static let cycleKeys: Set<String> = ["command", "timeout_seconds"]
    /// Keys Jarvis puts beside `settings` in a component block; accepted without a warning.
    static let componentKeys: Set<String> = ["enabled", "settings", "version", "description", "tier", "name"]

    let path: String

    package init(path: String) { self.path = path }

    /// With `files`, the config is read through the project's safe walk: a linked config is not read, the
    /// defaults are used and a warning names the link.
    package static func load(from url: URL, files: ProjectFiles? = nil) throws(ConfigurationError) -> Loaded {
        let loader = ConfigurationLoader(path: url.path)
        let found: Data?
        if let files {
            do { found = try files.read(url) } catch let refusal as RefusedPath {
                return Loaded(
                    configuration: Configuration(),
                    warnings: [
                        ConfigurationWarning(file: url.path, line: 1, message: "\(refusal); the defaults are used")
                    ]
                )
            } catch {
                throw ConfigurationError(
                    file: url.path,
                    line: 1,
                    column: 1,
                    message: "cannot read the file; check its permissions"
                )
            }
            guard found != nil else { return Loaded(configuration: Configuration(), warnings: []) }
        } else {
            guard FileManager.default.fileExists(atPath: url.path) else {
                return Loaded(configuration: Configuration(), warnings: [])
            }
            found = FileManager.default.contents(atPath: url.path)
        }
        guard let data = found else {
            throw ConfigurationError(
                file: url.path,
                line: 1,
                column: 1,
                message: "cannot read the file; check its permissions"
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(
                file: url.path,
                line: 1,
                column: 1,
                message: "the file is not UTF-8 text; save it as UTF-8"
            )
        }
        return try loader.parse(text)
    }

    package func parse(_ text: String) throws(ConfigurationError) -> Loaded {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, text: text)
        } catch {
            throw ConfigurationError(file: path, line: 1, column: 1, message: "cannot parse YAML: \(error)")
        }
        var configuration = Configuration()
        var warnings: [ConfigurationWarning] = []
        guard let root else { return Loaded(configuration: configuration, warnings: warnings) }
        guard let top = root.mapping else {
            throw fail(root, "the top level must be a mapping of keys (for example `session_completion:`)")
        }
        if let component = top["components"]?.mapping?["AC-09-session"] {
            guard let block = component.mapping else {
                throw fail(component, "`components.AC-09-session` must be a mapping")
            }
            for (key, value) in block {
                guard let name = key.string else { continue }
                if name == "enabled" {
                    configuration.enabled = try bool(value, "components.AC-09-session.enabled")
                } else if name == "settings" {
                    try apply(
                        value,
                        section: "components.AC-09-session.settings",
                        to: &configuration,
                        warnings: &warnings
                    )
                } else if !Self.componentKeys.contains(name) {
                    warnings.append(warning(key, "unknown key `components.AC-09-session.\(name)` ignored"))
                }
            }
        }
        if let section = top["session_completion"] {
            try apply(section, section: "session_completion", to: &configuration, warnings: &warnings)
        }
        return Loaded(configuration: configuration, warnings: warnings)
    }

    private func apply(
        _ node: Node,
        section: String,
        to c: inout Configuration,
        warnings: inout [ConfigurationWarning]
    ) throws(ConfigurationError) {
        if node.null != nil { return }
        guard let mapping = node.mapping else { throw fail(node, "`\(section)` must be a mapping of keys") }
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            let where_ = "\(section).\(name)"
            switch name {
            case "enabled": c.enabled = try bool(value, where_)
            // Jarvis ships `offer_self_improve`, `preserve_history` and `generate_summary` for the same settings.
            case "pre_completion_offer", "offer_self_improve": c.preCompletionOffer = try bool(value, where_)
            case "auto_commit": c.autoCommit = try bool(value, where_)
            case "auto_push": c.autoPush = try bool(value, where_)
            case "create_summary", "generate_summary": c.createSummary = try bool(value, where_)
            case "archive_conversation", "preserve_history": c.archiveConversation = try bool(value, where_)
            case "memory_persistence": c.memoryPersistence = try bool(value, where_)
            case "memory_server": c.memoryServer = try string(value, where_)
            case "cleanup_transients": c.cleanupTransients = try bool(value, where_)
            case "stop_watcher": c.stopWatcher = try bool(value, where_)
            case "theme": c.theme = try string(value, where_)
            case "review_pause":
                let text = try string(value, where_)
                guard let pause = ReviewPause(rawValue: text) else {
                    throw fail(value, "`\(where_)` must be auto, always or never (not `\(text)`)")
                }
                c.reviewPause = pause
            case "context_window": c.contextWindow = try int(value, where_, range: 1_000...10_000_000)
            case "departure_phrases": c.departurePhrases = try strings(value, where_)
            case "destructive_lock_files": c.destructiveLockFiles = try strings(value, where_)
            case "destructive_wait_seconds": c.destructiveWaitSeconds = try int(value, where_, range: 0...86_400)
            case "summary_retention_days": c.summaryRetentionDays = try int(value, where_, range: 1...36_500)
            case "archive_logs": c.archiveLogs = try bool(value, where_)
            case "log_retention_days": c.logRetentionDays = try int(value, where_, range: 1...3_650)
            case "alert_seconds": c.alertSeconds = try int(value, where_, range: 1...86_400)
            case "mcp_keywords": c.mcpKeywords = try keywords(value, where_)
            case "cycles": try applyCycles(value, section: where_, to: &c, warnings: &warnings)
            case "git": try applyGit(value, section: where_, to: &c.git, warnings: &warnings)
            default:
                warnings.append(
                    warning(
                        key,
                        "unknown key `\(where_)` ignored (known: \(Self.settingKeys.sorted().joined(separator: ", ")))"
                    )
                )
            }
        }
    }

    private func applyCycles(
        _ node: Node,
        section: String,
        to c: inout Configuration,
        warnings: inout [ConfigurationWarning]
    ) throws(ConfigurationError) {
        if node.null != nil { return }
        guard let mapping = node.mapping else {
            throw fail(node, "`\(section)` must map cycle names to `command:` lists")
        }
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            guard let cycle = CycleID(rawValue: name) else {
                warnings.append(
                    warning(
                        key,
                        "unknown cycle `\(section).\(name)` ignored (known: reflection, evolution, research, maintenance)"
                    )
                )
                continue
            }
            var command = CycleCommand(argv: [])
            if value.sequence != nil {
                command.argv = try strings(value, "\(section).\(name)")
            } else if let block = value.mapping {
                for (k, v) in block {
                    guard let field = k.string else { continue }
                    switch field {
                    case "command": command.argv = try strings(v, "\(section).\(name).command")
                    case "timeout_seconds":
                        command.timeout = .seconds(try int(v, "\(section).\(name).timeout_seconds", range: 1...86_400))
                    default:
                        warnings.append(
                            warning(
                                k,
                                "unknown key `\(section).\(name).\(field)` ignored (known: command, timeout_seconds)"
                            )
                        )
                    }
                }
            } else if value.null == nil {
                throw fail(value, "`\(section).\(name)` must be a mapping with `command: [program, arg, …]`")
            }
            if !command.argv.isEmpty { c.cycles[cycle] = command }
        }
    }

    private func applyGit(
        _ node: Node,
        section: String,
        to g: inout GitSettings,
        warnings: inout [ConfigurationWarning]
    ) throws(ConfigurationError) {
        if node.null != nil { return }
        guard let mapping = node.mapping else { throw fail(node, "`\(section)` must be a mapping") }
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            let where_ = "\(section).\(name)"
            switch name {
            case "stage":
                let text = try string(value, where_)
                guard let policy = GitSettings.StagePolicy(rawValue: text) else {
                    throw fail(value, "`\(where_)` must be `all` or `paths`, not `\(text)`")
                }
                g.stage = policy
            case "paths": g.paths = try strings(value, where_)
            case "exclude": g.exclude = try strings(value, where_)
            case "allow": g.allow = try strings(value, where_)
            case "max_file_size_mb": g.maxFileSizeMB = try int(value, where_, range: 1...100_000)
            case "repositories": g.repositories = try strings(value, where_)
            case "lock_wait_seconds": g.lockWaitSeconds = try int(value, where_, range: 0...3_600)
            case "timeout_seconds": g.timeoutSeconds = try int(value, where_, range: 1...86_400)
            case "push_timeout_seconds": g.pushTimeoutSeconds = try int(value, where_, range: 1...86_400)
            default:
                warnings.append(
                    warning(
                        key,
                        "unknown key `\(where_)` ignored (known: \(Self.gitKeys.sorted().joined(separator: ", ")))"
                    )
                )
            }
        }
    }

    // MARK: typed values

    private func bool(_ node: Node, _ key: String) throws(ConfigurationError) -> Bool {
        if let scalar = node.scalar {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw fail(node, "`\(key)` must be true or false")
    }

    private func int(_ node: Node, _ key: String, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let scalar = node.scalar, let value = Int(scalar.string), range.contains(value) else {
            throw fail(node, "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `server: [word, …]` pairs.
    private func keywords(_ node: Node, _ key: String) throws(ConfigurationError) -> [String: [String]] {
        if node.null != nil { return [:] }
        guard let mapping = node.mapping else {
            throw fail(node, "`\(key)` must map server names to lists of words, for example `github: [pull request]`")
        }
        var result: [String: [String]] = [:]
        for (name, words) in mapping {
            guard let server = name.string else { continue }
            result[server] = try strings(words, "\(key).\(server)")
        }
        return result
    }

    private func string(_ node: Node, _ key: String) throws(ConfigurationError) -> String {
        guard let scalar = node.scalar else { throw fail(node, "`\(key)` must be a single value") }
        return scalar.string
    }

    private func strings(_ node: Node, _ key: String) throws(ConfigurationError) -> [String] {
        if node.null != nil { return [] }
        guard let sequence = node.sequence else {
            throw fail(
                node,
                "`\(key)` must be a list, for example [\"claude\", \"-p\", \"/reflect\"] (no shell strings)"
            )
        }
        var result: [String] = []
        for item in sequence {
            guard let scalar = item.scalar else { throw fail(item, "every item of `\(key)` must be a single value") }
            result.append(scalar.string)
        }
        return result
    }

    // MARK: positions

    private func fail(_ node: Node, _ message: String) -> ConfigurationError {
        ConfigurationError(file: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }

    private func warning(_ node: Node, _ message: String) -> ConfigurationWarning {
        ConfigurationWarning(file: path, line: node.mark?.line ?? 1, message: message)
    }

    /// A position inside the file: the parser reports an error found at the end of the input on the line after
    /// the last line break, a line the user's editor does not show; that is the end of the last line.
    static func position(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
        let lineBreaks = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let lineCount = lineBreaks + (text.isEmpty || text.utf8.last == UInt8(ascii: "\n") ? 0 : 1)
        guard lineCount > 0, line > lineCount else { return (line, column) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lastLine = (text.utf8.last == UInt8(ascii: "\n") ? lines.dropLast() : lines[...]).last ?? ""
        return (lineCount, lastLine.count + 1)
    }

    private func yamlError(_ error: YamlError, text: String) -> ConfigurationError {
        let fix = "fix the YAML there (indentation, a missing colon or quote) and run again"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            let (line, column) = Self.position(line: mark.line, column: mark.column, in: text)
            return ConfigurationError(
                file: path,
                line: line,
                column: column,
                message: "malformed YAML: \(what); \(fix)"
            )
        case let .reader(problem, offset, _, _):
            let prefix = text.utf8.prefix(offset ?? 0)
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column =
                prefix.count
                - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { prefix.distance(from: prefix.startIndex, to: $0) + 1 }
                    ?? 0) + 1
            return ConfigurationError(
                file: path,
                line: line,
                column: column,
                message: "unreadable YAML: \(problem); \(fix)"
            )
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigurationError(
                file: path,
                line: context.mark.line,
                column: context.mark.column,
                message: "duplicated keys \(duplicates.joined(separator: ", ")); keep one of each"
            )
        default:
            return ConfigurationError(file: path, line: 1, column: 1, message: "malformed YAML: \(error); \(fix)")
        }
    }
}
