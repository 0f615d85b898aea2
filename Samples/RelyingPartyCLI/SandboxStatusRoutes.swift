import Foundation
import Hummingbird
import MDLCOSE
import MDLKit
import MDLSandbox

extension SandboxRoutes {
    /// `GET /status-lists/1`: the state's licences as a signed Token Status List.
    static func statusService(_ router: Router<BasicRequestContext>, office: SandboxOffice, list: SandboxStatusList, subject: String) {
        router.get("status-lists/1") { _, _ in
            let token = try list.token(await office.licences(), subject: subject, now: Date())
            var headers = HTTPFields()
            headers[.contentType] = StatusListToken.mediaType
            headers[.cacheControl] = "max-age=\(SandboxStatusList.cacheSeconds)"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: token)))
        }
    }
}
