// Command demo is the small web app published locally as openkruise/demo: it answers with its
// version on :8080, so tests can tell which image a container runs.
package main

import (
	"fmt"
	"net/http"
	"os"
)

// version is set at build time (-X main.version=1.10.2).
var version = "dev"

func main() {
	host, _ := os.Hostname()
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintf(w, "demo %s on %s\n", version, host) })
	if err := http.ListenAndServe(":8080", nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
