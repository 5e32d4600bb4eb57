import Foundation

/// Date formats used in files, built on the C library's calendar: creating a `DateFormatter` costs milliseconds on
/// Linux, and these are formatted many times per run.
package enum Timestamp {
    /// `2026-01-16T22:00:00.000Z`, the metrics emission format.
    package static func iso(_ date: Date) -> String {
        let parts = components(date, local: false)
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            parts.tm_year + 1900,
            parts.tm_mon + 1,
            parts.tm_mday,
            parts.tm_hour,
            parts.tm_min,
            parts.tm_sec,
            (millis + 1000) % 1000
        )
    }

    /// An ISO 8601 / RFC 3339 date and time (`2026-01-16T22:00:00.000Z`, `2026-01-16T23:00:00+01:00`), read by hand
    /// in the usual shapes; ISO8601DateFormatter only for the rest.
    package static func parseISO(_ text: String) -> Date? {
        parseRFC3339(text) ?? parseWithFormatter(text)
    }

    /// `YYYY-MM-DD[T ]hh:mm:ss[.fff][Z|±hh[:]mm]`; nil for anything else.
    static func parseRFC3339(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            func digits(_ at: Int, _ count: Int) -> Int? {
                guard at + count <= bytes.count else { return nil }
                var v = 0
                for k in at..<(at + count) {
                    let c = bytes[k]
                    guard c >= 0x30, c <= 0x39 else { return nil }
                    v = v * 10 + Int(c - 0x30)
                }
                return v
            }
            guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
                let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
                let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
                (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
            else {
                return nil
            }
            var k = 19
            var fraction = 0.0
            if k < bytes.count, bytes[k] == UInt8(ascii: ".") {
                k += 1
                var scale = 0.1
                while k < bytes.count, bytes[k] >= 0x30, bytes[k] <= 0x39 {
                    fraction += Double(bytes[k] - 0x30) * scale
                    scale /= 10
                    k += 1
                }
            }
            var offset = 0
            if k < bytes.count {
                switch bytes[k] {
                case UInt8(ascii: "Z"), UInt8(ascii: "z"): break
                case UInt8(ascii: "+"), UInt8(ascii: "-"):
                    guard let h = digits(k + 1, 2) else { return nil }
                    let m = digits(k + 4, 2) ?? digits(k + 3, 2) ?? 0
                    offset = (h * 3600 + m * 60) * (bytes[k] == UInt8(ascii: "+") ? 1 : -1)
                default: return nil
                }
            }
            // Days from the civil date (Howard Hinnant's algorithm).
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = (month + 9) % 12
            let doy = (153 * mp + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            let days = era * 146_097 + doe - 719_468
            let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
            return Date(timeIntervalSince1970: seconds)
        }
    }

    private static func parseWithFormatter(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// `2026-11-25 10:03` in local time, for people.
    package static func local(_ date: Date) -> String {
        let parts = components(date, local: true)
        return String(
            format: "%04d-%02d-%02d %02d:%02d",
            parts.tm_year + 1900,
            parts.tm_mon + 1,
            parts.tm_mday,
            parts.tm_hour,
            parts.tm_min
        )
    }

    /// `2026-11-25` in local time.
    package static func day(_ date: Date) -> String {
        let parts = components(date, local: true)
        return String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    }

    /// `20261125T100300` in UTC.
    package static func compactUTC(_ date: Date) -> String {
        let parts = components(date, local: false)
        return String(
            format: "%04d%02d%02dT%02d%02d%02d",
            parts.tm_year + 1900,
            parts.tm_mon + 1,
            parts.tm_mday,
            parts.tm_hour,
            parts.tm_min,
            parts.tm_sec
        )
    }

    /// `20261125-100300` in local time.
    package static func compact(_ date: Date) -> String {
        let parts = components(date, local: true)
        return String(
            format: "%04d%02d%02d-%02d%02d%02d",
            parts.tm_year + 1900,
            parts.tm_mon + 1,
            parts.tm_mday,
            parts.tm_hour,
            parts.tm_min,
            parts.tm_sec
        )
    }

    private static func components(_ date: Date, local: Bool) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        if local { localtime_r(&seconds, &parts) } else { gmtime_r(&seconds, &parts) }
        return parts
    }
}
