// Command kruise-controller runs OpenKruise's workload controllers against the Kruise APIs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"k8s.io/component-base/cli"

	"github.com/kruise-aggregated/kruise/pkg/cmd/controller"
)

func main() {
	cmd := controller.NewCommand(signalContext(), os.Stdout, os.Stderr)
	os.Exit(cli.Run(cmd))
}

// signalContext ends on the first SIGTERM or SIGINT; a second one exits at once. It is
// genericapiserver.SetupSignalContext without linking the generic API server (and its feature
// gates) into this binary.
func signalContext() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	c := make(chan os.Signal, 2)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-c
		cancel()
		<-c
		os.Exit(1)
	}()
	return ctx
}
