# Kruise Aggregated. `make up` brings up a local cluster, `make test` runs every test.
SHELL := /usr/bin/env bash
GO ?= go
BIN := _output/bin
PKGS := ./pkg/... ./cmd/...
TOOLS := ./hack/local-up/...

.PHONY: all build generate generate-helpers verify fmt vet test test-unit test-integration test-e2e bench up down cluster-binaries clean

all: build

build:
	$(GO) build -o $(BIN)/kruise-apiserver ./cmd/apiserver
	$(GO) build -o $(BIN)/kruise-controller ./cmd/controller

generate:
	hack/update-codegen.sh all

generate-helpers:
	hack/update-codegen.sh helpers

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '^hack/tools/')

vet:
	$(GO) vet $(PKGS) $(TOOLS) ./test/...

verify:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS) $(TOOLS) ./test/...
	hack/verify-codegen.sh

test: test-unit test-integration test-e2e

test-unit:
	$(GO) test -count=1 $(PKGS)

test-integration:
	$(GO) test -count=1 -timeout 20m ./test/integration/...

# A local cluster (control plane, kwok nodes, Kruise) on 127.0.0.1; see hack/local-up.sh.
up:
	hack/local-up.sh up

down:
	hack/local-up.sh down

cluster-binaries:
	hack/build-cluster-binaries.sh

# End-to-end tests on a local cluster (started and removed by the suite unless E2E_KUBECONFIG names one).
test-e2e:
	$(GO) test -count=1 -timeout 40m ./test/e2e/... $(if $(E2E_KUBECONFIG),-args -kubeconfig=$(E2E_KUBECONFIG))

bench:
	$(GO) run ./test/bench/cmd/apiserver-bench
	$(GO) run ./test/bench/cmd/workload-bench

clean:
	rm -rf _output
