package validation

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/sets"
	utilvalidation "k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/kruise-aggregated/kruise/pkg/apis/apps"
	"github.com/kruise-aggregated/kruise/pkg/apis/podtemplate"
)

// SidecarSet rules that need other objects are not checked here (see the admission plugin): the
// injection revision's ControllerRevision, the canary's base SidecarSet, the kruise-configuration
// whitelist for patchPodMetadata, and conflicts with overlapping SidecarSets.

const sidecarSetNameMaxLen = 63

var sidecarSetNamePattern = regexp.MustCompile(`^[a-zA-Z0-9-]+$`)

// validateSidecarSetName allows letters, digits and '-' only, at most 63 characters.
func validateSidecarSetName(name string, _ bool) []string {
	var msgs []string
	if !sidecarSetNamePattern.MatchString(name) {
		msgs = append(msgs, utilvalidation.RegexError("sidecarset name must consist of alphanumeric characters or '-'", `[a-zA-Z0-9-]+`, "my-sidecar"))
	}
	if len(name) > sidecarSetNameMaxLen {
		msgs = append(msgs, utilvalidation.MaxLenError(sidecarSetNameMaxLen))
	}
	return msgs
}

// ValidateSidecarSet checks a SidecarSet on create.
func ValidateSidecarSet(obj *apps.SidecarSet) field.ErrorList {
	allErrs := apimachineryvalidation.ValidateObjectMeta(&obj.ObjectMeta, false, validateSidecarSetName, field.NewPath("metadata"))
	allErrs = append(allErrs, validateSidecarSetCanary(obj, nil)...)
	allErrs = append(allErrs, validateSidecarSetSpec(&obj.Spec, field.NewPath("spec"))...)
	return allErrs
}

// ValidateSidecarSetUpdate checks an update: everything ValidateSidecarSet checks, plus that no
// container is added and no container changes its upgrade type.
func ValidateSidecarSetUpdate(obj, old *apps.SidecarSet) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	allErrs = append(allErrs, apimachineryvalidation.ValidateObjectMeta(&obj.ObjectMeta, false, validateSidecarSetName, field.NewPath("metadata"))...)
	allErrs = append(allErrs, validateSidecarSetCanary(obj, old)...)
	allErrs = append(allErrs, validateSidecarSetSpec(&obj.Spec, field.NewPath("spec"))...)

	oldTypes := map[string]apps.SidecarContainerUpgradeType{}
	for _, c := range old.Spec.Containers {
		oldTypes[c.Name] = c.UpgradeStrategy.UpgradeType
	}
	for i, c := range obj.Spec.Containers {
		p := field.NewPath("spec", "containers").Index(i)
		oldType, ok := oldTypes[c.Name]
		switch {
		case !ok:
			allErrs = append(allErrs, field.Forbidden(p.Child("name"), fmt.Sprintf("container %q does not exist in the SidecarSet; containers cannot be added by an update", c.Name)))
		case oldType != "" && c.UpgradeStrategy.UpgradeType != oldType:
			allErrs = append(allErrs, field.Invalid(p.Child("upgradeStrategy", "upgradeType"), c.UpgradeStrategy.UpgradeType, "field is immutable"))
		}
	}
	return allErrs
}

// ValidateSidecarSetStatusUpdate checks a status write.
func ValidateSidecarSetStatusUpdate(obj, old *apps.SidecarSet) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&obj.ObjectMeta, &old.ObjectMeta)
	st, p := &obj.Status, field.NewPath("status")
	allErrs = append(allErrs, ValidateNonNegative(st.ObservedGeneration, p.Child("observedGeneration"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.MatchedPods), p.Child("matchedPods"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.UpdatedPods), p.Child("updatedPods"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.ReadyPods), p.Child("readyPods"))...)
	allErrs = append(allErrs, ValidateNonNegative(int64(st.UpdatedReadyPods), p.Child("updatedReadyPods"))...)
	if st.CollisionCount != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*st.CollisionCount), p.Child("collisionCount"))...)
	}
	return allErrs
}

// validateSidecarSetCanary checks the parts of the canary rules that need no other object: a
// canary names a base other than itself, keeps it on update, and does not roll out updates.
func validateSidecarSetCanary(obj, old *apps.SidecarSet) field.ErrorList {
	base := obj.Annotations[apps.SidecarSetBaseAnnotation]
	if obj.Annotations[apps.SidecarSetCanaryAnnotation] != "true" || base == "" {
		return nil
	}
	var allErrs field.ErrorList
	basePath := field.NewPath("metadata", "annotations").Key(apps.SidecarSetBaseAnnotation)
	if base == obj.Name {
		allErrs = append(allErrs, field.Invalid(basePath, base, "a canary SidecarSet cannot be its own base"))
	}
	if old != nil && old.Annotations[apps.SidecarSetBaseAnnotation] != base {
		allErrs = append(allErrs, field.Invalid(basePath, base, "field is immutable"))
	}
	if obj.Spec.UpdateStrategy.Type != apps.NotUpdateSidecarSetStrategyType {
		allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "updateStrategy", "type"), obj.Spec.UpdateStrategy.Type,
			"a canary SidecarSet must use NotUpdate"))
	}
	return allErrs
}

func validateSidecarSetSpec(spec *apps.SidecarSetSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if spec.UpdateStrategy.Type == apps.RollingUpdateSidecarSetStrategyType {
		for i := range spec.InitContainers {
			if isNativeSidecarContainer(&spec.InitContainers[i].Container) {
				allErrs = append(allErrs, field.Forbidden(fldPath.Child("updateStrategy", "type"), fmt.Sprintf(
					"RollingUpdate cannot update the native sidecar initContainers[%d] (restartPolicy Always) in place; use NotUpdate", i)))
			}
		}
	}
	allErrs = append(allErrs, ValidateSelector(spec.Selector, fldPath.Child("selector"), true)...)
	allErrs = append(allErrs, ValidateSelector(spec.NamespaceSelector, fldPath.Child("namespaceSelector"), false)...)
	allErrs = append(allErrs, validateSidecarSetInjectionStrategy(&spec.InjectionStrategy, fldPath.Child("injectionStrategy"))...)
	allErrs = append(allErrs, validateSidecarSetUpdateStrategy(&spec.UpdateStrategy, fldPath.Child("updateStrategy"))...)
	if len(spec.InitContainers) == 0 && len(spec.Containers) == 0 {
		allErrs = append(allErrs, field.Required(fldPath.Child("containers"), "at least one of initContainers and containers is required"))
	} else {
		allErrs = append(allErrs, validateSidecarContainers(spec, fldPath)...)
	}
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, ValidateNonNegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	allErrs = append(allErrs, validatePatchPodMetadata(spec.PatchPodMetadata, fldPath.Child("patchPodMetadata"))...)
	return allErrs
}

func validateSidecarSetInjectionStrategy(s *apps.SidecarSetInjectionStrategy, fldPath *field.Path) field.ErrorList {
	r := s.Revision
	if r == nil {
		return nil
	}
	var allErrs field.ErrorList
	p := fldPath.Child("revision")
	if r.RevisionName == nil && r.CustomVersion == nil {
		allErrs = append(allErrs, field.Required(p, "one of revisionName and customVersion is required"))
	}
	switch r.Policy {
	case "", apps.AlwaysSidecarSetInjectRevisionPolicy, apps.PartialSidecarSetInjectRevisionPolicy:
	default:
		allErrs = append(allErrs, field.NotSupported(p.Child("policy"), r.Policy, []string{
			string(apps.AlwaysSidecarSetInjectRevisionPolicy), string(apps.PartialSidecarSetInjectRevisionPolicy)}))
	}
	return allErrs
}

func validateSidecarSetUpdateStrategy(s *apps.SidecarSetUpdateStrategy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch s.Type {
	case apps.RollingUpdateSidecarSetStrategyType:
	case "", apps.NotUpdateSidecarSetStrategyType:
		return nil
	default:
		return field.ErrorList{field.NotSupported(fldPath.Child("type"), s.Type, []string{
			string(apps.NotUpdateSidecarSetStrategyType), string(apps.RollingUpdateSidecarSetStrategyType)})}
	}
	if s.Selector != nil && sidecarPartitionIsSet(s.Partition) {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("partition"), "partition and selector cannot be used together"))
	}
	allErrs = append(allErrs, ValidateSelector(s.Selector, fldPath.Child("selector"), false)...)
	allErrs = append(allErrs, ValidateIntOrPercent(s.Partition, fldPath.Child("partition"))...)
	allErrs = append(allErrs, ValidateIntOrPercent(s.MaxUnavailable, fldPath.Child("maxUnavailable"))...)
	allErrs = append(allErrs, ValidateUpdatePriorityStrategy(s.PriorityStrategy, fldPath.Child("priorityStrategy"))...)
	allErrs = append(allErrs, ValidateUpdateScatterStrategy(s.ScatterStrategy, fldPath.Child("scatterStrategy"))...)
	return allErrs
}

// sidecarPartitionIsSet reports a partition other than the integer 0 (any string counts as set).
func sidecarPartitionIsSet(p *intstr.IntOrString) bool {
	return p != nil && (p.Type == intstr.String || p.IntVal != 0)
}

// validateSidecarContainers checks the Kruise fields of each sidecar, then validates the containers
// and volumes together as a pod, so names, mounts and ports are checked like a real pod's.
func validateSidecarContainers(spec *apps.SidecarSetSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	template := &corev1.PodTemplateSpec{Spec: corev1.PodSpec{
		RestartPolicy:                 corev1.RestartPolicyAlways,
		DNSPolicy:                     corev1.DNSClusterFirst,
		ServiceAccountName:            "default",
		TerminationGracePeriodSeconds: ptr.To(int64(corev1.DefaultTerminationGracePeriodSeconds)),
		Volumes:                       spec.Volumes,
	}}
	initNames := sets.New[string]()
	for i := range spec.InitContainers {
		c := &spec.InitContainers[i]
		p := fldPath.Child("initContainers").Index(i)
		if c.ResourcesPolicy != nil {
			if !isNativeSidecarContainer(&c.Container) {
				allErrs = append(allErrs, field.Forbidden(p.Child("resourcesPolicy"), "resourcesPolicy is only allowed on init containers with restartPolicy Always"))
			}
			allErrs = append(allErrs, validateResourcesPolicy(c, p.Child("resourcesPolicy"))...)
		}
		template.Spec.InitContainers = append(template.Spec.InitContainers, c.Container)
		initNames.Insert(c.Name)
	}
	for i := range spec.Containers {
		c := &spec.Containers[i]
		p := fldPath.Child("containers").Index(i)
		switch c.PodInjectPolicy {
		case apps.BeforeAppContainerType, apps.AfterAppContainerType:
		default:
			allErrs = append(allErrs, field.NotSupported(p.Child("podInjectPolicy"), c.PodInjectPolicy, []string{
				string(apps.BeforeAppContainerType), string(apps.AfterAppContainerType)}))
		}
		switch c.ShareVolumePolicy.Type {
		case apps.ShareVolumePolicyEnabled, apps.ShareVolumePolicyDisabled:
		default:
			allErrs = append(allErrs, field.NotSupported(p.Child("shareVolumePolicy", "type"), c.ShareVolumePolicy.Type, []string{
				string(apps.ShareVolumePolicyEnabled), string(apps.ShareVolumePolicyDisabled)}))
		}
		for j := range c.TransferEnv {
			if from := c.TransferEnv[j].SourceContainerNameFrom; from != nil && from.FieldRef != nil {
				allErrs = append(allErrs, validateSourceContainerFieldRef(from.FieldRef,
					p.Child("transferEnv").Index(j).Child("sourceContainerNameFrom", "fieldRef"))...)
			}
		}
		if c.ResourcesPolicy != nil {
			allErrs = append(allErrs, validateResourcesPolicy(c, p.Child("resourcesPolicy"))...)
		}
		template.Spec.Containers = append(template.Spec.Containers, c.Container)
	}
	if len(template.Spec.Containers) == 0 {
		// A pod needs a container; stand one in under a name no init container uses.
		name := "placeholder"
		for initNames.Has(name) {
			name += "-x"
		}
		template.Spec.Containers = []corev1.Container{{
			Name: name, Image: "placeholder", ImagePullPolicy: corev1.PullIfNotPresent,
			TerminationMessagePolicy: corev1.TerminationMessageReadFile,
		}}
	}
	// With a nil base path the pod's errors read spec.containers[i]..., spec.volumes[i]..., which are
	// exactly the SidecarSet's own paths.
	for _, err := range podtemplate.ValidatePodTemplateSpec(template, nil) {
		if strings.HasPrefix(err.Field, "spec.") || err.Field == "spec" {
			allErrs = append(allErrs, err)
		}
	}
	return allErrs
}

// validateSourceContainerFieldRef accepts metadata.labels['<key>'] and metadata.annotations['<key>']
// with apiVersion v1, the only forms injection can resolve.
func validateSourceContainerFieldRef(fs *corev1.ObjectFieldSelector, fldPath *field.Path) field.ErrorList {
	if fs.APIVersion == "" {
		return field.ErrorList{field.Required(fldPath.Child("apiVersion"), "")}
	}
	if fs.FieldPath == "" {
		return field.ErrorList{field.Required(fldPath.Child("fieldPath"), "")}
	}
	if fs.APIVersion != "v1" {
		return field.ErrorList{field.NotSupported(fldPath.Child("apiVersion"), fs.APIVersion, []string{"v1"})}
	}
	path, key, ok := splitFieldPathSubscript(fs.FieldPath)
	if !ok || (path != "metadata.labels" && path != "metadata.annotations") {
		return field.ErrorList{field.Invalid(fldPath.Child("fieldPath"), fs.FieldPath,
			"must be metadata.labels['<key>'] or metadata.annotations['<key>']")}
	}
	if path == "metadata.annotations" {
		key = strings.ToLower(key)
	}
	var allErrs field.ErrorList
	for _, msg := range utilvalidation.IsQualifiedName(key) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("fieldPath"), fs.FieldPath, msg))
	}
	return allErrs
}

// splitFieldPathSubscript splits "path['key']" into path and key.
func splitFieldPathSubscript(s string) (string, string, bool) {
	if !strings.HasSuffix(s, "']") {
		return "", "", false
	}
	open := strings.Index(s, "['")
	if open < 0 {
		return "", "", false
	}
	return s[:open], s[open+2 : len(s)-2], true
}

func validateResourcesPolicy(c *apps.SidecarContainer, fldPath *field.Path) field.ErrorList {
	policy := c.ResourcesPolicy
	if len(c.Resources.Limits) > 0 || len(c.Resources.Requests) > 0 {
		return field.ErrorList{field.Forbidden(fldPath, "resourcesPolicy cannot be combined with resources.limits or resources.requests")}
	}
	var allErrs field.ErrorList
	switch policy.TargetContainersMode {
	case apps.TargetContainersModeSum, apps.TargetContainersModeMax:
	case "":
		allErrs = append(allErrs, field.Required(fldPath.Child("targetContainersMode"), ""))
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("targetContainersMode"), policy.TargetContainersMode, []string{
			string(apps.TargetContainersModeSum), string(apps.TargetContainersModeMax)}))
	}
	if policy.TargetContainersNameRegex == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("targetContainersNameRegex"), ""))
	} else if _, err := regexp.Compile(policy.TargetContainersNameRegex); err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("targetContainersNameRegex"), policy.TargetContainersNameRegex, err.Error()))
	}
	exprPath := fldPath.Child("resourcesExpr")
	expr := &policy.ResourcesExpr
	if expr.Limits == nil && expr.Requests == nil {
		return append(allErrs, field.Required(exprPath, "at least one of limits and requests is required"))
	}
	if l := expr.Limits; l != nil {
		allErrs = append(allErrs, validateResourceExpression(l.CPU, "cpu", exprPath.Child("limits", "cpu"))...)
		allErrs = append(allErrs, validateResourceExpression(l.Memory, "memory", exprPath.Child("limits", "memory"))...)
	}
	if r := expr.Requests; r != nil {
		allErrs = append(allErrs, validateResourceExpression(r.CPU, "cpu", exprPath.Child("requests", "cpu"))...)
		allErrs = append(allErrs, validateResourceExpression(r.Memory, "memory", exprPath.Child("requests", "memory"))...)
	}
	return allErrs
}

func validatePatchPodMetadata(patches []apps.SidecarSetPatchPodMetadata, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	seen := sets.New[string]()
	for i, patch := range patches {
		p := fldPath.Index(i)
		if len(patch.Annotations) == 0 {
			allErrs = append(allErrs, field.Required(p.Child("annotations"), ""))
		} else {
			allErrs = append(allErrs, apimachineryvalidation.ValidateAnnotations(patch.Annotations, p.Child("annotations"))...)
		}
		switch patch.PatchPolicy {
		case apps.SidecarSetRetainPatchPolicy, apps.SidecarSetOverwritePatchPolicy, apps.SidecarSetMergePatchJsonPatchPolicy:
		case "":
			allErrs = append(allErrs, field.Required(p.Child("patchPolicy"), ""))
		default:
			allErrs = append(allErrs, field.NotSupported(p.Child("patchPolicy"), patch.PatchPolicy, []string{
				string(apps.SidecarSetRetainPatchPolicy), string(apps.SidecarSetOverwritePatchPolicy), string(apps.SidecarSetMergePatchJsonPatchPolicy)}))
		}
		for _, key := range sets.List(sets.KeySet(patch.Annotations)) {
			if seen.Has(key) {
				allErrs = append(allErrs, field.Duplicate(p.Child("annotations").Key(key), key))
			}
			seen.Insert(key)
		}
	}
	return allErrs
}

// validateResourceExpression checks that a resourcesPolicy expression parses and, evaluated with its
// variable (cpu or memory) set to 1, gives a non-negative value.
func validateResourceExpression(expr, variable string, fldPath *field.Path) field.ErrorList {
	if expr == "" {
		return nil
	}
	v, err := evalResExpression(expr, map[string]resExprValue{variable: {num: 1}})
	if err == nil && v.negative() {
		err = fmt.Errorf("the result is negative")
	}
	if err != nil {
		return field.ErrorList{field.Invalid(fldPath, expr, "invalid expression: "+err.Error())}
	}
	return nil
}

// resExprValue is a plain number or a resource quantity.
type resExprValue struct {
	isQty bool
	num   float64
	qty   resource.Quantity
}

func (v resExprValue) negative() bool {
	if v.isQty {
		return v.qty.Sign() < 0
	}
	return v.num < 0
}

// milli returns v as a quantity (numbers count in whole units).
func (v resExprValue) milli() resource.Quantity {
	if v.isQty {
		return v.qty.DeepCopy()
	}
	return *resource.NewMilliQuantity(int64(v.num*1000), resource.DecimalSI)
}

// resExprParser evaluates expressions built from numbers ("2", "0.5", "50%"), quantities ("100m",
// "1Gi"), one variable, + - * /, parentheses, unary minus and the functions max(a,b) and min(a,b).
type resExprParser struct {
	src   string
	pos   int
	depth int
	vars  map[string]resExprValue
}

// maxResExprDepth bounds nesting (parentheses, unary minus, calls) so hostile input cannot exhaust the stack.
const maxResExprDepth = 64

func evalResExpression(src string, vars map[string]resExprValue) (resExprValue, error) {
	p := &resExprParser{src: src, vars: vars}
	v, err := p.sum()
	if err != nil {
		return resExprValue{}, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return resExprValue{}, fmt.Errorf("unexpected %q at position %d", p.src[p.pos], p.pos+1)
	}
	return v, nil
}

func (p *resExprParser) skipSpace() {
	for p.pos < len(p.src) && unicode.IsSpace(rune(p.src[p.pos])) {
		p.pos++
	}
}

// accept consumes c if it is the next non-space character.
func (p *resExprParser) accept(c byte) bool {
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

func (p *resExprParser) sum() (resExprValue, error) {
	left, err := p.product()
	if err != nil {
		return left, err
	}
	for {
		var sign float64
		switch {
		case p.accept('+'):
			sign = 1
		case p.accept('-'):
			sign = -1
		default:
			return left, nil
		}
		right, err := p.product()
		if err != nil {
			return right, err
		}
		if left.isQty || right.isQty {
			l, r := left.milli(), right.milli()
			if sign < 0 {
				r.Neg()
			}
			l.Add(r)
			left = resExprValue{isQty: true, qty: l}
		} else {
			left = resExprValue{num: left.num + sign*right.num}
		}
	}
}

func (p *resExprParser) product() (resExprValue, error) {
	left, err := p.unary()
	if err != nil {
		return left, err
	}
	for {
		var divide bool
		switch {
		case p.accept('*'):
		case p.accept('/'):
			divide = true
		default:
			return left, nil
		}
		right, err := p.unary()
		if err != nil {
			return right, err
		}
		switch {
		case divide && right.isQty:
			return left, fmt.Errorf("cannot divide by a quantity")
		case divide && right.num == 0:
			return left, fmt.Errorf("division by zero")
		case !divide && left.isQty && right.isQty:
			return left, fmt.Errorf("cannot multiply two quantities")
		case left.isQty || right.isQty:
			q, factor := left, right.num
			if right.isQty {
				q, factor = right, left.num
			}
			if divide {
				factor = 1 / right.num
			}
			out := q.qty.DeepCopy()
			out.SetMilli(int64(float64(q.qty.MilliValue()) * factor))
			left = resExprValue{isQty: true, qty: out}
		case divide:
			left = resExprValue{num: left.num / right.num}
		default:
			left = resExprValue{num: left.num * right.num}
		}
	}
}

func (p *resExprParser) unary() (resExprValue, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxResExprDepth {
		return resExprValue{}, fmt.Errorf("expression is nested too deeply")
	}
	if p.accept('-') {
		v, err := p.unary()
		if err != nil {
			return v, err
		}
		if v.isQty {
			v.qty.Neg()
		} else {
			v.num = -v.num
		}
		return v, nil
	}
	return p.primary()
}

func (p *resExprParser) primary() (resExprValue, error) {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return resExprValue{}, fmt.Errorf("unexpected end of expression")
	}
	c := p.src[p.pos]
	switch {
	case c == '(':
		p.pos++
		v, err := p.sum()
		if err != nil {
			return v, err
		}
		if !p.accept(')') {
			return v, fmt.Errorf("missing ')' at position %d", p.pos+1)
		}
		return v, nil
	case c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	case unicode.IsLetter(rune(c)):
		start := p.pos
		for p.pos < len(p.src) && (unicode.IsLetter(rune(p.src[p.pos])) || unicode.IsDigit(rune(p.src[p.pos])) || p.src[p.pos] == '_') {
			p.pos++
		}
		name := strings.ToLower(p.src[start:p.pos])
		if p.accept('(') {
			return p.call(name)
		}
		v, ok := p.vars[name]
		if !ok {
			return v, fmt.Errorf("undefined variable %q", p.src[start:p.pos])
		}
		return v, nil
	}
	return resExprValue{}, fmt.Errorf("unexpected %q at position %d", c, p.pos+1)
}

func (p *resExprParser) call(name string) (resExprValue, error) {
	if name != "max" && name != "min" {
		return resExprValue{}, fmt.Errorf("unknown function %q", name)
	}
	a, err := p.sum()
	if err != nil {
		return a, err
	}
	if !p.accept(',') {
		return a, fmt.Errorf("%s() takes exactly 2 arguments", name)
	}
	b, err := p.sum()
	if err != nil {
		return b, err
	}
	if !p.accept(')') {
		return a, fmt.Errorf("%s() takes exactly 2 arguments", name)
	}
	var cmp int
	if a.isQty || b.isQty {
		qa, qb := a.milli(), b.milli()
		cmp = qa.Cmp(qb)
		a, b = resExprValue{isQty: true, qty: qa}, resExprValue{isQty: true, qty: qb}
	} else if a.num < b.num {
		cmp = -1
	} else if a.num > b.num {
		cmp = 1
	}
	if (name == "max") == (cmp >= 0) {
		return a, nil
	}
	return b, nil
}

// resExprUnits are the suffixes accepted on quantities.
var resExprUnits = sets.New("m", "k", "M", "G", "T", "P", "Ki", "Mi", "Gi", "Ti", "Pi")

func (p *resExprParser) number() (resExprValue, error) {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if (c >= '0' && c <= '9') || c == '.' {
			p.pos++
			continue
		}
		// An exponent: e or E followed by a digit or a sign.
		if (c == 'e' || c == 'E') && p.pos+1 < len(p.src) && strings.ContainsRune("0123456789+-", rune(p.src[p.pos+1])) {
			p.pos += 2
			continue
		}
		break
	}
	numeric := p.src[start:p.pos]
	if p.pos < len(p.src) && p.src[p.pos] == '%' {
		p.pos++
		n, err := strconv.ParseFloat(numeric, 64)
		if err != nil {
			return resExprValue{}, fmt.Errorf("invalid percentage %q", p.src[start:p.pos])
		}
		return resExprValue{num: n / 100}, nil
	}
	unitStart := p.pos
	for p.pos < len(p.src) && unicode.IsLetter(rune(p.src[p.pos])) {
		p.pos++
	}
	if unit := p.src[unitStart:p.pos]; unit != "" {
		if !resExprUnits.Has(unit) {
			return resExprValue{}, fmt.Errorf("unknown unit %q in %q", unit, p.src[start:p.pos])
		}
		q, err := resource.ParseQuantity(p.src[start:p.pos])
		if err != nil {
			return resExprValue{}, fmt.Errorf("invalid quantity %q", p.src[start:p.pos])
		}
		return resExprValue{isQty: true, qty: q}, nil
	}
	n, err := strconv.ParseFloat(numeric, 64)
	if err != nil {
		return resExprValue{}, fmt.Errorf("invalid number %q", numeric)
	}
	return resExprValue{num: n}, nil
}
