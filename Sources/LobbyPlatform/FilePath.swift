import LobbyText

/// A path as the product handles it: joined and taken apart in this one place, by the rules of
/// POSIX paths (only "/" separates; a trailing "/" names the same directory).
package struct FilePath: Equatable, Hashable, CustomStringConvertible, Sendable {
    package let string: String

    package init(_ string: String) { self.string = string }

    package var description: String { string }

    /// The directory holding the last component: "." for a bare name, "/" for a child of the root.
    package var directory: FilePath {
        let trimmed = trimmingTrailingSlashes
        guard let slash = trimmed.lastIndex(of: "/") else { return FilePath(".") }
        let head = trimmed[..<slash]
        return FilePath(head.isEmpty ? "/" : String(head))
    }

    /// The last component ("feed.json" of "/srv/lobby/feed.json").
    package var lastComponent: String {
        let trimmed = trimmingTrailingSlashes
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `component` inside this directory; an absolute `component` stands alone.
    package func appending(_ component: String) -> FilePath {
        if component.hasPrefix("/") || string.isEmpty { return FilePath(component) }
        return FilePath(string.hasSuffix("/") ? string + component : string + "/" + component)
    }

    private var trimmingTrailingSlashes: Substring {
        var text = Substring(string)
        while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
        return text
    }
}
