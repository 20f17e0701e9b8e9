//go:build tools

// Package hack pins the code generators this module runs, so that `go run` and
// kube_codegen.sh use the versions recorded in go.mod.
package hack

import (
	_ "k8s.io/code-generator"
)
