import Foundation

/// Colour only when standard output is a terminal and NO_COLOR is unset.
enum Terminal {
    static let colours: Bool = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    static func green(_ text: String) -> String { colours ? "\u{1b}[32m\(text)\u{1b}[0m" : text }
    static func red(_ text: String) -> String { colours ? "\u{1b}[31m\(text)\u{1b}[0m" : text }
    static func yellow(_ text: String) -> String { colours ? "\u{1b}[33m\(text)\u{1b}[0m" : text }
    static func bold(_ text: String) -> String { colours ? "\u{1b}[1m\(text)\u{1b}[0m" : text }
}
