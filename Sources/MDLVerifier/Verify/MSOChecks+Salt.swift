extension MSOChecks {
    /// The shortest IssuerSignedItem `random` ISO/IEC 18013-5 §9.1.2.5 allows, in bytes.
    static let minimumRandomLength = 16

    /// Every returned IssuerSignedItem's `random` is at least ``minimumRandomLength`` bytes, or the policy allows
    /// ``VerificationPolicy/Relaxation/shortIssuerSignedItemRandom``.
    /// - Throws: ``MDLError/Code/structureInvalid`` for a short salt under a policy without the relaxation.
    func checkSalts(_ issuerSigned: IssuerSigned) throws(MDLError) -> [VerificationPolicy.Relaxation] {
        for nameSpace in issuerSigned.nameSpaceOrder {
            // Read through the array, not by copying each item (see `checkDigests`).
            let items = issuerSigned.nameSpaces[nameSpace] ?? []
            for index in items.indices where items[index].randomCount < Self.minimumRandomLength {
                guard configuration.policy.allows(.shortIssuerSignedItemRandom) else {
                    let element = "\(nameSpace)/\(items[index].elementIdentifier)"
                    throw MDLError.structure(
                        "\(element) has a random of \(items[index].randomCount) bytes; ISO 18013-5 wants at least \(Self.minimumRandomLength)")
                }
                return [.shortIssuerSignedItemRandom]
            }
        }
        return []
    }
}
