// Package controllercontext holds what every Kruise controller is built from: API clients, shared
// informer factories and an event recorder, so cmd/controller can start each one the same way.
package controllercontext

import (
	"context"

	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/record"

	kruiseclient "github.com/kruise-aggregated/kruise/pkg/generated/clientset/versioned"
	kruiseinformers "github.com/kruise-aggregated/kruise/pkg/generated/informers/externalversions"
)

// Context is shared by all controllers of one kruise-controller process.
type Context struct {
	KubeClient      kubernetes.Interface
	KruiseClient    kruiseclient.Interface
	KubeInformers   informers.SharedInformerFactory
	KruiseInformers kruiseinformers.SharedInformerFactory
	// Recorder returns an event recorder whose events name the given component.
	Recorder func(component string) record.EventRecorder
	// Workers is the default number of workers per controller.
	Workers int
	// Workers overrides per controller name, from --<name>-workers.
	WorkersFor map[string]int
}

// WorkersOf returns how many workers the named controller runs.
func (c *Context) WorkersOf(name string) int {
	if n, ok := c.WorkersFor[name]; ok && n > 0 {
		return n
	}
	if c.Workers > 0 {
		return c.Workers
	}
	return 3
}

// Runner is a built controller: Run blocks until ctx ends.
type Runner interface {
	Run(ctx context.Context, workers int)
}

// Constructor builds one controller, registering its informers with the factories in c
// (the factories are started after every controller is built).
type Constructor func(c *Context) (Runner, error)
