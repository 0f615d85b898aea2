import Foundation
import MDLKit
import Testing

/// `mdl-rp verify` on documents from other producers (../shared/vectors): auth0's example and the EU reference
/// wallet's mDL over OpenID4VP 1.0, under both policies.
@Suite(.enabled(if: SharedVectors.available, Comment(rawValue: SharedVectors.skipMessage)))
struct RealWorldVerifyCommandTests {
    /// A fixed clock inside the auth0 MSO (2023-09-29 → 2073-09-29) and issuer certificate (→ 2033-09-11).
    static let auth0Time = "2026-01-01T00:00:00Z"

    static func vector(_ relative: String) throws -> String {
        guard let path = SharedVectors.path(relative) else {
            throw CLITestError("\(relative) is missing in \(SharedVectors.folder.path)")
        }
        return path
    }

    static func error(_ run: CLIRun) throws -> [String: Any] {
        let result = try run.json()
        #expect(result["verified"] as? Bool == false)
        return try #require(result["error"] as? [String: Any])
    }

    // MARK: auth0 example 1 (2023-draft OpenID4VP transcript given as bytes)

    /// With the default `--status check`: the auth0 MSO has no status reference, so nothing is fetched.
    static func auth0(_ file: String, policy: String) throws -> CLIRun {
        try CLIRun.run([
            "verify", try vector("auth0-mdl-example1/\(file)"),
            "--session-transcript", try vector("auth0-mdl-example1/session-transcript-bytes.hex"),
            "--trust-anchor", try vector("auth0-mdl-example1/issuer.pem"),
            "--policy", policy, "--at", auth0Time, "--json",
        ])
    }

    @Test func auth0VerifiesUnderInteropAndListsItsRelaxation() throws {
        let run = try Self.auth0("device-response.hex", policy: "interop")
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let result = try run.json()
        #expect(result["verified"] as? Bool == true)
        let document = try #require((result["documents"] as? [[String: Any]])?.first)
        #expect(document["docType"] as? String == "org.iso.18013.5.1.mDL")
        #expect(document["relaxations"] as? [String] == ["selfSignedDocumentSignerAsAnchor", "attachedPayloadInDeviceSignature"])
        let iso = try #require((document["issuerSigned"] as? [String: Any])?["org.iso.18013.5.1"] as? [String: Any])
        #expect(iso.count == 12)
        #expect(document["deviceSigned"] is [String: Any])
        #expect(document["status"] is NSNull, "no status reference in the MSO: status is null")
        #expect((document["trustPath"] as? [String])?.isEmpty == false)
        let validity = try #require(document["validity"] as? [String: Any])
        #expect((validity["validUntil"] as? String)?.hasPrefix("2073-09-29") == true)
    }

    @Test func auth0IsRefusedUnderStrictForItsCertificateProfile() throws {
        let run = try Self.auth0("device-response.hex", policy: "strict")
        #expect(run.status == 1, "\(run.stdout) \(run.stderr)")
        let error = try Self.error(run)
        #expect(error["code"] as? String == "certificateProfile")
        #expect(error["document"] as? Int == 0)
    }

    /// Under interop the family_name digest fails; under strict the DS chain (step 3) fails before the digests
    /// (step 4), so the code is `certificateProfile` (Documentation/Interop.md says so).
    @Test func auth0TamperedIsRefusedUnderBothPolicies() throws {
        let interop = try Self.auth0("device-response-tampered-family_name.hex", policy: "interop")
        #expect(interop.status == 1, "\(interop.stdout) \(interop.stderr)")
        let interopError = try Self.error(interop)
        #expect(interopError["code"] as? String == "digestMismatch")
        #expect((interopError["message"] as? String)?.contains("family_name") == true)
        let strict = try Self.auth0("device-response-tampered-family_name.hex", policy: "strict")
        #expect(strict.status == 1)
        #expect(try Self.error(strict)["code"] as? String == "certificateProfile")
    }

    // MARK: EU reference wallet mDL over OpenID4VP 1.0

    struct EUHandover {
        let clientID: String
        let nonce: String
        let responseURI: String
        let thumbprint: String
        let time: String
    }

    /// The request parameters of the vector's JSON; the thumbprint by the SDK's RFC 7638 function.
    static func euHandover() throws -> EUHandover {
        let data = try Data(contentsOf: URL(fileURLWithPath: try vector("eudi-mdl-openid4vp/openid4vp-handover.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let jwk = try #require(json["response_encryption_jwk"] as? [String: Any]).compactMapValues { $0 as? String }
        let thumbprint = try JWKThumbprint.sha256(of: jwk)
        return EUHandover(
            clientID: try #require(json["client_id"] as? String), nonce: try #require(json["nonce"] as? String),
            responseURI: try #require(json["response_uri"] as? String),
            thumbprint: Data(thumbprint).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: ""),
            time: try #require(json["verification_time"] as? String))
    }

    static func eu(policy: String, nonce: String? = nil, thumbprint: Bool = true) throws -> CLIRun {
        let handover = try euHandover()
        return try CLIRun.run(
            [
                "verify", try vector("eudi-mdl-openid4vp/device-response.b64u"),
                "--openid4vp", handover.clientID, nonce ?? handover.nonce, handover.responseURI,
            ] + (thumbprint ? ["--jwk-thumbprint", handover.thumbprint] : []) + [
                "--trust-anchor", try vector("eudi-mdl-openid4vp/iaca-pid-issuer-ca-ut-02.pem"),
                "--at", handover.time, "--policy", policy, "--status", "skip", "--json",
            ])
    }

    @Test func euReferenceMDLVerifiesUnderInterop() throws {
        let run = try Self.eu(policy: "interop")
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let result = try run.json()
        #expect(result["verified"] as? Bool == true)
        let document = try #require((result["documents"] as? [[String: Any]])?.first)
        let iso = try #require((document["issuerSigned"] as? [String: Any])?["org.iso.18013.5.1"] as? [String: Any])
        #expect(iso.count == 26)
        #expect(iso["family_name"] as? String == "Georgiou")
        #expect(iso["issuing_country"] as? String == "GR")
        let relaxations = try #require(document["relaxations"] as? [String])
        #expect(relaxations.contains("countryCheckOff"))
        #expect(relaxations.contains("fractionalSecondsInTDate"))
        #expect(relaxations.contains { $0.hasPrefix("extraDocumentSignerEKUs(") && $0.contains("1.3.130.2.0.0.1.2") })
        #expect((document["status"] as? [String: Any])?["checked"] as? Bool == false)
        // The portrait and the usual mark appear as length and digest only.
        let portrait = try #require(iso["portrait"] as? [String: Any])
        #expect(portrait["bytes"] as? Int ?? 0 > 0)
    }

    @Test func euReferenceMDLIsRefusedUnderStrictAtItsFirstDeviation() throws {
        let run = try Self.eu(policy: "strict")
        #expect(run.status == 1, "\(run.stdout) \(run.stderr)")
        let error = try Self.error(run)
        // Step 3 of the pipeline meets the DS EKU 1.3.130.2.0.0.1.2 before the MSO's fractional tdates (step 4).
        #expect(error["code"] as? String == "certificateProfile")
        #expect(error["document"] as? Int == 0)
    }

    @Test func euReferenceMDLWithAnotherNonceOrNoThumbprintFailsTheDeviceSignature() throws {
        let otherNonce = try Self.eu(policy: "interop", nonce: "706f6c4d-c92d-4472-9dbf-d814c94f90c3")
        #expect(otherNonce.status == 1, "\(otherNonce.stdout) \(otherNonce.stderr)")
        #expect(try Self.error(otherNonce)["code"] as? String == "deviceSignatureInvalid")
        let noThumbprint = try Self.eu(policy: "interop", thumbprint: false)
        #expect(noThumbprint.status == 1)
        #expect(try Self.error(noThumbprint)["code"] as? String == "deviceSignatureInvalid")
    }

    @Test func aBadThumbprintIsAUsageError() throws {
        let handover = try Self.euHandover()
        let run = try CLIRun.run([
            "verify", try Self.vector("eudi-mdl-openid4vp/device-response.b64u"),
            "--openid4vp", handover.clientID, handover.nonce, handover.responseURI, "--jwk-thumbprint", "c2hvcnQ",
            "--json",
        ])
        #expect(run.status == 2)
    }
}
