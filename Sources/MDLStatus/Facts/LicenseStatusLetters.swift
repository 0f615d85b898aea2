import MDLVerifier

/// A licence status (驾驶证状态, `ZT`): a **set** of letters, e.g. `"BDJ"` = 超分 + 暂扣 + 停止使用.
///
/// ```swift
/// let status = try LicenseStatusLetters(parsing: "BDJ")
/// status.blocksDriving            // true
/// status.credentialStatus         // .suspended
/// ```
public struct LicenseStatusLetters: Sendable, Hashable, CustomStringConvertible {
    /// The letters.
    public let letters: Set<LicenseStatusLetter>
    /// The table the letters are read with.
    public let vocabulary: LicenseStatusVocabulary

    /// Creates a status from letters.
    public init(_ letters: Set<LicenseStatusLetter>, vocabulary: LicenseStatusVocabulary = .ga) {
        self.letters = letters
        self.vocabulary = vocabulary
    }

    /// Parses status text such as `"A"` or `"BDJ"` (surrounding whitespace and lower case are accepted; a repeated
    /// letter counts once).
    ///
    /// - Throws: `MDLError` `statusLetterUnknown` for an empty text or any character that is not a driver-status
    ///   letter (O, Q, digits, separators …).
    public init(parsing text: String, vocabulary: LicenseStatusVocabulary = .ga) throws {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else {
            throw MDLError(code: .statusLetterUnknown, message: "empty licence status")
        }
        guard trimmed.count <= LicenseStatusLetter.allCases.count * 2 else {
            throw MDLError(code: .statusLetterUnknown, message: "licence status text too long")
        }
        var letters: Set<LicenseStatusLetter> = []
        for character in trimmed {
            guard let letter = LicenseStatusLetter(rawValue: String(character).uppercased()) else {
                let shown = character.isASCII && character.isLetter ? "\"\(character)\"" : "a non-letter"
                throw MDLError(
                    code: .statusLetterUnknown, message: "licence status holds \(shown), not a driver-status letter")
            }
            letters.insert(letter)
        }
        self.init(letters, vocabulary: vocabulary)
    }

    /// Whether the status holds `letter`.
    public func contains(_ letter: LicenseStatusLetter) -> Bool { letters.contains(letter) }

    /// The letters in alphabetical order.
    public var sorted: [LicenseStatusLetter] { letters.sorted() }

    /// Whether the status is exactly 正常 (A), or empty.
    public var isNormal: Bool { letters.isSubset(of: [.a]) }

    /// The letters that stop the holder driving.
    public var blockingLetters: [LicenseStatusLetter] { sorted.filter { $0.effect(in: vocabulary) == .blocking } }

    /// Whether any letter stops the holder driving.
    public var blocksDriving: Bool { !blockingLetters.isEmpty }

    /// The Token Status List value of the whole set: the strongest of its letters (invalid, suspended, superseded,
    /// valid); an empty set is valid.
    public var credentialStatus: LicenseCredentialStatus {
        letters.map { $0.credentialStatus(in: vocabulary) }.max { $0.severityRank < $1.severityRank } ?? .valid
    }

    /// The letters, e.g. `"BDJ"`.
    public var description: String { sorted.map(\.rawValue).joined() }

    /// The names in Chinese joined with `、`, e.g. `"超分、暂扣、停止使用"`.
    public var zh: String { sorted.map { $0.zh(in: vocabulary) }.joined(separator: "、") }

    /// The meanings in English joined with `; `.
    public var en: String { sorted.map { $0.en(in: vocabulary) }.joined(separator: "; ") }
}
