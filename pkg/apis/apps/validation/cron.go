package validation

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseCronSchedule checks a schedule against the grammar the AdvancedCronJob controller's cron
// library accepts in its standard mode, returning why it is not accepted:
//
//   - an optional "TZ=<zone> " or "CRON_TZ=<zone> " prefix naming an IANA time zone;
//   - one of the descriptors @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly,
//     or "@every <duration>" (a Go duration such as 1h30m);
//   - or exactly five space-separated fields: minute (0-59), hour (0-23), day of month (1-31),
//     month (1-12 or jan-dec) and day of week (0-6 or sun-sat). Each field is a comma-separated
//     list of "*" or "?" (every value), a value, or a range "a-b", each optionally followed by a
//     step "/n"; "a/n" means from a to the field's maximum.
//
// Where the library is lenient (names are case-insensitive, empty list items are skipped, and
// anything after "*" up to the step is ignored) this check is lenient too, so that every schedule
// the controller can run is accepted.
func ParseCronSchedule(schedule string) error {
	if schedule == "" {
		return errors.New("schedule must not be empty")
	}
	spec := schedule
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		space := strings.IndexByte(spec, ' ')
		if space < 0 {
			return errors.New("a TZ= or CRON_TZ= prefix must be followed by a space and the schedule")
		}
		zone := spec[strings.IndexByte(spec, '=')+1 : space]
		if _, err := time.LoadLocation(zone); err != nil {
			return fmt.Errorf("unknown time zone %q: %v", zone, err)
		}
		spec = strings.TrimSpace(spec[space:])
	}
	if strings.HasPrefix(spec, "@") {
		return parseCronDescriptor(spec)
	}
	fields := strings.Fields(spec)
	if len(fields) != len(cronFields) {
		return fmt.Errorf("expected exactly %d fields (minute hour day-of-month month day-of-week), found %d", len(cronFields), len(fields))
	}
	for i, f := range fields {
		if err := cronFields[i].parse(f); err != nil {
			return fmt.Errorf("%s field %q: %v", cronFields[i].name, f, err)
		}
	}
	return nil
}

func parseCronDescriptor(spec string) error {
	switch spec {
	case "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly":
		return nil
	}
	if d, ok := strings.CutPrefix(spec, "@every "); ok {
		if _, err := time.ParseDuration(d); err != nil {
			return fmt.Errorf("@every needs a duration such as 90s or 1h30m: %v", err)
		}
		return nil
	}
	return fmt.Errorf("unknown descriptor %q", spec)
}

// cronField is the range and optional value names of one schedule field.
type cronField struct {
	name     string
	min, max int
	names    map[string]int
}

var cronFields = []cronField{
	{name: "minute", min: 0, max: 59},
	{name: "hour", min: 0, max: 23},
	{name: "day-of-month", min: 1, max: 31},
	{name: "month", min: 1, max: 12, names: map[string]int{
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
		"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
	}},
	{name: "day-of-week", min: 0, max: 6, names: map[string]int{
		"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
	}},
}

// parse checks a comma-separated list of ranges.
func (f cronField) parse(field string) error {
	for _, item := range strings.Split(field, ",") {
		if item == "" {
			continue
		}
		if err := f.parseRange(item); err != nil {
			return err
		}
	}
	return nil
}

// parseRange checks one "*", "?", "a" or "a-b", each with an optional "/step".
func (f cronField) parseRange(item string) error {
	span, stepText, hasStep := strings.Cut(item, "/")
	if strings.Contains(stepText, "/") {
		return fmt.Errorf("%q has more than one '/'", item)
	}
	var from, to int
	bounds := strings.Split(span, "-")
	if bounds[0] == "*" || bounds[0] == "?" {
		from, to = f.min, f.max
	} else {
		var err error
		if from, err = f.value(bounds[0]); err != nil {
			return err
		}
		switch len(bounds) {
		case 1:
			to = from
			if hasStep {
				to = f.max
			}
		case 2:
			if to, err = f.value(bounds[1]); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%q has more than one '-'", item)
		}
	}
	step := 1
	if hasStep {
		var err error
		if step, err = cronNumber(stepText); err != nil {
			return err
		}
	}
	switch {
	case from < f.min:
		return fmt.Errorf("%d is below the minimum %d", from, f.min)
	case to > f.max:
		return fmt.Errorf("%d is above the maximum %d", to, f.max)
	case from > to:
		return fmt.Errorf("range %q starts after it ends", span)
	case step == 0:
		return fmt.Errorf("step of %q must be positive", item)
	}
	return nil
}

// value reads a number or, for months and weekdays, a three-letter name.
func (f cronField) value(text string) (int, error) {
	if n, ok := f.names[strings.ToLower(text)]; ok {
		return n, nil
	}
	return cronNumber(text)
}

func cronNumber(text string) (int, error) {
	n, err := strconv.Atoi(text)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", text)
	}
	if n < 0 {
		return 0, fmt.Errorf("%d is negative", n)
	}
	return n, nil
}
