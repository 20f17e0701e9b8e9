// Package fuzzer normalises randomly filled policy.kruise.io objects for the round-trip tests,
// so that they hold only values every served version can express.
package fuzzer

import (
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
)

var kindFuncs []func(codecs runtimeserializer.CodecFactory) []interface{}

// addFuncs registers a kind's normalisers; called from init in each kind's file.
func addFuncs(f func(codecs runtimeserializer.CodecFactory) []interface{}) {
	kindFuncs = append(kindFuncs, f)
}

// Funcs returns the fuzzer functions of every kind in the group.
func Funcs(codecs runtimeserializer.CodecFactory) []interface{} {
	var all []interface{}
	for _, f := range kindFuncs {
		all = append(all, f(codecs)...)
	}
	return all
}
