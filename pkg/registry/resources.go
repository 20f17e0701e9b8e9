package registry

import (
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/advancedcronjob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/broadcastjob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/cloneset"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/containerrecreaterequest"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/daemonset"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/ephemeraljob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/imagelistpulljob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/imagepulljob"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/nodeimage"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/nodepodprobe"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/persistentpodstate"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/podprobemarker"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/resourcedistribution"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/sidecarset"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/statefulset"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/uniteddeployment"
	"github.com/kruise-aggregated/kruise/pkg/registry/apps/workloadspread"
	"github.com/kruise-aggregated/kruise/pkg/registry/policy/podunavailablebudget"
)

// Resources returns every served resource.
func Resources() []Resource {
	return []Resource{
		{Group: "apps.kruise.io", Plural: "clonesets", Versions: Both, StorageVersion: "v1beta1", NewStorage: cloneset.NewStorage},
		{Group: "apps.kruise.io", Plural: "statefulsets", Versions: Both, StorageVersion: "v1beta1", NewStorage: statefulset.NewStorage},
		{Group: "apps.kruise.io", Plural: "daemonsets", Versions: Both, StorageVersion: "v1beta1", NewStorage: daemonset.NewStorage},
		{Group: "apps.kruise.io", Plural: "sidecarsets", Versions: Both, StorageVersion: "v1beta1", NewStorage: sidecarset.NewStorage},
		{Group: "apps.kruise.io", Plural: "uniteddeployments", Versions: Both, StorageVersion: "v1beta1", NewStorage: uniteddeployment.NewStorage},
		{Group: "apps.kruise.io", Plural: "broadcastjobs", Versions: Both, StorageVersion: "v1beta1", NewStorage: broadcastjob.NewStorage},
		{Group: "apps.kruise.io", Plural: "advancedcronjobs", Versions: Both, StorageVersion: "v1beta1", NewStorage: advancedcronjob.NewStorage},
		{Group: "apps.kruise.io", Plural: "containerrecreaterequests", Versions: Both, StorageVersion: "v1beta1", NewStorage: containerrecreaterequest.NewStorage},
		{Group: "apps.kruise.io", Plural: "imagepulljobs", Versions: Both, StorageVersion: "v1beta1", NewStorage: imagepulljob.NewStorage},
		{Group: "apps.kruise.io", Plural: "imagelistpulljobs", Versions: Both, StorageVersion: "v1beta1", NewStorage: imagelistpulljob.NewStorage},
		{Group: "apps.kruise.io", Plural: "nodeimages", Versions: Both, StorageVersion: "v1beta1", NewStorage: nodeimage.NewStorage},
		{Group: "apps.kruise.io", Plural: "workloadspreads", Versions: Both, StorageVersion: "v1beta1", NewStorage: workloadspread.NewStorage},
		{Group: "apps.kruise.io", Plural: "resourcedistributions", Versions: Both, StorageVersion: "v1beta1", NewStorage: resourcedistribution.NewStorage},
		{Group: "apps.kruise.io", Plural: "persistentpodstates", Versions: Both, StorageVersion: "v1beta1", NewStorage: persistentpodstate.NewStorage},
		{Group: "apps.kruise.io", Plural: "ephemeraljobs", Versions: AlphaOnly, StorageVersion: "v1alpha1", NewStorage: ephemeraljob.NewStorage},
		{Group: "apps.kruise.io", Plural: "podprobemarkers", Versions: AlphaOnly, StorageVersion: "v1alpha1", NewStorage: podprobemarker.NewStorage},
		{Group: "apps.kruise.io", Plural: "nodepodprobes", Versions: AlphaOnly, StorageVersion: "v1alpha1", NewStorage: nodepodprobe.NewStorage},
		{Group: "policy.kruise.io", Plural: "podunavailablebudgets", Versions: Both, StorageVersion: "v1beta1", NewStorage: podunavailablebudget.NewStorage},
	}
}
