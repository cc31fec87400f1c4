package zhaoshang

// This file holds the vocabulary that the data-quality checks (package
// quality), the report checker (package reportcheck), the storage and the
// screens share: how serious a finding is, and where it stands.

// Severity is how serious a data-quality finding is.
type Severity string

const (
	SeverityError   Severity = "error"   // 严重: the figure is wrong as it stands
	SeverityWarning Severity = "warning" // 警告: implausible; someone must look
	SeverityInfo    Severity = "info"    // 提示: unusual, worth a glance
)

// Label is the severity in the words of the screens: 严重, 警告, 提示.
func (s Severity) Label() string {
	switch s {
	case SeverityError:
		return "严重"
	case SeverityWarning:
		return "警告"
	case SeverityInfo:
		return "提示"
	}
	return string(s)
}

// Rank orders severities, most serious first (error 0, warning 1, info 2).
func (s Severity) Rank() int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}
