/// How the holder's device authenticated a document (ISO/IEC 18013-5 §9.1.3): with a signature by the device key,
/// or with a MAC under a key agreed between the device key and the reader's ephemeral key.
///
/// ```swift
/// switch document.deviceAuthentication {
/// case .signature: …   // non-repudiable: a third party can check it
/// case .mac: …         // only this reader can check it
/// }
/// ```
public enum DeviceAuthenticationMethod: String, Sendable, Hashable, CaseIterable {
    /// `DeviceSignature`: a COSE_Sign1 by the MSO's device key.
    case signature
    /// `DeviceMac`: a COSE_Mac0 under the key agreed with the reader's ephemeral key.
    case mac
}
