import MDLCBOR
import Testing

/// Bytes from hex typed in a test; an invalid literal fails the test instead of trapping.
func bytes(_ hex: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    guard let value = Hex.decode(hex) else {
        Issue.record("invalid hex literal \(hex)", sourceLocation: sourceLocation)
        return []
    }
    return value
}

/// The error code `decode` throws for `input`, or `nil` when it decodes.
func decodeError(_ input: [UInt8], _ options: CBORDecoder.Options = .init()) -> CBORError.Code? {
    do {
        _ = try CBORDecoder(options: options).decode(input)
        return nil
    } catch {
        return error.code
    }
}

/// Strict decoding options.
let strictOptions = CBORDecoder.Options(strict: true)
