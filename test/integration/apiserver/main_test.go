// Package apiserver runs kruise-apiserver in-process on an embedded etcd and exercises every
// kind in every served version through real HTTP clients.
package apiserver

import (
	"fmt"
	"os"
	"testing"

	"k8s.io/client-go/rest"

	"github.com/kruise-aggregated/kruise/test/integration/framework"
)

// config reaches the shared server; one server serves every test in the package.
var config *rest.Config

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "kruise-integration-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	etcd, err := framework.StartEtcd(dir+"/etcd", false)
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting etcd:", err)
		return 1
	}
	defer etcd.Stop()
	srv, err := framework.StartServer(etcd.Endpoint, dir+"/certs", true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting kruise-apiserver:", err)
		return 1
	}
	defer srv.Stop()
	config = srv.Config
	return m.Run()
}
