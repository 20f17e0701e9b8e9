package controller

import (
	"github.com/kruise-aggregated/kruise/pkg/controllers/cloneset"
	"github.com/kruise-aggregated/kruise/pkg/controllers/controllercontext"
	"github.com/kruise-aggregated/kruise/pkg/controllers/daemonset"
	"github.com/kruise-aggregated/kruise/pkg/controllers/statefulset"
)

// namedController is one controller kruise-controller can run. Its name is what --controllers
// enables or disables and what --<name>-workers sizes; it is also the key of Context.WorkersFor.
type namedController struct {
	name string
	new  controllercontext.Constructor
}

// knownControllers lists every controller of kruise-controller, in construction order. All are
// enabled by default (--controllers=*). To add one, append a line such as
//
//	{"cloneset", cloneset.New},
//
// where cloneset.New is a controllercontext.Constructor. Names are lower-case words joined by
// hyphens (they become the --<name>-workers flag) and must be unique.
var knownControllers = []namedController{
	{cloneset.Name, cloneset.New},
	{daemonset.Name, daemonset.New},
	{statefulset.Name, statefulset.New},
}
