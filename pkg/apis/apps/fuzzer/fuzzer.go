// Package fuzzer normalises randomly filled apps.kruise.io objects for the round-trip tests,
// so that they hold only values every served version can express.
package fuzzer

import (
	"reflect"

	"k8s.io/apimachinery/pkg/runtime"
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"sigs.k8s.io/randfill"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1alpha1"
	"github.com/kruise-aggregated/kruise/pkg/apis/apps/v1beta1"
)

var kindFuncs []func(codecs runtimeserializer.CodecFactory) []interface{}

// addFuncs registers a kind's normalisers; called from init in each kind's file.
func addFuncs(f func(codecs runtimeserializer.CodecFactory) []interface{}) {
	kindFuncs = append(kindFuncs, f)
}

// Funcs returns the fuzzer functions of every kind in the group. Every root kind without a
// function of its own gets one that fills it and then applies defaults (see fillDefaulted).
func Funcs(codecs runtimeserializer.CodecFactory) []interface{} {
	var all []interface{}
	custom := map[reflect.Type]bool{}
	for _, f := range kindFuncs {
		for _, fn := range f(codecs) {
			all = append(all, fn)
			custom[reflect.TypeOf(fn).In(0)] = true
		}
	}
	continueType := reflect.TypeOf((*randfill.Continue)(nil)).Elem()
	for _, t := range defaultingScheme.KnownTypes(apps.SchemeGroupVersion) {
		ptr := reflect.PointerTo(t)
		if custom[ptr] {
			continue
		}
		fnType := reflect.FuncOf([]reflect.Type{ptr, continueType}, nil, false)
		all = append(all, reflect.MakeFunc(fnType, func(args []reflect.Value) []reflect.Value {
			fillDefaulted(args[0].Interface().(runtime.Object), args[1].Interface().(randfill.Continue))
			return nil
		}).Interface())
	}
	return all
}

// defaultingScheme knows the internal and external types, to apply each version's defaults.
var defaultingScheme = func() *runtime.Scheme {
	s := runtime.NewScheme()
	utilruntime.Must(apps.AddToScheme(s))
	utilruntime.Must(v1beta1.AddToScheme(s))
	utilruntime.Must(v1alpha1.AddToScheme(s))
	return s
}()

// fillDefaulted fills obj randomly and then applies the defaults of every served version until
// nothing changes. Decoding a request or a stored object applies those defaults, so only an
// already defaulted object can come back from a round trip unchanged.
func fillDefaulted(obj runtime.Object, c randfill.Continue) {
	c.FillNoCustom(obj)
	defaultInEveryVersion(obj)
}

func defaultInEveryVersion(obj runtime.Object) {
	for round := 0; round < 3; round++ {
		before := obj.DeepCopyObject()
		for _, gv := range []runtime.GroupVersioner{v1beta1.SchemeGroupVersion, v1alpha1.SchemeGroupVersion} {
			external, err := defaultingScheme.ConvertToVersion(obj.DeepCopyObject(), gv)
			if err != nil {
				continue // kind not served in this version
			}
			defaultingScheme.Default(external)
			internal, err := defaultingScheme.ConvertToVersion(external, apps.SchemeGroupVersion)
			if err != nil {
				panic(err)
			}
			reflect.ValueOf(obj).Elem().Set(reflect.ValueOf(internal).Elem())
		}
		if reflect.DeepEqual(before, obj) {
			return
		}
	}
}
