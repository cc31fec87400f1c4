package zhaoshang

import "time"

// Shanghai is the time zone every screen and report shows; storage is UTC.
var Shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// FormatTime shows a stored time as 2021-06-30 14:05 in Beijing time.
func FormatTime(v any) string {
	switch t := v.(type) {
	case time.Time:
		return t.In(Shanghai).Format("2006-01-02 15:04")
	case string:
		return t
	}
	return ""
}
