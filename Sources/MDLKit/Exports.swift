// The umbrella: `import MDLKit` brings the usual set of products, so an application that verifies, checks status,
// requests presentations and judges licences needs one import. A verifier that wants less imports the product it
// needs (`MDLVerifier` alone builds no HTTP client and no database).
@_exported import MDLCBOR
@_exported import MDLCOSE
@_exported import MDLCurl
@_exported import MDLHTTP
@_exported import MDLJOSE
@_exported import MDLLicense
@_exported import MDLOpenID4VP
@_exported import MDLStatus
@_exported import MDLStorageSQLite
@_exported import MDLVerifier
