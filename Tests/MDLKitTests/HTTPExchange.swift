import Foundation
import MDLKit

/// One request and its answer, flattened for assertions: the status code, the header fields and the body.
struct HTTPExchange {
    let status: Int
    let headerFields: HTTPFields
    let body: [UInt8]

    /// Whether the status is 2xx.
    var isSuccess: Bool { (200..<300).contains(status) }

    /// The first value of the field named `name` (case-insensitive), `nil` when absent or not a valid name.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headerFields[values: $0].first }
    }
}

extension HTTPClient {
    /// Sends one request built from `url` through the protocol requirement and flattens the answer.
    func exchange(
        _ url: URL,
        method: HTTPRequest.Method = .get,
        headers: [String: String] = [:],
        body: [UInt8]? = nil,
        options: HTTPRequestOptions = HTTPRequestOptions()
    ) async throws -> HTTPExchange {
        var fields = HTTPFields()
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let request = try HTTPRequest(checking: url, method: method, headerFields: fields)
        let (response, received) = try await send(request, body: body, options: options)
        return HTTPExchange(status: response.status.code, headerFields: response.headerFields, body: received)
    }
}
