import Foundation
import MDLKit
import Testing

/// The `direct_post` form body: one bounded pass, duplicates refused (RFC 6749 §3.1).
struct FormBodyTests {
    @Test func theWantedValueIsDecodedAndOthersAreSkipped() throws {
        #expect(try FormBody.uniqueValue(named: "response", in: Array("state=a%20b&response=x%2By+z".utf8)) == "x+y z")
        #expect(try FormBody.uniqueValue(named: "response", in: Array("%72esponse=encoded-name".utf8)) == "encoded-name")
        #expect(try FormBody.uniqueValue(named: "response", in: Array("responses=1&respons=2&response".utf8)) == nil)
        #expect(try FormBody.uniqueValue(named: "response", in: []) == nil)
        #expect(try FormBody.uniqueValue(named: "response", in: Array("response=".utf8)) == "")
        let encoded = FormBody.encode([("response", "a.b~c d&e=f"), ("state", "s")])
        #expect(try FormBody.uniqueValue(named: "response", in: encoded) == "a.b~c d&e=f")
    }

    @Test func aRepeatedParameterIsRefused() throws {
        #expect(throws: MDLError(code: .joseMalformed)) {
            try FormBody.uniqueValue(named: "response", in: Array("response=first&response=second".utf8))
        }
        #expect(throws: MDLError(code: .joseMalformed)) {
            try FormBody.uniqueValue(named: "response", in: Array("response=first&%72esponse=second".utf8))
        }
        #expect(FormBody.value(named: "response", in: Array("response=a&response=b".utf8)) == nil)
    }

    @Test func brokenEscapesAndInvalidUTF8AreRefused() throws {
        #expect(throws: MDLError(code: .joseMalformed)) { try FormBody.uniqueValue(named: "response", in: Array("response=%4".utf8)) }
        #expect(throws: MDLError(code: .joseMalformed)) { try FormBody.uniqueValue(named: "response", in: Array("response=%zz".utf8)) }
        #expect(throws: MDLError(code: .joseMalformed)) { try FormBody.uniqueValue(named: "response", in: Array("response=%ff%fe".utf8)) }
    }

    /// 4 MiB of `+` is one nameless parameter: scanned once, no value decoded.
    @Test func fourMebibytesOfPlusSignsAreOneScanAndNoValue() throws {
        let body = [UInt8](repeating: UInt8(ascii: "+"), count: 4 * 1024 * 1024)
        #expect(try FormBody.uniqueValue(named: "response", in: body) == nil)
        let value = Array("response=".utf8) + body
        #expect(throws: MDLError(code: .limitExceeded)) { try FormBody.uniqueValue(named: "response", in: value) }
    }

    @Test func aHundredThousandPairsAreRefusedAtTheParameterCap() throws {
        let body = Array(String(repeating: "&a=b", count: 100_000).utf8) + Array("&response=late".utf8)
        #expect(throws: MDLError(code: .limitExceeded)) { try FormBody.uniqueValue(named: "response", in: body) }
        let limits = FormBody.Limits(maximumParameters: 200_001, maximumValueBytes: 16)
        #expect(try FormBody.uniqueValue(named: "response", in: body, limits: limits) == "late")
        #expect(throws: MDLError(code: .limitExceeded)) {
            try FormBody.uniqueValue(named: "response", in: Array("response=seventeen-bytes-x".utf8), limits: limits)
        }
    }
}
