#!/usr/bin/env bash
# Generates the throwaway certificates of a local cluster into $1 (CA, serving and client
# certificates, front-proxy pair, service-account keys). Sourced by local-up.sh, after
# real-node.sh (for REAL_NODE).
set -o errexit -o nounset -o pipefail

gen_certs() {
  local dir=$1
  mkdir -p "${dir}"
  cd "${dir}"
  [[ -f .done ]] && return 0

  ca() { # name cn
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$2" -keyout "$1.key" -out "$1.crt" 2>/dev/null
  }
  cert() { # name ca subject sans(optional, comma separated "DNS:x,IP:y") usage
    local name=$1 signer=$2 subject=$3 sans=${4:-} usage=$5
    openssl req -newkey rsa:2048 -nodes -subj "${subject}" -keyout "${name}.key" -out "${name}.csr" 2>/dev/null
    {
      echo "basicConstraints=CA:FALSE"
      echo "keyUsage=digitalSignature,keyEncipherment"
      echo "extendedKeyUsage=${usage}"
      [[ -n "${sans}" ]] && echo "subjectAltName=${sans}"
    } > "${name}.ext"
    openssl x509 -req -in "${name}.csr" -CA "${signer}.crt" -CAkey "${signer}.key" -CAcreateserial \
      -days 3650 -extfile "${name}.ext" -out "${name}.crt" 2>/dev/null
    rm -f "${name}.csr" "${name}.ext"
  }

  ca ca "local-kruise-ca"
  ca front-proxy-ca "local-kruise-front-proxy-ca"
  cert kube-apiserver ca "/CN=kube-apiserver" \
    "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:127.0.0.1,IP:10.96.0.1" serverAuth
  cert admin ca "/O=system:masters/CN=kubernetes-admin" "" clientAuth
  # The real node's kubelet; the Node authorizer covers everything it does.
  cert node ca "/O=system:nodes/CN=system:node:${REAL_NODE}" "" clientAuth
  cert front-proxy-client front-proxy-ca "/CN=front-proxy-client" "" clientAuth
  # kube-aggregator dials the APIService's Service by its DNS name, whatever the Service points at.
  cert kruise-apiserver ca "/CN=kruise-apiserver" \
    "DNS:kruise-apiserver.kruise-system.svc,DNS:kruise-apiserver.kruise-system.svc.cluster.local,DNS:localhost,IP:127.0.0.1" serverAuth
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  touch .done
}
