import MDLCBOR
import MDLCOSE
import MDLKit
import Testing

/// An item's salt and an MSO's digests read the same through the compact forms the digest check uses.
struct ReceivedSaltTests {
    @Test func aReceivedItemsSaltIsItsBytesAndItEqualsTheSameItemMadeHere() throws {
        let salt: [UInt8] = (0..<16).map { UInt8(0xa0 + $0) }
        let made = IssuerSignedItem(digestID: 4, random: salt, elementIdentifier: "family_name", elementValue: "Li")
        let received = try IssuerSignedItem(made.embedded)
        #expect(received.random == salt)
        #expect(received.digestID == 4)
        #expect(received == made)
        #expect(received.hashValue == made.hashValue)
        let other = IssuerSignedItem(
            digestID: 4, random: salt.reversed(), elementIdentifier: "family_name", elementValue: "Li")
        #expect(try IssuerSignedItem(other.embedded) != received)
    }

    @Test func theMSOsDigestsReadBackUnorderedOrNot() throws {
        let digests: [UInt64: [UInt8]] = [9: [1, 2], 2: [3], 40: [4, 5, 6], 0: []]
        let key = COSEKey(keyType: .okp, curve: .ed25519, x: [UInt8](repeating: 7, count: 32), y: nil)
        let start = try #require(TDate(rfc3339: "2026-01-01T00:00:00Z"))
        let end = try #require(TDate(rfc3339: "2027-01-01T00:00:00Z"))
        let mso = MobileSecurityObject(
            valueDigests: ["org.iso.18013.5.1": digests], deviceKey: key, docType: "org.iso.18013.5.1.mDL",
            validity: .init(signed: start, validFrom: start, validUntil: end))
        #expect(mso.valueDigests == ["org.iso.18013.5.1": digests])
        let decoded = try MobileSecurityObject(mso.cbor)
        #expect(decoded.valueDigests == mso.valueDigests)
        #expect(decoded == mso)
    }
}
