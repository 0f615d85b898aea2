import Foundation
@testable import MDLKit
@testable import MDLVerifier
@testable import MDLStatus
@testable import MDLOpenID4VP
@testable import MDLLicense
@testable import MDLJOSE
@testable import MDLHTTP
@testable import MDLCurl
import MDLSandbox
import Testing

/// A JSON object naming a member twice reads differently in different parsers (Foundation keeps one of them), so
/// JOSE headers, authorization responses and request objects that do so are refused `joseMalformed`.
struct DuplicateJSONMemberTests {
    @Test(arguments: [
        (#"{"state":"a","state":"b"}"#, "state"),
        (#"{"st\u0061te":"a","state":"b"}"#, "state"),
        (#"{"a":{"x":1,"x":2}}"#, "x"),
        (#"{"a":[{"k":1},{"k":2,"k":3}]}"#, "k"),
    ])
    func aMemberNamedTwiceIsFound(json: String, name: String) {
        #expect(JSONDuplicateMembers.find(in: Array(json.utf8)) == .duplicate(name))
    }

    @Test(arguments: [
        #"{"a":1,"b":{"a":1},"c":[{"a":1},{"a":2}]}"#,
        #"{"a":"\"a\":","b":"{"}"#,
        #"{"emoji":"😀","é":1,"e":2}"#,
    ])
    func distinctMembersPass(json: String) {
        #expect(JSONDuplicateMembers.find(in: Array(json.utf8)) == nil)
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(JSONDuplicateMembers.find(in: Array(deep.utf8)) == .tooDeep)
    }

    @Test func aResponseNamingStateTwiceIsRefusedWithItsRequestsState() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let genuine = try await world.answer(request, .approveAll)
        let payload = try JWE.decrypt(genuine.jwe, with: request.encryptionKey).plaintext
        var text = String(decoding: payload, as: UTF8.self)
        text.removeFirst()
        let doubled = #"{"state":"someone-else","# + text
        let response = await relyingParty.receive(
            jwe: try JWE.encrypt(Array(doubled.utf8), to: request.encryptionJWK), forRequest: request.id)
        #expect(response.error?.code == .joseMalformed)
        #expect(response.state == request.state)
        #expect(!response.isHolderAuthenticated)
        // The request stays open: the genuine response is still accepted.
        let accepted = await relyingParty.receive(jwe: genuine.jwe, forRequest: request.id)
        #expect(accepted.receipt?.outcome == .presented)
    }

    @Test func aJOSEHeaderNamingAlgTwiceIsRefused() throws {
        let header = Base64URL.encode(Array(#"{"alg":"none","alg":"ES256","typ":"oauth-authz-req+jwt"}"#.utf8))
        #expect(throws: MDLError(code: .joseMalformed)) { try JWS(compact: "\(header).e30.AAAA") }
    }
}
