// Command models-schema prints the OpenAPI v2 models of every served type as one JSON document:
// the schema applyconfiguration-gen reads to learn our types' structure and list semantics.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"k8s.io/kube-openapi/pkg/common"
	"k8s.io/kube-openapi/pkg/validation/spec"

	"github.com/kruise-aggregated/kruise/pkg/generated/openapi"
)

func main() {
	if err := printModels(); err != nil {
		fmt.Fprintf(os.Stderr, "models-schema: %v\n", err)
		os.Exit(1)
	}
}

func printModels() error {
	ref := func(name string) spec.Ref { return spec.MustCreateRef("#/definitions/" + name) }
	defs := openapi.GetOpenAPIDefinitions(ref)
	models := make(map[string]spec.Schema, len(defs))
	for name, def := range defs {
		// Types that carry a separate v2 schema publish that one: the output is OpenAPI v2.
		if v2, ok := def.Schema.Extensions[common.ExtensionV2Schema].(spec.Schema); ok {
			models[name] = v2
			continue
		}
		models[name] = def.Schema
	}
	data, err := json.Marshal(&spec.Swagger{SwaggerProps: spec.SwaggerProps{
		Swagger:     "2.0",
		Info:        &spec.Info{InfoProps: spec.InfoProps{Title: "Kruise", Version: "unversioned"}},
		Definitions: models,
	}})
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(data)
	return err
}
