import Foundation

/// Date formats used in files, built on the C library's calendar: creating a `DateFormatter` costs milliseconds on
/// Linux, and these are formatted many times per run.
public enum Timestamp {
    /// `2026-01-16T22:00:00.000Z`, the metrics emission format.
    public static func iso(_ date: Date) -> String {
        let parts = components(date, local: false)
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec, (millis + 1000) % 1000)
    }

    public static func parseISO(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// `2026-11-25 10:03` in local time, for people.
    public static func local(_ date: Date) -> String {
        let parts = components(date, local: true)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min)
    }

    /// `2026-11-25` in local time.
    public static func day(_ date: Date) -> String {
        let parts = components(date, local: true)
        return String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    }

    /// `20261125-100300` in local time.
    public static func compact(_ date: Date) -> String {
        let parts = components(date, local: true)
        return String(format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    private static func components(_ date: Date, local: Bool) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        if local { localtime_r(&seconds, &parts) } else { gmtime_r(&seconds, &parts) }
        return parts
    }
}
