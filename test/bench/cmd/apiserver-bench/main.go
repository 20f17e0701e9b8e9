// Command apiserver-bench measures CloneSet create/get/list throughput of an in-process
// kruise-apiserver against the raw put/get throughput of the same embedded etcd, and prints
// the results as a table. Run it with `make bench`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/kruise-aggregated/kruise/test/integration/framework"
)

func main() {
	n := flag.Int("n", 2000, "operations per measurement")
	concurrency := flag.Int("concurrency", 16, "concurrent clients")
	listSize := flag.Int("list-size", 1000, "CloneSets in the list measurement")
	durable := flag.Bool("fsync", true, "let etcd fsync its log, as a real etcd does")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the CloneSet create phase to this file")
	flag.Parse()
	if err := run(*n, *concurrency, *listSize, *durable, *cpuProfile); err != nil {
		fmt.Fprintln(os.Stderr, "apiserver-bench:", err)
		os.Exit(1)
	}
}

type result struct {
	name    string
	ops     int
	elapsed time.Duration
}

func (r result) rate() float64 { return float64(r.ops) / r.elapsed.Seconds() }

func run(n, concurrency, listSize int, durable bool, cpuProfile string) error {
	dir, err := os.MkdirTemp("", "kruise-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	etcd, err := framework.StartEtcd(dir+"/etcd", durable)
	if err != nil {
		return err
	}
	defer etcd.Stop()
	srv, err := framework.StartServer(etcd.Endpoint, dir+"/certs", true)
	if err != nil {
		return err
	}
	defer srv.Stop()

	ctx := context.Background()
	etcdClient, err := clientv3.New(clientv3.Config{Endpoints: []string{etcd.Endpoint}, DialTimeout: 10 * time.Second})
	if err != nil {
		return err
	}
	defer etcdClient.Close()
	kube, err := kubernetes.NewForConfig(srv.Config)
	if err != nil {
		return err
	}
	client := kube.Discovery().RESTClient()

	body := func(i int) []byte { return []byte(cloneSetJSON(fmt.Sprintf("bench-%d", i))) }
	value := string(body(0))

	rawPut := measure("etcd put (raw)", n, concurrency, func(i int) error {
		_, err := etcdClient.Put(ctx, fmt.Sprintf("/raw/bench-%d", i), value)
		return err
	})
	rawGet := measure("etcd get (raw)", n, concurrency, func(i int) error {
		_, err := etcdClient.Get(ctx, fmt.Sprintf("/raw/bench-%d", i))
		return err
	})
	const base = "/apis/apps.kruise.io/v1beta1/namespaces/default/clonesets"
	stopProfile, err := startProfile(cpuProfile)
	if err != nil {
		return err
	}
	create := measure("CloneSet create", n, concurrency, func(i int) error {
		return client.Post().AbsPath(base).Body(body(i)).SetHeader("Content-Type", "application/json").Do(ctx).Error()
	})
	stopProfile()
	get := measure("CloneSet get", n, concurrency, func(i int) error {
		return client.Get().AbsPath(base + "/" + fmt.Sprintf("bench-%d", i)).Do(ctx).Error()
	})
	// The list measurement reads a namespace holding exactly listSize CloneSets.
	const listBase = "/apis/apps.kruise.io/v1beta1/namespaces/list-bench/clonesets"
	fill := measure("fill list namespace", listSize, concurrency, func(i int) error {
		return client.Post().AbsPath(listBase).Body(body(i)).SetHeader("Content-Type", "application/json").Do(ctx).Error()
	})
	if fill.ops == 0 {
		return fmt.Errorf("filling the list namespace failed")
	}
	listLatencies, err := listTimes(ctx, client, listBase, 20)
	if err != nil {
		return err
	}
	for _, r := range []result{rawPut, rawGet, create, get} {
		if r.ops == 0 {
			return fmt.Errorf("%s failed", r.name)
		}
	}

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "measurement\tops\tconcurrency\tops/s\tvs raw etcd\t\n")
	fmt.Fprintf(w, "%s\t%d\t%d\t%.0f\t%s\t\n", rawPut.name, rawPut.ops, concurrency, rawPut.rate(), "1.00")
	fmt.Fprintf(w, "%s\t%d\t%d\t%.0f\t%s\t\n", rawGet.name, rawGet.ops, concurrency, rawGet.rate(), "1.00")
	fmt.Fprintf(w, "%s\t%d\t%d\t%.0f\t%.2f (target >= 0.25 of put)\t\n", create.name, create.ops, concurrency, create.rate(), create.rate()/rawPut.rate())
	fmt.Fprintf(w, "%s\t%d\t%d\t%.0f\t%.2f of get\t\n", get.name, get.ops, concurrency, get.rate(), get.rate()/rawGet.rate())
	w.Flush()
	sort.Slice(listLatencies, func(i, j int) bool { return listLatencies[i] < listLatencies[j] })
	fmt.Printf("\nlist of %d CloneSets from the watch cache (resourceVersion=0), %d runs: p50 %v, max %v (target < 100ms)\n",
		listSize, len(listLatencies), listLatencies[len(listLatencies)/2].Round(time.Millisecond), listLatencies[len(listLatencies)-1].Round(time.Millisecond))
	return nil
}

// startProfile starts a CPU profile when path is set and returns the function that stops it.
func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// measure runs op for i in [0,n) on concurrency workers and reports the throughput.
func measure(name string, n, concurrency int, op func(i int) error) result {
	var next int64 = -1
	var failed atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(atomic.AddInt64(&next, 1))
				if i >= n || failed.Load() != nil {
					return
				}
				if err := op(i); err != nil {
					failed.Store(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := failed.Load(); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		return result{name: name}
	}
	return result{name: name, ops: n, elapsed: time.Since(start)}
}

func listTimes(ctx context.Context, client rest.Interface, path string, runs int) ([]time.Duration, error) {
	out := make([]time.Duration, 0, runs)
	for i := 0; i < runs; i++ {
		start := time.Now()
		if err := client.Get().AbsPath(path).Param("resourceVersion", "0").Do(ctx).Error(); err != nil {
			return nil, err
		}
		out = append(out, time.Since(start))
	}
	return out, nil
}

// cloneSetJSON is a realistic CloneSet: the seed walkthrough's, roughly 1 KiB once defaulted.
func cloneSetJSON(name string) string {
	return strings.ReplaceAll(`{"apiVersion":"apps.kruise.io/v1beta1","kind":"CloneSet","metadata":{"name":"NAME","labels":{"app":"guestbook"}},
"spec":{"replicas":5,"selector":{"matchLabels":{"app":"guestbook"}},
"template":{"metadata":{"labels":{"app":"guestbook"}},"spec":{"containers":[{"name":"guestbook",
"image":"openkruise-registry.cn-shanghai.cr.aliyuncs.com/openkruise/demo:1.10.2","env":[{"name":"test","value":"foo"}]}]}},
"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"podUpdatePolicy":"InPlaceIfPossible","maxUnavailable":"20%",
"inPlaceUpdateStrategy":{"gracePeriodSeconds":3}}}}}`, "NAME", name)
}
