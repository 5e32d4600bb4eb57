/// One line of `jarvis-tui doctor`: what was checked, whether it holds, and the one thing to do when it does not.
package struct DoctorCheck: Sendable, Equatable {
    package enum Status: Sendable, Equatable {
        case pass
        case fail
        /// Nothing to check here (not configured, not applicable): shown, but it does not fail the run.
        case info
    }

    package let name: String
    package let status: Status
    package let detail: String
    package let fix: String?

    package init(_ name: String, _ status: Status, _ detail: String, fix: String? = nil) {
        self.name = name
        self.status = status
        self.detail = detail
        self.fix = fix
    }

    static func pass(_ name: String, _ detail: String) -> DoctorCheck { DoctorCheck(name, .pass, detail) }
    static func fail(_ name: String, _ detail: String, fix: String) -> DoctorCheck {
        DoctorCheck(name, .fail, detail, fix: fix)
    }
    static func info(_ name: String, _ detail: String) -> DoctorCheck { DoctorCheck(name, .info, detail) }
}
