# Kruise Aggregated. `make up` brings up a local cluster, `make test` runs every test.
SHELL := /usr/bin/env bash
GO ?= go
BIN := _output/bin
PKGS := ./pkg/... ./cmd/...

.PHONY: all build generate generate-helpers verify fmt vet test test-unit test-integration bench clean

all: build

build:
	$(GO) build -o $(BIN)/kruise-apiserver ./cmd/apiserver

generate:
	hack/update-codegen.sh all

generate-helpers:
	hack/update-codegen.sh helpers

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '^hack/tools/')

vet:
	$(GO) vet $(PKGS) ./test/...

verify:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS) ./test/...
	hack/verify-codegen.sh

test: test-unit test-integration

test-unit:
	$(GO) test -count=1 $(PKGS)

test-integration:
	$(GO) test -count=1 -timeout 20m ./test/integration/...

bench:
	$(GO) run ./test/bench/cmd/apiserver-bench

clean:
	rm -rf _output
