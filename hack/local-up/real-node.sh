#!/usr/bin/env bash
# The local cluster's one real node: a kubelet on containerd + runc with bridge CNI, and a local OCI
# registry on 127.0.0.1 that containerd uses as the mirror of every registry host, filled with images
# built here from static Go binaries (pause, and openkruise/demo 1.10.2/1.10.3/1.10.4). Sourced by
# local-up.sh; needs root (Debian packages containerd, runc, containernetworking-plugins,
# docker-registry are installed when missing). Only one real kubelet can run per machine (the
# device-plugin socket path is fixed).
# Settings the VM needs (see the real-node recipe): kubelet failCgroupV1: false and
# makeIPTablesUtilChains: false; containerd restrict_oom_score_adj = true.

REAL_NODE=real-node
NODE_DIR="${STATE}/real-node"
CTD_SOCK="${NODE_DIR}/containerd.sock"
REGISTRY="127.0.0.1:${REGISTRY_PORT}"
BRIDGE=kruise-br0
POD_SUBNET=10.88.0.0/16
DEMO_VERSIONS=(1.10.2 1.10.3 1.10.4)

real_node_wanted() {
  case "${KRUISE_REAL_NODE:-auto}" in
    0 | false | no) return 1 ;;
    1 | true | yes) return 0 ;;
  esac
  [[ $(id -u) -eq 0 && $(uname -s) == Linux ]]
}

ensure_node_packages() {
  local missing=()
  command -v containerd >/dev/null || missing+=(containerd)
  command -v runc >/dev/null || missing+=(runc)
  [[ -x /usr/lib/cni/bridge ]] || missing+=(containernetworking-plugins)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v ip >/dev/null || missing+=(iproute2)
  install_packages "${missing[@]}"
}

start_registry() {
  mkdir -p "${NODE_DIR}/registry"
  cat >"${NODE_DIR}/registry.yaml" <<CONFIG
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: ${NODE_DIR}/registry}
  delete: {enabled: true}
http:
  addr: ${REGISTRY}
CONFIG
  start registry docker-registry serve "${NODE_DIR}/registry.yaml"
  wait_for "the image registry" 30 curl -fsS "http://${REGISTRY}/v2/"
}

push_images() {
  local out="${NODE_DIR}/images"
  mkdir -p "${out}"
  (
    cd "${ROOT}"
    export CGO_ENABLED=0
    go build -o "${out}/ociimage" ./hack/local-up/images/ociimage
    go build -trimpath -ldflags "-s -w" -o "${out}/pause" ./hack/local-up/images/pause
    "${out}/ociimage" -registry "${REGISTRY}" -image pause:3.10 -entrypoint /pause "/pause=${out}/pause"
    for v in "${DEMO_VERSIONS[@]}"; do
      go build -trimpath -ldflags "-s -w -X main.version=${v}" -o "${out}/demo-${v}" ./hack/local-up/images/demo
      "${out}/ociimage" -registry "${REGISTRY}" -image "openkruise/demo:${v}" -entrypoint /demo "/demo=${out}/demo-${v}"
    done
  )
}

start_containerd() {
  mkdir -p "${NODE_DIR}/net.d" "${NODE_DIR}/ctd"
  cat >"${NODE_DIR}/containerd.toml" <<CONFIG
version = 2
root = "${NODE_DIR}/ctd/root"
state = "${NODE_DIR}/ctd/state"
[grpc]
  address = "${CTD_SOCK}"
[ttrpc]
  address = "${CTD_SOCK}.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  # This VM withholds CAP_SYS_RESOURCE, so a sandbox may not lower its oom_score_adj.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${NODE_DIR}/net.d"
  # Every registry host is served by the local registry, so manifests naming public images run unchanged.
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."*"]
    endpoint = ["http://${REGISTRY}"]
CONFIG
  # No NAT and no default route in pods: pod traffic stays on the bridge, inside this machine.
  cat >"${NODE_DIR}/net.d/10-kruise.conflist" <<CONFIG
{"cniVersion": "1.0.0", "name": "kruise-local", "plugins": [
  {"type": "bridge", "bridge": "${BRIDGE}", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "${POD_SUBNET}"}]], "dataDir": "${NODE_DIR}/cni-ipam"}}]}
CONFIG
  start containerd containerd --config "${NODE_DIR}/containerd.toml"
  wait_for containerd 30 ctr --address "${CTD_SOCK}" version
}

start_kubelet() {
  mkdir -p "${NODE_DIR}/kubelet" "${NODE_DIR}/pod-logs"
  write_kubeconfig "${NODE_DIR}/kubelet.kubeconfig" "${CERTS}/node.crt" "${CERTS}/node.key"
  cat >"${NODE_DIR}/kubelet.yaml" <<CONFIG
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
failCgroupV1: false
cgroupDriver: cgroupfs
failSwapOn: false
containerRuntimeEndpoint: unix://${CTD_SOCK}
address: 127.0.0.1
port: ${KUBELET_PORT}
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: ${KUBELET_HEALTHZ_PORT}
authentication: {anonymous: {enabled: false}, webhook: {enabled: true}, x509: {clientCAFile: "${CERTS}/ca.crt"}}
authorization: {mode: Webhook}
podLogsDir: ${NODE_DIR}/pod-logs
makeIPTablesUtilChains: false
serializeImagePulls: false
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
CONFIG
  start kubelet "${BIN}/kubelet" --config "${NODE_DIR}/kubelet.yaml" --kubeconfig "${NODE_DIR}/kubelet.kubeconfig" \
    --root-dir "${NODE_DIR}/kubelet" --cert-dir "${NODE_DIR}/kubelet/pki" --hostname-override "${REAL_NODE}" \
    --node-labels "kruise.io/real-node=true,topology.kubernetes.io/zone=zone-a"
  wait_for "the real node to be Ready" 120 "${KUBECTL[@]}" wait --for=condition=Ready --timeout=2s "node/${REAL_NODE}"
}

real_node_up() {
  ensure_node_packages
  mkdir -p "${NODE_DIR}"
  start_registry
  push_images
  start_containerd
  start_kubelet
}

# real_node_down removes the node's pods through the API while it still runs, then stops the
# kubelet and containerd by PID, and cleans what they leave on the host.
real_node_down() {
  [[ -d "${NODE_DIR}" ]] || return 0
  if [[ -f "${PIDS}/kubelet" ]] && alive "$(cat "${PIDS}/kubelet")" && alive "$(cat "${PIDS}/kube-apiserver" 2>/dev/null || echo 0)"; then
    "${KUBECTL[@]}" delete pods --all-namespaces --field-selector "spec.nodeName=${REAL_NODE}" \
      --grace-period=0 --force --wait=false >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do
      [[ -z "$(ctr --address "${CTD_SOCK}" -n k8s.io tasks ls -q 2>/dev/null)" ]] && break
      sleep 0.5
    done
  fi
  local id
  for id in $(ctr --address "${CTD_SOCK}" -n k8s.io tasks ls -q 2>/dev/null); do
    ctr --address "${CTD_SOCK}" -n k8s.io tasks kill -s SIGKILL "${id}" >/dev/null 2>&1 || true
  done
  stop_process kubelet
  stop_process containerd
  # Shims outlive containerd; ours name its socket on their command line.
  pkill -9 -f "containerd-shim-runc-v2.*${CTD_SOCK}" 2>/dev/null || true
  stop_process registry
  grep " ${NODE_DIR}/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  ip link del "${BRIDGE}" 2>/dev/null || true
  find /sys/fs/cgroup/*/kubepods -depth -type d -exec rmdir {} \; 2>/dev/null || true
}
