import Foundation

/// One line of `.claude/metrics/AC-09-sessions.jsonl` in the emission format Jarvis' metric readers expect.
package struct MetricLine: Codable, Sendable, Equatable {
    package enum Value: Codable, Sendable, Equatable {
        case number(Double)
        case bool(Bool)

        package init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let b = try? container.decode(Bool.self) {
                self = .bool(b)
            } else {
                self = .number(try container.decode(Double.self))
            }
        }

        package func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .bool(let b): try container.encode(b)
            case .number(let n):
                if n == n.rounded(), abs(n) < 1e15 { try container.encode(Int(n)) } else { try container.encode(n) }
            }
        }

        package var numeric: Double {
            switch self {
            case .number(let n): n
            case .bool(let b): b ? 1 : 0
            }
        }
    }

    package let timestamp: String
    package let component: String
    package let metric: String
    package let value: Value
    package let unit: String
    /// Set on the `completion_time` line of a run past `alert_seconds` (the spec's alert threshold).
    package var alert: Bool?

    package init(timestamp: String, metric: String, value: Value, unit: String, alert: Bool? = nil) {
        self.timestamp = timestamp
        self.component = "AC-09"
        self.metric = metric
        self.value = value
        self.unit = unit
        self.alert = alert
    }

    package var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // The field order those readers expect: timestamp, component, metric, value, unit.
        let value = String(decoding: try! encoder.encode(self.value), as: UTF8.self)
        func quoted(_ s: String) -> String { String(decoding: try! encoder.encode(s), as: UTF8.self) }
        return
            "{\"timestamp\": \(quoted(timestamp)), \"component\": \(quoted(component)), \"metric\": \(quoted(metric)), \"value\": \(value), \"unit\": \(quoted(unit))\(alert == true ? ", \"alert\": true" : "")}"
    }
}
