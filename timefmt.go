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

// TimeLayout is how a time is shown (2021-06-30 14:05), in Shanghai time.
const TimeLayout = "2006-01-02 15:04"
