package controller

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kruise-aggregated/kruise/pkg/controllers/controllercontext"
)

// testControllers stand in for knownControllers, which the controller authors fill.
var testControllers = []namedController{{name: "cloneset"}, {name: "statefulset"}, {name: "daemonset"}}

// parse returns the options after parsing args as kruise-controller's command line.
func parse(t *testing.T, args ...string) *Options {
	t.Helper()
	o := newOptions(io.Discard, io.Discard, testControllers)
	require.NoError(t, newCommand(context.Background(), o).ParseFlags(args))
	return o
}

func enabledNames(o *Options) []string {
	var names []string
	for _, c := range o.enabledControllers() {
		names = append(names, c.name)
	}
	return names
}

func TestDefaults(t *testing.T) {
	o := parse(t)
	require.NoError(t, o.Validate())
	assert.Equal(t, "", o.Kubeconfig, "in-cluster configuration by default")
	assert.Equal(t, float32(50), o.KubeAPIQPS)
	assert.Equal(t, 100, o.KubeAPIBurst)
	assert.Equal(t, 3, o.Workers)
	assert.Equal(t, []string{"*"}, o.Controllers)
	assert.Equal(t, LeaderElectionOptions{
		LeaderElect:       true,
		ResourceNamespace: "kruise-system",
		ResourceName:      "kruise-controller",
		LeaseDuration:     15 * time.Second,
		RenewDeadline:     10 * time.Second,
		RetryPeriod:       2 * time.Second,
	}, o.LeaderElection)
	assert.Equal(t, ":8080", o.BindAddress)
	assert.Equal(t, []string{"cloneset", "statefulset", "daemonset"}, enabledNames(o), "every controller runs by default")
	assert.Empty(t, o.workersFor(), "no per-controller worker counts by default")
}

// The flags of artifacts/50-controller.yaml.
func TestArtifactFlags(t *testing.T) {
	o := parse(t, "--leader-elect=true", "--leader-elect-resource-namespace=kruise-system")
	require.NoError(t, o.Validate())
	assert.True(t, o.LeaderElection.LeaderElect)
	assert.Equal(t, "kruise-system", o.LeaderElection.ResourceNamespace)
}

func TestControllersFlag(t *testing.T) {
	for _, tc := range []struct {
		flag string
		want []string
	}{
		{"*", []string{"cloneset", "statefulset", "daemonset"}},
		{"*,-cloneset", []string{"statefulset", "daemonset"}},
		{"-cloneset,*", []string{"statefulset", "daemonset"}},
		{"-cloneset,-daemonset,*", []string{"statefulset"}},
		{"cloneset", []string{"cloneset"}},
		{"daemonset,cloneset", []string{"cloneset", "daemonset"}}, // known order, not flag order
		{"cloneset,-cloneset", []string{"cloneset"}},              // the first entry naming it decides
		{"-cloneset", nil}, // without '*' nothing else runs
		{"", nil},
	} {
		t.Run(tc.flag, func(t *testing.T) {
			o := parse(t, "--controllers="+tc.flag)
			require.NoError(t, o.Validate())
			assert.Equal(t, tc.want, enabledNames(o))
		})
	}
}

func TestControllersFlagRejectsUnknownNames(t *testing.T) {
	o := parse(t, "--controllers=*,-clonset,sidecarset")
	err := o.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown controller "-clonset"`)
	assert.Contains(t, err.Error(), `unknown controller "sidecarset"`)
	assert.Contains(t, err.Error(), "known: cloneset, statefulset, daemonset")
}

func TestPerControllerWorkersOverrideWorkers(t *testing.T) {
	o := parse(t, "--workers=5", "--cloneset-workers=10", "--daemonset-workers=0")
	require.NoError(t, o.Validate())
	assert.Equal(t, map[string]int{"cloneset": 10}, o.workersFor())

	c := &controllercontext.Context{Workers: o.Workers, WorkersFor: o.workersFor()}
	assert.Equal(t, 10, c.WorkersOf("cloneset"))
	assert.Equal(t, 5, c.WorkersOf("statefulset"))
	assert.Equal(t, 5, c.WorkersOf("daemonset"), "0 means --workers")
}

func TestWorkersFlagsPerKnownController(t *testing.T) {
	var help bytes.Buffer
	cmd := newCommand(context.Background(), newOptions(&help, &help, testControllers))
	cmd.SetArgs([]string{"--help"})
	require.NoError(t, cmd.Execute())
	for _, name := range []string{"cloneset", "statefulset", "daemonset"} {
		assert.Contains(t, help.String(), "--"+name+"-workers")
	}
	assert.Contains(t, help.String(), "Known controllers: cloneset, statefulset, daemonset.")

	// The real list may be empty: then there is only --workers and the process runs no controller.
	o := NewOptions(io.Discard, io.Discard)
	cmd = newCommand(context.Background(), o)
	require.NoError(t, cmd.ParseFlags(nil))
	require.NoError(t, o.Validate())
	assert.NotNil(t, cmd.Flags().Lookup("workers"))
	assert.Len(t, o.enabledControllers(), len(knownControllers))
	for _, c := range knownControllers {
		assert.NotNil(t, cmd.Flags().Lookup(c.name+"-workers"), c.name)
	}
}

func TestValidateRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"negative QPS", []string{"--kube-api-qps=-1"}, "--kube-api-qps must not be negative, got -1"},
		{"negative burst", []string{"--kube-api-burst=-5"}, "--kube-api-burst must not be negative, got -5"},
		{"no workers", []string{"--workers=0"}, "--workers must be at least 1, got 0"},
		{"negative per-controller workers", []string{"--statefulset-workers=-2"}, "--statefulset-workers must not be negative, got -2"},
		{"renew deadline not below lease duration", []string{"--leader-elect-lease-duration=10s"},
			"--leader-elect-lease-duration (10s) must be greater than --leader-elect-renew-deadline (10s)"},
		{"retry period too long for the renew deadline", []string{"--leader-elect-retry-period=9s"},
			"--leader-elect-renew-deadline (10s) must be greater than 1.2 times --leader-elect-retry-period (9s)"},
		{"no lease name", []string{"--leader-elect-resource-name="}, "--leader-elect-resource-name must not be empty"},
		{"bind address without port", []string{"--bind-address=127.0.0.1"}, `--bind-address "127.0.0.1"`},
		{"bind address with a bad port", []string{"--bind-address=:http-alt"}, "the port must be a number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := parse(t, tc.args...).Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestLeaderElectionSettingsIgnoredWhenOff(t *testing.T) {
	o := parse(t, "--leader-elect=false", "--leader-elect-lease-duration=1s", "--leader-elect-resource-name=")
	assert.NoError(t, o.Validate())
}

func TestControllerNamesMustBeUniqueFlagWords(t *testing.T) {
	assert.Panics(t, func() {
		newOptions(io.Discard, io.Discard, []namedController{{name: "cloneset"}, {name: "cloneset"}})
	})
	assert.Panics(t, func() { newOptions(io.Discard, io.Discard, []namedController{{name: "Clone_Set"}}) })
}
