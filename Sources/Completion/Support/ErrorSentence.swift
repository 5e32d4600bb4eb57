import Foundation

/// Errors from Foundation and the C library as one sentence a user can act on: "could not write
/// .claude/context/session-state.md: permission denied; check the file's permissions", never the
/// `Error Domain=NSCocoaErrorDomain Code=513 … UserInfo={…}` dump that interpolating them prints.
/// Errors of the tool's own types already describe themselves and pass through unchanged.
package enum ErrorSentence {
    package static func describe(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError { return describe(cocoa) }
        if let posix = error as? POSIXError { return reason(errno: posix.code.rawValue) }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return reason(errno: Int32(ns.code)) }
        if ns.domain == NSCocoaErrorDomain {
            return describe(CocoaError(CocoaError.Code(rawValue: ns.code), userInfo: ns.userInfo))
        }
        let text = String(describing: error)
        guard text.contains("Error Domain=") else { return text }
        return "\(ns.domain) error \(ns.code)"
    }

    /// `verb path: reason; what to do`, where the reason comes from the error's errno when it has one.
    static func describe(_ error: CocoaError) -> String {
        // JSONSerialization's error: the parser's own words say where the text stops being JSON.
        if error.code.rawValue == 3840 {
            let detail = error.userInfo[NSDebugDescriptionErrorKey] as? String
            return detail.map { "malformed JSON: \($0)" } ?? "malformed JSON"
        }
        let path = error.filePath ?? error.url?.path
        let why = underlyingErrno(error).map(reason(errno:)) ?? reason(code: error.code)
        let target = path.map { " \($0)" } ?? ""
        let verb = error.code.rawValue >= 512 && error.code.rawValue < 1024 ? "could not write" : "could not read"
        return "\(verb)\(target): \(why)\(advice(for: why))"
    }

    private static func underlyingErrno(_ error: CocoaError) -> Int32? {
        guard let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        else { return nil }
        return Int32(underlying.code)
    }

    static func reason(code: CocoaError.Code) -> String {
        switch code {
        case .fileNoSuchFile, .fileReadNoSuchFile: "no such file or folder"
        case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
        case .fileWriteFileExists: "something already exists there"
        case .fileWriteOutOfSpace: "no space left on the disk"
        case .fileWriteVolumeReadOnly: "the file system is read-only"
        case .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding, .fileWriteInapplicableStringEncoding:
            "the text is not in the expected encoding"
        case .fileReadTooLarge: "the file is too large"
        case .fileLocking: "the file is locked by another program"
        default: "file error \(code.rawValue)"
        }
    }

    static func reason(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file or folder"
        case ENOSPC: return "no space left on the disk"
        case EROFS: return "the file system is read-only"
        case EEXIST: return "something already exists there"
        case EISDIR: return "it is a folder"
        case ENOTDIR: return "a part of the path is not a folder"
        case EDQUOT: return "the disk quota is exceeded"
        case EFBIG: return "the file is larger than allowed"
        case ELOOP: return "too many symbolic links"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    private static func advice(for reason: String) -> String {
        switch reason {
        case "permission denied": "; check the permissions of the file and its folder"
        case "no space left on the disk", "the disk quota is exceeded": "; free some space and run again"
        case "the file system is read-only": "; make it writable and run again"
        case "something already exists there": "; move it aside and run again"
        default: ""
        }
    }
}
