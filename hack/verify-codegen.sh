#!/usr/bin/env bash
# Fails when the committed generated code differs from what hack/update-codegen.sh produces.
set -o errexit -o nounset -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "${ROOT}"
TMP=$(mktemp -d)
trap 'rm -rf "${TMP}"' EXIT
cp -a pkg hack "${TMP}/"
hack/update-codegen.sh
status=0
for d in pkg hack; do
  if ! diff -Naupr "${TMP}/${d}" "${d}" >"${TMP}/diff-${d}"; then
    status=1
    cat "${TMP}/diff-${d}" | head -100
  fi
done
if [[ ${status} -ne 0 ]]; then
  # Put the committed tree back so that verify never changes the checkout.
  rm -rf pkg hack && cp -a "${TMP}/pkg" "${TMP}/hack" .
  echo "generated code is out of date: run 'make generate' and commit the result" >&2
  exit 1
fi
echo "generated code is up to date"
