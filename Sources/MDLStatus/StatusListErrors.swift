import MDLHTTP
import MDLVerifier

extension MDLError {
    /// The status-layer error for a failed fetch: the status could not be established, so verification fails
    /// closed with `MDLError.Code.statusUnavailable`. The message keeps the transport's code for diagnosis.
    public static func statusUnavailable(
        _ error: HTTPClientError,
        file: String = #fileID,
        line: Int = #line
    ) -> MDLError {
        MDLError(
            code: .statusUnavailable,
            message: "status list unavailable (\(error.code)): \(error.message)",
            file: file,
            line: line
        )
    }
}
