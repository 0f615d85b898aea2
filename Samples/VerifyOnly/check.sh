#!/usr/bin/env bash
# Builds the VerifyOnly sample on its own, proves that a verifier which imports only MDLVerifier builds no GRDB,
# postgres-nio or Hummingbird module and does not link libcurl, and runs it on the ISO 18013-5 Annex D vector
# (../shared/vectors next to the repository). Exit non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
vectors="${VECTORS:-$here/../../../shared/vectors}/iso18013-5-annex-d"
cd "$here"
# Only the sample's product: a bare `swift build` would also build every target of the path dependency.
bin_path="$(swift build --show-bin-path)"
if [ -d "$bin_path" ]; then rm -rf "$(cd "$bin_path" && pwd -P)"; fi
swift build --product verify-only 2>&1 | tail -3
bin="$(swift build --show-bin-path)"
fail=0
for module in GRDB PostgresNIO Hummingbird HummingbirdCore MDLCurl MDLStorageSQLite MDLOpenID4VP; do
    # SwiftPM plans a folder for every target of the graph; a module that was built has a .swiftmodule or objects.
    if [ -e "$bin/Modules/$module.swiftmodule" ] || compgen -G "$bin/$module.build/*.o" > /dev/null; then
        echo "FAIL: the VerifyOnly build contains the module $module"; fail=1
    fi
done
if ldd "$bin/verify-only" | grep -q libcurl; then echo "FAIL: verify-only links libcurl"; fail=1; fi
[ "$fail" = 0 ] || exit 1
echo "ok: no GRDB, postgres-nio, Hummingbird or libcurl in the VerifyOnly build"
if [ ! -d "$vectors" ]; then echo "SKIPPED: $vectors is absent (the shared vectors folder)"; exit 1; fi
"$bin/verify-only" "$vectors"
if "$bin/verify-only" "$vectors" 2026-11-25T00:00:00Z; then echo "FAIL: an expired document signer verified"; exit 1; fi
echo "ok: VerifyOnly verifies the Annex D vector at its time and refuses it today"
