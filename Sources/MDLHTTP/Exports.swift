// The HTTP-client protocol speaks swift-http-types (`HTTPRequest`, `HTTPResponse`, `HTTPFields`), so whoever imports
// this module (or MDLCurl, or the MDLKit umbrella) can build requests and read responses without a second import.
@_exported import HTTPTypes
