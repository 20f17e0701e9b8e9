#!/usr/bin/env bash
# Builds the local test cluster's binaries from the Go module proxy into _output/bin, through the
# separate hack/tools module. A binary is rebuilt only when it is missing or the pinned versions
# (hack/tools/go.mod) changed. A cold build takes about 10-15 minutes on 2 cores.
set -o errexit -o nounset -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN="${ROOT}/_output/bin"
STAMP="${BIN}/.cluster-binaries.stamp"
mkdir -p "${BIN}"
cd "${ROOT}/hack/tools"

want=$(cat go.mod go.sum cmd/etcd/main.go "${ROOT}/hack/build-cluster-binaries.sh" | sha256sum | cut -d" " -f1)
binaries=(kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl kwok etcd)
if [[ -f "${STAMP}" && "$(cat "${STAMP}")" == "${want}" ]]; then
  missing=0
  for b in "${binaries[@]}"; do [[ -x "${BIN}/${b}" ]] || missing=1; done
  if [[ ${missing} -eq 0 ]]; then
    echo "cluster binaries up to date in ${BIN}"
    exit 0
  fi
fi

# Unstamped Kubernetes builds report v0.0.0-master, which breaks `kubectl version` and every
# client that gates behaviour on the server version.
K8S_VERSION=$(go list -m -f '{{.Version}}' k8s.io/kubernetes)
major=${K8S_VERSION#v}; major=${major%%.*}
minor=${K8S_VERSION#v*.}; minor=${minor%%.*}
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X ${pkg}.gitVersion=${K8S_VERSION} -X ${pkg}.gitMajor=${major} -X ${pkg}.gitMinor=${minor}"
  ldflags+=" -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=1970-01-01T00:00:00Z"
done

echo "building Kubernetes ${K8S_VERSION}, kwok and etcd into ${BIN} (first build: 10-15 minutes on 2 cores)"
export CGO_ENABLED=0
go build -trimpath -ldflags "${ldflags}" -o "${BIN}/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubelet \
  k8s.io/kubernetes/cmd/kubectl
go build -trimpath -ldflags "-s -w" -o "${BIN}/kwok" sigs.k8s.io/kwok/cmd/kwok
go build -trimpath -ldflags "-s -w" -o "${BIN}/etcd" ./cmd/etcd
echo "${want}" > "${STAMP}"
echo "cluster binaries built in ${BIN}"
