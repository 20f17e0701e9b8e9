// Command kruise-apiserver serves the OpenKruise APIs as an aggregated API server.
package main

import (
	"os"

	genericapiserver "k8s.io/apiserver/pkg/server"
	"k8s.io/component-base/cli"

	"github.com/kruise-aggregated/kruise/pkg/cmd/server"
)

func main() {
	ctx := genericapiserver.SetupSignalContext()
	cmd := server.NewCommand(ctx, os.Stdout, os.Stderr)
	os.Exit(cli.Run(cmd))
}
