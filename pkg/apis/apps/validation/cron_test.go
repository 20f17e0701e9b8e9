package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseCronScheduleAcceptsWhatTheControllerRuns(t *testing.T) {
	for _, s := range []string{
		"* * * * *",
		"0 0 * * ?",
		"*/5 * * * *",
		"0 9-17 * * 1-5",
		"0 9-17/2 1,15 * *",
		"5/10 * * * *",        // from minute 5 to 59 every 10 minutes
		"0 0 1 jan,JUL *",     // month names, any case
		"30 6 * * mon-fri",    // weekday name range
		"0 0 31 12 6",         // field maxima
		"0 0 1,,15 * *",       // empty list items are skipped
		"*/60 * * * *",        // a step larger than the range
		"  0   12  *  *  *  ", // extra spaces
		"TZ=UTC 0 6 * * *",    // time zone prefix
		"CRON_TZ=Asia/Shanghai 0 6 * * *",
		"TZ=Europe/Berlin @daily", // prefix before a descriptor
		"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly",
		"@every 1h30m",
		"@every 10s",
	} {
		assert.NoError(t, ParseCronSchedule(s), s)
	}
}

func TestParseCronScheduleRejectsMalformedSchedules(t *testing.T) {
	for _, s := range []string{
		"",
		"* * * *",         // four fields
		"0 * * * * *",     // six fields (no seconds field in the standard mode)
		"60 * * * *",      // minute above 59
		"0 24 * * *",      // hour above 23
		"0 0 0 * *",       // day of month below 1
		"0 0 * 13 *",      // month above 12
		"0 0 * * 7",       // weekday above 6
		"0 0 * * funday",  // unknown name
		"0 0 * foo *",     // not a number
		"5-1 * * * *",     // backwards range
		"1-2-3 * * * *",   // two hyphens
		"*/5/2 * * * *",   // two slashes
		"*/0 * * * *",     // zero step
		"*/ * * * *",      // missing step
		"-5 * * * *",      // missing range start
		"5- * * * *",      // missing range end
		"0 0 * jan/feb *", // names are not steps
		"@daily ",         // descriptors are matched exactly
		"@fortnightly",    // unknown descriptor
		"@every forever",  // not a duration
		"TZ=UTC",          // prefix without a schedule
		"TZ=Mars/Olympus * * * * *",
		"CRON_TZ=UTC 61 * * * *",
	} {
		assert.Error(t, ParseCronSchedule(s), s)
	}
}
