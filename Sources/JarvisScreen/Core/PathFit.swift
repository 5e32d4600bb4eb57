/// Fits a path into a number of columns by dropping its leading folders first ("…/sessions/session-2026-11-25.md",
/// then "…/session-2026-11-25.md"), and only then cutting the file name. nil when not even that fits.
package enum PathFit {
    package static let minimum = 8

    package static func fit(_ path: String, to width: Int, ellipsis: String = "…") -> String? {
        guard width >= minimum else { return nil }
        if DisplayWidth.of(path) <= width { return path }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for keep in stride(from: parts.count - 1, through: 1, by: -1) {
            let candidate = ellipsis + "/" + parts.suffix(keep).joined(separator: "/")
            if DisplayWidth.of(candidate) <= width { return candidate }
        }
        return DisplayWidth.truncate(parts.last ?? path, to: width, ellipsis: ellipsis)
    }
}
