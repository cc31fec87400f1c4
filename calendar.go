package zhaoshang

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Date is a calendar date without a time of day (a signing date, a start
// date). The zero Date means "not given". It is stored as the text
// 2021-06-03, which sorts and compares correctly in both databases.
type Date struct{ Y, M, D int }

// NewDate builds a date; it does not check that the day exists.
func NewDate(y, m, d int) Date { return Date{y, m, d} }

// DateOf is the calendar date of t in Beijing time.
func DateOf(t time.Time) Date {
	t = t.In(Shanghai)
	return Date{t.Year(), int(t.Month()), t.Day()}
}

// ParseDate reads 2021-06-03.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, err
	}
	return Date{t.Year(), int(t.Month()), t.Day()}, nil
}

// IsZero reports whether the date is not given.
func (d Date) IsZero() bool { return d.Y == 0 }

// Valid reports whether the day exists in the calendar.
func (d Date) Valid() bool {
	if d.Y < 1900 || d.Y > 9999 || d.M < 1 || d.M > 12 || d.D < 1 {
		return false
	}
	return d.D <= time.Date(d.Y, time.Month(d.M)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D)
}

// Chinese is 2021年6月3日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Y, d.M, d.D)
}

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.String() < e.String() }

// Month is the month the date falls in.
func (d Date) Month() Month { return Month{d.Y, d.M} }

// Time is midnight of the date in Beijing time.
func (d Date) Time() time.Time { return time.Date(d.Y, time.Month(d.M), d.D, 0, 0, 0, 0, Shanghai) }

// DaysUntil counts the days from d to e.
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Hours()/24 + 0.5)
}

// Value stores a date as text, NULL when not given.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a stored date (text, or a time from a DATE column).
func (d *Date) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		p, err := ParseDate(x)
		*d = p
		return err
	case []byte:
		p, err := ParseDate(string(x))
		*d = p
		return err
	case time.Time:
		*d = Date{x.Year(), int(x.Month()), x.Day()}
		return nil
	}
	return fmt.Errorf("cannot scan %T into Date", v)
}

// MarshalJSON writes "2021-06-03", or null when not given.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "2021-06-03" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' {
		return fmt.Errorf("date must be a string like \"2021-06-03\"")
	}
	p, err := ParseDate(string(b[1 : len(b)-1]))
	*d = p
	return err
}

// Month is a calendar month (funds are received per month; reports run
// through a month). The zero Month means "not given".
type Month struct{ Y, M int }

// ParseMonth reads 2021-06.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, err
	}
	return Month{t.Year(), int(t.Month())}, nil
}

func (m Month) IsZero() bool { return m.Y == 0 }

func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Y, m.M)
}

// Chinese is 2021年6月.
func (m Month) Chinese() string { return fmt.Sprintf("%d年%d月", m.Y, m.M) }

// Valid reports whether the month is a real one.
func (m Month) Valid() bool { return m.Y >= 1900 && m.Y <= 9999 && m.M >= 1 && m.M <= 12 }

// Add moves n months forward (or back).
func (m Month) Add(n int) Month {
	k := m.Y*12 + (m.M - 1) + n
	return Month{k / 12, k%12 + 1}
}

// Before reports whether m is earlier than o.
func (m Month) Before(o Month) bool { return m.Y < o.Y || (m.Y == o.Y && m.M < o.M) }

// Compare orders months: -1 when m is before o, 0 when equal, +1 after.
func (m Month) Compare(o Month) int {
	switch {
	case m.Before(o):
		return -1
	case o.Before(m):
		return 1
	}
	return 0
}

// First and Last are the first and last days of the month.
func (m Month) First() Date { return Date{m.Y, m.M, 1} }
func (m Month) Last() Date {
	return Date{m.Y, m.M, time.Date(m.Y, time.Month(m.M)+1, 0, 0, 0, 0, 0, time.UTC).Day()}
}

// MarshalJSON writes "2021-06", or null when not given.
func (m Month) MarshalJSON() ([]byte, error) {
	if m.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + m.String() + `"`), nil
}

// UnmarshalJSON reads "2021-06" or null.
func (m *Month) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = Month{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' {
		return fmt.Errorf("month must be a string like \"2021-06\"")
	}
	p, err := ParseMonth(string(b[1 : len(b)-1]))
	*m = p
	return err
}

// Value stores a month as text 2021-06.
func (m Month) Value() (driver.Value, error) {
	if m.IsZero() {
		return nil, nil
	}
	return m.String(), nil
}

// Scan reads a stored month.
func (m *Month) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*m = Month{}
		return nil
	case string:
		p, err := ParseMonth(x)
		*m = p
		return err
	case []byte:
		p, err := ParseMonth(string(x))
		*m = p
		return err
	}
	return fmt.Errorf("cannot scan %T into Month", v)
}
