import Foundation
import Yams

/// Re-reads a configuration file changed in this session, as the next session's tools will: YAML and JSON files
/// must parse. Returns the problem as a sentence naming the file and line, nil when it parses (or is neither).
enum ConfigSyntaxCheck {
    static func problem(in data: Data, path: String) -> String? {
        let lower = path.lowercased()
        let fix = "fix it before the next session reads it"
        if lower.hasSuffix(".json") {
            do { _ = try OrderedJSON.parse(data) } catch { return "\(path) is not valid JSON at \(error); \(fix)" }
            return nil
        }
        guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") else { return nil }
        guard let text = String(data: data, encoding: .utf8) else { return "\(path) is not UTF-8 text; \(fix)" }
        do { _ = try Yams.compose(yaml: text) } catch let error as YamlError {
            return "\(path) is not valid YAML at \(position(error, text: text)); \(fix)"
        } catch {
            return "\(path) is not valid YAML; \(fix)"
        }
        return nil
    }

    static func position(_ error: YamlError, text: String) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let (line, column) = ConfigurationLoader.position(line: mark.line, column: mark.column, in: text)
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return "line \(line), column \(column): \(what)"
        default:
            return "line 1: \(error)"
        }
    }
}
