import Crypto
import Foundation
import MDLCBOR
import MDLCOSE

/// Pipeline step 4: the MSO's docType and validity, each returned item's digest, and the issuing country.
struct MSOChecks {
    let configuration: VerifierConfiguration

    /// docType, `signed` within the DS validity, the validity window with skew, and the tdate form.
    func checkValidity(
        _ mso: MobileSecurityObject, signer: ValidatedDocumentSigner, document: Document, at time: Date
    ) throws(MDLError) -> [VerificationPolicy.Relaxation] {
        guard mso.docType == document.docType else {
            throw MDLError(code: .docTypeMismatch, message: "the MSO was issued for \(mso.docType), the document says \(document.docType)")
        }
        var used: [VerificationPolicy.Relaxation] = []
        if mso.validity.hasFractionalSeconds {
            guard configuration.policy.allows(.fractionalSecondsInTDate) else {
                throw MDLError.structure("validityInfo dates carry fractional seconds, which ISO 18013-5 forbids")
            }
            used.append(.fractionalSecondsInTDate)
        }
        if mso.validity.hasOffset {
            guard configuration.policy.allows(.nonUTCOffsetInTDate) else {
                throw MDLError.structure("validityInfo dates carry a numeric UTC offset; ISO 18013-5 wants UTC written as Z")
            }
            used.append(.nonUTCOffsetInTDate)
        }
        do { try signer.checkSigned(mso.validity.signed.date) } catch let error as MDLError { throw error } catch {
            throw MDLError(code: .certificateExpired, message: "the MSO was signed outside the document signer's validity")
        }
        let skew = configuration.clockSkew
        guard time >= mso.validity.validFrom.date.addingTimeInterval(-skew) else {
            throw MDLError(code: .msoNotYetValid, message: "the MSO is valid from \(mso.validity.validFrom)")
        }
        guard time <= mso.validity.validUntil.date.addingTimeInterval(skew) else {
            throw MDLError(code: .msoExpired, message: "the MSO expired at \(mso.validity.validUntil)")
        }
        return used
    }

    /// Every returned item's digest, over its received bytes, compared with the MSO's (neither is secret).
    func checkDigests(_ issuerSigned: IssuerSigned, mso: MobileSecurityObject) throws(MDLError) -> [String: [String: CBOR]] {
        // The digest is compared through its bytes, without copying it into an array (and without swift-crypto's
        // generic `Digest == DataProtocol`, which resolved generic metadata for every item).
        let matches: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Bool
        switch mso.digestAlgorithm {
        case .sha256: matches = { item, expected in Self.digest(Self.hash(item, with: SHA256.self), equals: expected) }
        case .sha384: matches = { item, expected in Self.digest(Self.hash(item, with: SHA384.self), equals: expected) }
        case .sha512: matches = { item, expected in Self.digest(Self.hash(item, with: SHA512.self), equals: expected) }
        }
        var disclosed: [String: [String: CBOR]] = [:]
        for nameSpace in issuerSigned.nameSpaceOrder {
            // The namespace's digests and disclosed elements are looked up once, not once per item.
            let items = issuerSigned.nameSpaces[nameSpace] ?? []
            let digests = mso.digestTables[nameSpace] ?? ValueDigestTable(distinct: [])
            var elements = disclosed[nameSpace] ?? [:]
            elements.reserveCapacity(elements.count + items.count)
            // A digestID returned twice finds the same entry: one flag per entry instead of a set of digestIDs.
            var used = [Bool](repeating: false, count: digests.entries.count)
            // Members are read through the array (`items[index].…`) rather than by copying each item, whose five
            // reference-counted members made every copy five retains and five releases (issue 7).
            for index in items.indices {
                let digestID = items[index].digestID
                guard let entry = digests.index(of: digestID) else {
                    throw MDLError(code: .digestMissing, message: "no digest for \(nameSpace) digestID \(digestID)")
                }
                guard matches(items[index].embedded.encodedBytes, digests.entries[entry].digest) else {
                    let element = "\(nameSpace)/\(items[index].elementIdentifier)"
                    throw MDLError(code: .digestMismatch, message: "the digest of \(element) does not match the MSO")
                }
                let identifier = items[index].elementIdentifier
                guard !used[entry],
                    elements.updateValue(items[index].elementValue, forKey: identifier) == nil
                else {
                    throw MDLError.structure("\(nameSpace) returns digestID \(digestID) or element \(identifier) twice")
                }
                used[entry] = true
            }
            if !elements.isEmpty { disclosed[nameSpace] = elements }
        }
        return disclosed
    }

    /// `bytes` hashed with `function` through their pointer (the generic `hash(data:)` walks a `DataProtocol`'s
    /// regions unspecialised).
    private static func hash<Function: HashFunction>(_ bytes: ArraySlice<UInt8>, with function: Function.Type) -> Function.Digest {
        var hasher = Function()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
    }

    /// Whether `digest` equals `expected`.
    ///
    /// A plain comparison: neither side is secret (the expected digest is in the signed MSO the holder sends, and the
    /// computed one is over bytes the holder sends too), so a timing difference tells a sender nothing it does not
    /// know. Secrets (MAC tags, bindings) are compared with libsodium's `sodium_memcmp` through `ConstantTime`.
    private static func digest(_ digest: some Digest, equals expected: ArraySlice<UInt8>) -> Bool {
        digest.withUnsafeBytes { computed in
            expected.withUnsafeBytes { expected in
                guard computed.count == expected.count, let left = computed.baseAddress, let right = expected.baseAddress
                else { return computed.count == expected.count }
                return memcmp(left, right, computed.count) == 0
            }
        }
    }

    /// `issuing_country` and `issuing_jurisdiction`, when disclosed, against the DS certificate's C and ST.
    ///
    /// Both must be plain (untagged) text strings, whatever the policy: a value of another type (`#6.32("US")`, a
    /// byte string) would otherwise escape the comparison and still be shown as the country (issue 14).
    func checkIssuingCountry(
        _ disclosed: [String: [String: CBOR]], signer: ValidatedDocumentSigner
    ) throws(MDLError) -> [VerificationPolicy.Relaxation] {
        let iso = disclosed[MDLProfile.isoNameSpace] ?? [:]
        let country = try ComparedElement.text(iso, MDLProfile.ISOElement.issuingCountry)
        let jurisdiction = try ComparedElement.text(iso, MDLProfile.ISOElement.issuingJurisdiction)
        var mismatch: String?
        if let country, country != signer.country {
            mismatch = "issuing_country \(country) differs from the document signer's country \(signer.country ?? "(none)")"
        } else if let jurisdiction, let state = signer.stateOrProvince,
            jurisdiction != state, jurisdiction != "\(signer.country ?? "")-\(state)"
        {
            mismatch = "issuing_jurisdiction \(jurisdiction) differs from the document signer's state \(state)"
        }
        guard let mismatch else { return [] }
        guard configuration.policy.allows(.countryCheckOff) else {
            throw MDLError(code: .issuingCountryMismatch, message: mismatch)
        }
        return [.countryCheckOff]
    }
}
