#!/usr/bin/env bash
# Regenerates every zz_generated file and pkg/generated with k8s.io/code-generator's kube_codegen.sh.
# Usage: hack/update-codegen.sh [helpers|all]   (helpers = deepcopy, defaulter, conversion only)
set -o errexit -o nounset -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "${ROOT}"
MOD=github.com/kruise-aggregated/kruise
WHAT=${1:-all}
export GOBIN="${ROOT}/_output/codegen-bin"
mkdir -p "${GOBIN}"
export PATH="${GOBIN}:${PATH}"

CODEGEN_PKG=${CODEGEN_PKG:-$(go list -m -f '{{.Dir}}' k8s.io/code-generator)}
# shellcheck source=/dev/null
source "${CODEGEN_PKG}/kube_codegen.sh"
# openapi-gen would otherwise try to write model-name files into these read-only module-cache packages.
KUBE_CODEGEN_READONLY_PKGS+=(k8s.io/api/core/v1 k8s.io/api/apps/v1 k8s.io/api/batch/v1 k8s.io/api/autoscaling/v1 k8s.io/api/scheduling/v1alpha3)

BOILERPLATE=hack/boilerplate.go.txt

kube::codegen::gen_helpers --boilerplate "${BOILERPLATE}" \
  --extra-peer-dir "${MOD}/pkg/apis/apps/v1beta1" \
  ./pkg/apis

if [[ "${WHAT}" == "helpers" ]]; then
  exit 0
fi

kube::codegen::gen_openapi --boilerplate "${BOILERPLATE}" \
  --output-dir ./pkg/generated/openapi \
  --output-pkg "${MOD}/pkg/generated/openapi" \
  --output-model-name-file zz_generated.model_name.go \
  --extra-pkgs k8s.io/api/core/v1 --extra-pkgs k8s.io/api/apps/v1 --extra-pkgs k8s.io/api/batch/v1 \
  --extra-pkgs k8s.io/api/autoscaling/v1 --extra-pkgs k8s.io/api/scheduling/v1alpha3 \
  --extra-pkgs k8s.io/apimachinery/pkg/util/intstr \
  --report-filename hack/api-rules/violation_exceptions.list \
  ${UPDATE_API_KNOWN_VIOLATIONS:+--update-report} \
  ./pkg/apis

# Types from k8s.io/api use client-go's apply configurations (meta/v1 ones are built in).
CLIENT_GO=$(go list -m -f '{{.Dir}}' k8s.io/client-go)
APPLYCONFIG_EXTERNALS=""
for gv in core/v1 apps/v1 batch/v1 autoscaling/v1; do
  for t in $(sed -n 's/^type \([A-Za-z0-9]*\)ApplyConfiguration struct.*/\1/p' "${CLIENT_GO}/applyconfigurations/${gv}"/*.go | sort -u); do
    APPLYCONFIG_EXTERNALS+="${APPLYCONFIG_EXTERNALS:+,}k8s.io/api/${gv}.${t}:k8s.io/client-go/applyconfigurations/${gv}"
  done
done

kube::codegen::gen_client --boilerplate "${BOILERPLATE}" \
  --with-watch --with-applyconfig \
  --applyconfig-externals "${APPLYCONFIG_EXTERNALS}" \
  --applyconfig-openapi-schema <(go run "${MOD}/pkg/generated/openapi/cmd/models-schema") \
  --output-dir ./pkg/generated \
  --output-pkg "${MOD}/pkg/generated" \
  ./pkg/apis
