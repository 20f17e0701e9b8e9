#!/usr/bin/env bash
# Brings up a local Kubernetes cluster with Kruise Aggregated, or tears it down.
#   hack/local-up.sh up     start everything (idempotent: a running cluster is left as it is)
#   hack/local-up.sh down   stop exactly the processes `up` started and remove the cluster's state
# Environment: KRUISE_CLUSTER (name, default "kruise"), KRUISE_PORT_BASE (default 20000; give two
# clusters different bases), KRUISE_KWOK_NODES (simulated nodes, default 6, spread over 3 zones),
# KRUISE_REAL_NODE (auto: add the real kubelet node when running as root; 0 or 1 to force).
# Everything runs on 127.0.0.1; state and logs live under _output/local-up/<name>/.
set -o errexit -o nounset -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLUSTER=${KRUISE_CLUSTER:-kruise}
STATE="${ROOT}/_output/local-up/${CLUSTER}"
BIN="${ROOT}/_output/bin"
BASE=${KRUISE_PORT_BASE:-20000}
NODES=${KRUISE_KWOK_NODES:-6}

ETCD_PORT=$((BASE + 379))
ETCD_PEER_PORT=$((BASE + 380))
KAS_PORT=$((BASE + 443))
KCM_PORT=$((BASE + 257))
SCHEDULER_PORT=$((BASE + 259))
KWOK_PORT=$((BASE + 247))
KRUISE_ETCD_PORT=$((BASE + 479))
KRUISE_ETCD_PEER_PORT=$((BASE + 480))
KRUISE_PORT=$((BASE + 444))
KRUISE_CONTROLLER_PORT=$((BASE + 445))
KUBELET_PORT=$((BASE + 250))
KUBELET_HEALTHZ_PORT=$((BASE + 248))
REGISTRY_PORT=$((BASE + 500))

CERTS="${STATE}/certs"
LOGS="${STATE}/logs"
PIDS="${STATE}/pids"
KUBECONFIG_FILE="${STATE}/kubeconfig"
KUBECTL=("${BIN}/kubectl" --kubeconfig "${KUBECONFIG_FILE}")

log() { echo "[local-up] $*" >&2; }

# alive PID: the process exists and is not a zombie (an orphaned process that exited stays a zombie
# until its new parent reaps it, and kill -0 still succeeds on it).
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n "${state}" && "${state}" != Z ]]
}

# start NAME CMD... runs CMD in the background, logging to $LOGS/NAME.log, and records its PID.
start() {
  local name=$1; shift
  if [[ -f "${PIDS}/${name}" ]] && alive "$(cat "${PIDS}/${name}")"; then
    log "${name} already running (pid $(cat "${PIDS}/${name}"))"
    return 0
  fi
  log "starting ${name}"
  nohup "$@" >"${LOGS}/${name}.log" 2>&1 &
  echo $! >"${PIDS}/${name}"
}

# wait_for DESCRIPTION TIMEOUT CMD... polls CMD until it succeeds.
wait_for() {
  local what=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then
      log "timed out after ${timeout}s waiting for ${what}; logs are in ${LOGS}"
      return 1
    fi
    sleep 0.5
  done
}

healthy() { # URL, with the admin client certificate
  curl -fsS --cacert "${CERTS}/ca.crt" --cert "${CERTS}/admin.crt" --key "${CERTS}/admin.key" "$1"
}

# write_kubeconfig FILE CERT KEY writes a kubeconfig for the local kube-apiserver that
# authenticates with the client certificate CERT/KEY.
write_kubeconfig() {
  cat >"$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: ${CLUSTER}
  cluster:
    server: https://127.0.0.1:${KAS_PORT}
    certificate-authority: ${CERTS}/ca.crt
users:
- name: user
  user:
    client-certificate: $2
    client-key: $3
contexts:
- name: ${CLUSTER}
  context: {cluster: ${CLUSTER}, user: user}
current-context: ${CLUSTER}
KUBECONFIG
}

start_etcd() { # name client-port peer-port
  start "$1" "${BIN}/etcd" --name "$1" --data-dir "${STATE}/$1" \
    --listen-client-urls "http://127.0.0.1:$2" --advertise-client-urls "http://127.0.0.1:$2" \
    --listen-peer-urls "http://127.0.0.1:$3" --initial-advertise-peer-urls "http://127.0.0.1:$3" \
    --initial-cluster "$1=http://127.0.0.1:$3" --unsafe-no-fsync --quota-backend-bytes 4294967296
  wait_for "$1" 60 curl -fsS "http://127.0.0.1:$2/health"
}

register_kruise() {
  local ca
  ca=$(base64 -w0 <"${CERTS}/ca.crt")
  "${KUBECTL[@]}" apply -f - >/dev/null <<MANIFEST
apiVersion: v1
kind: Namespace
metadata:
  name: kruise-system
---
# kube-aggregator resolves an ExternalName Service to its external name and port, so the
# APIServices reach kruise-apiserver on this machine while TLS still checks the Service's DNS name.
apiVersion: v1
kind: Service
metadata:
  name: kruise-apiserver
  namespace: kruise-system
spec:
  type: ExternalName
  externalName: localhost
  ports:
  - name: https
    port: ${KRUISE_PORT}
    protocol: TCP
MANIFEST
  for gv in v1alpha1.apps v1beta1.apps v1alpha1.policy v1beta1.policy; do
    "${KUBECTL[@]}" apply -f - >/dev/null <<MANIFEST
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: ${gv}.kruise.io
spec:
  group: ${gv#*.}.kruise.io
  version: ${gv%%.*}
  service: {namespace: kruise-system, name: kruise-apiserver, port: ${KRUISE_PORT}}
  caBundle: ${ca}
  groupPriorityMinimum: 1000
  versionPriority: 100
MANIFEST
  done
}

create_kwok_nodes() {
  local zones=(zone-a zone-b zone-c) i taints="[]"
  # With a real node, unmodified manifests land there; simulated nodes take only what tolerates this.
  if real_node_wanted; then
    taints='[{key: kwok.x-k8s.io/node, value: fake, effect: NoSchedule}]'
  fi
  for ((i = 0; i < NODES; i++)); do
    "${KUBECTL[@]}" apply -f - >/dev/null <<MANIFEST
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-${i}
  annotations:
    kwok.x-k8s.io/node: fake
  labels:
    kubernetes.io/hostname: kwok-node-${i}
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
    topology.kubernetes.io/zone: ${zones[$((i % 3))]}
spec:
  taints: ${taints}
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
MANIFEST
  done
}

# install_packages PKG... installs Debian packages (as root), saying which.
install_packages() {
  (($# == 0)) && return 0
  if [[ $(id -u) -ne 0 ]]; then
    log "please install: $*"
    return 1
  fi
  log "installing $*"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# ensure_tools installs what the script runs besides the binaries it builds.
ensure_tools() {
  local missing=()
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  install_packages "${missing[@]}"
}

up() {
  ensure_tools
  mkdir -p "${LOGS}" "${PIDS}"
  "${ROOT}/hack/build-cluster-binaries.sh"
  (cd "${ROOT}" && go build -o "${BIN}/kruise-apiserver" ./cmd/apiserver && go build -o "${BIN}/kruise-controller" ./cmd/controller)
  # shellcheck source=hack/local-up/certs.sh
  source "${ROOT}/hack/local-up/certs.sh"
  (gen_certs "${CERTS}")
  write_kubeconfig "${KUBECONFIG_FILE}" "${CERTS}/admin.crt" "${CERTS}/admin.key"

  start_etcd etcd "${ETCD_PORT}" "${ETCD_PEER_PORT}"
  start kube-apiserver "${BIN}/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:${ETCD_PORT}" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "${KAS_PORT}" \
    --endpoint-reconciler-type none \
    --tls-cert-file "${CERTS}/kube-apiserver.crt" --tls-private-key-file "${CERTS}/kube-apiserver.key" \
    --client-ca-file "${CERTS}/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "${CERTS}/sa.pub" --service-account-signing-key-file "${CERTS}/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    --authorization-mode Node,RBAC --allow-privileged \
    --requestheader-client-ca-file "${CERTS}/front-proxy-ca.crt" \
    --requestheader-allowed-names front-proxy-client \
    --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
    --requestheader-extra-headers-prefix X-Remote-Extra- \
    --proxy-client-cert-file "${CERTS}/front-proxy-client.crt" --proxy-client-key-file "${CERTS}/front-proxy-client.key"
  wait_for kube-apiserver 120 healthy "https://127.0.0.1:${KAS_PORT}/readyz"

  # The same client QPS as kruise-controller's defaults, so benchmarks compare controllers, not rate limits.
  start kube-controller-manager "${BIN}/kube-controller-manager" \
    --kubeconfig "${KUBECONFIG_FILE}" --authentication-kubeconfig "${KUBECONFIG_FILE}" --authorization-kubeconfig "${KUBECONFIG_FILE}" \
    --bind-address 127.0.0.1 --secure-port "${KCM_PORT}" --leader-elect=false \
    --service-account-private-key-file "${CERTS}/sa.key" --root-ca-file "${CERTS}/ca.crt" \
    --cluster-signing-cert-file "${CERTS}/ca.crt" --cluster-signing-key-file "${CERTS}/ca.key" \
    --controllers '*' --kube-api-qps 50 --kube-api-burst 100
  start kube-scheduler "${BIN}/kube-scheduler" \
    --kubeconfig "${KUBECONFIG_FILE}" --authentication-kubeconfig "${KUBECONFIG_FILE}" --authorization-kubeconfig "${KUBECONFIG_FILE}" \
    --bind-address 127.0.0.1 --secure-port "${SCHEDULER_PORT}" --leader-elect=false
  # Their serving certificates are self-signed; only liveness is checked here.
  wait_for kube-controller-manager 60 curl -fsSk "https://127.0.0.1:${KCM_PORT}/healthz"
  wait_for kube-scheduler 60 curl -fsSk "https://127.0.0.1:${SCHEDULER_PORT}/healthz"

  start_etcd kruise-etcd "${KRUISE_ETCD_PORT}" "${KRUISE_ETCD_PEER_PORT}"
  start kruise-apiserver "${BIN}/kruise-apiserver" \
    --etcd-servers "http://127.0.0.1:${KRUISE_ETCD_PORT}" \
    --bind-address 127.0.0.1 --secure-port "${KRUISE_PORT}" \
    --tls-cert-file "${CERTS}/kruise-apiserver.crt" --tls-private-key-file "${CERTS}/kruise-apiserver.key" \
    --kubeconfig "${KUBECONFIG_FILE}" \
    --authentication-kubeconfig "${KUBECONFIG_FILE}" --authorization-kubeconfig "${KUBECONFIG_FILE}"
  wait_for kruise-apiserver 120 curl -fsS --cacert "${CERTS}/ca.crt" "https://127.0.0.1:${KRUISE_PORT}/readyz"

  register_kruise
  create_kwok_nodes
  start kwok "${BIN}/kwok" --kubeconfig "${KUBECONFIG_FILE}" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --server-address "127.0.0.1:${KWOK_PORT}" --cidr 10.244.0.1/16 --node-ip 10.255.0.1 \
    --config "${ROOT}/hack/local-up/kwok/stages.yaml"

  wait_for "the Kruise APIServices to be Available" 120 \
    "${KUBECTL[@]}" wait --for=condition=Available --timeout=2s apiservice/v1beta1.apps.kruise.io apiservice/v1alpha1.apps.kruise.io \
    apiservice/v1beta1.policy.kruise.io apiservice/v1alpha1.policy.kruise.io
  wait_for "the kwok nodes to be Ready" 120 "${KUBECTL[@]}" wait --for=condition=Ready --timeout=2s node -l type=kwok
  local real="no real node (not root; KRUISE_REAL_NODE=1 forces one)"
  if real_node_wanted; then
    real_node_up
    real="one real node (${REAL_NODE}: kubelet, containerd, local registry ${REGISTRY})"
  fi

  # The controllers reach the Kruise APIs through kube-apiserver, so they start once the APIServices
  # are Available (and the nodes are up); their leader election Lease lives in kruise-system,
  # which register_kruise created.
  start kruise-controller "${BIN}/kruise-controller" --kubeconfig "${KUBECONFIG_FILE}" \
    --leader-elect=true --leader-elect-resource-namespace kruise-system \
    --bind-address "127.0.0.1:${KRUISE_CONTROLLER_PORT}"
  wait_for kruise-controller 60 curl -fsS "http://127.0.0.1:${KRUISE_CONTROLLER_PORT}/readyz"

  cat <<DONE

Kruise Aggregated is up: a local Kubernetes v1.37 control plane, ${NODES} kwok nodes in 3 zones,
${real}, kruise-apiserver on its own etcd, registered as apps.kruise.io and policy.kruise.io, and
kruise-controller (health and metrics on http://127.0.0.1:${KRUISE_CONTROLLER_PORT}, log ${LOGS}/kruise-controller.log).
Logs: ${LOGS}    Stop it: make down

Try:
  export PATH=${BIN}:\$PATH
  kubectl api-resources --api-group=apps.kruise.io
  kubectl get clone

export KUBECONFIG=${KUBECONFIG_FILE}
DONE
}

# stop_process NAME stops the process this script recorded under NAME: SIGTERM, then SIGKILL.
stop_process() {
  local pidfile="${PIDS}/$1" pid
  [[ -f "${pidfile}" ]] || return 0
  pid=$(cat "${pidfile}")
  if alive "${pid}"; then
    log "stopping $1 (pid ${pid})"
    kill "${pid}" 2>/dev/null || true
    for _ in $(seq 1 40); do alive "${pid}" || break; sleep 0.25; done
    kill -9 "${pid}" 2>/dev/null || true
  fi
  rm -f "${pidfile}"
}

down() {
  if [[ ! -d "${STATE}" ]]; then
    log "no cluster ${CLUSTER}"
    return 0
  fi
  # Stop in reverse start order; each PID was recorded by this script. The controllers go first,
  # or they would recreate the pods that real_node_down deletes.
  stop_process kruise-controller
  real_node_down
  for name in kwok kruise-apiserver kruise-etcd kube-scheduler kube-controller-manager kube-apiserver etcd; do
    stop_process "${name}"
  done
  rm -rf "${STATE}"
  log "cluster ${CLUSTER} removed"
}

# shellcheck source=hack/local-up/real-node.sh
source "${ROOT}/hack/local-up/real-node.sh"

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
