// Command ociimage builds a single-layer OCI image from local files and pushes it to a registry
// over the distribution API, for the local cluster's registry. Usage:
//
//	ociimage -registry 127.0.0.1:5000 -image openkruise/demo:1.10.2 -entrypoint /demo /demo=./bin/demo
package main

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
)

func main() {
	registry := flag.String("registry", "127.0.0.1:5000", "registry host:port (plain HTTP)")
	image := flag.String("image", "", "repository:tag to push")
	entrypoint := flag.String("entrypoint", "", "the image's entrypoint")
	flag.Parse()
	if err := run(*registry, *image, *entrypoint, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "ociimage:", err)
		os.Exit(1)
	}
}

func run(registry, image, entrypoint string, files []string) error {
	repo, tag, ok := strings.Cut(image, ":")
	if !ok || repo == "" || tag == "" || entrypoint == "" || len(files) == 0 {
		return fmt.Errorf("need -image repo:tag, -entrypoint and at least one /path=localfile")
	}
	layer, err := layerTar(files)
	if err != nil {
		return err
	}
	layerDigest := digest(layer)
	config, err := json.Marshal(map[string]any{
		"architecture": "amd64",
		"os":           "linux",
		"config":       map[string]any{"Entrypoint": []string{entrypoint}, "Env": []string{"PATH=/"}},
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{layerDigest}},
	})
	if err != nil {
		return err
	}
	manifest, err := json.Marshal(map[string]any{
		"schemaVersion": 2,
		"mediaType":     "application/vnd.oci.image.manifest.v1+json",
		"config":        descriptor("application/vnd.oci.image.config.v1+json", config),
		"layers":        []any{descriptor("application/vnd.oci.image.layer.v1.tar", layer)},
	})
	if err != nil {
		return err
	}
	base := "http://" + registry + "/v2/" + repo
	for _, blob := range [][]byte{layer, config} {
		if err := pushBlob(base, blob); err != nil {
			return err
		}
	}
	req, err := http.NewRequest(http.MethodPut, base+"/manifests/"+tag, bytes.NewReader(manifest))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
	return do(req, http.StatusCreated)
}

// layerTar packs path=localfile pairs into an uncompressed layer with fixed metadata, so the
// same inputs always give the same digest.
func layerTar(files []string) ([]byte, error) {
	sort.Strings(files)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		dst, src, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("%q is not /path=localfile", f)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, err
		}
		hdr := &tar.Header{Name: strings.TrimPrefix(dst, "/"), Mode: 0o755, Size: int64(len(data)), Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func digest(b []byte) string { return fmt.Sprintf("sha256:%x", sha256.Sum256(b)) }

func descriptor(mediaType string, b []byte) map[string]any {
	return map[string]any{"mediaType": mediaType, "digest": digest(b), "size": len(b)}
}

// pushBlob uploads a blob unless the registry has it already (monolithic upload: POST, then PUT).
func pushBlob(base string, blob []byte) error {
	d := digest(blob)
	if resp, err := http.Head(base + "/blobs/" + d); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
	}
	resp, err := http.Post(base+"/blobs/uploads/", "application/octet-stream", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("starting upload: %s", resp.Status)
	}
	loc, err := resp.Location()
	if err != nil {
		return err
	}
	q := loc.Query()
	q.Set("digest", d)
	loc.RawQuery = q.Encode()
	req, err := http.NewRequest(http.MethodPut, loc.String(), bytes.NewReader(blob))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	return do(req, http.StatusCreated)
}

func do(req *http.Request, want int) error {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("%s %s: %s: %s", req.Method, req.URL.Redacted(), resp.Status, body)
	}
	return nil
}
