package indicator

import "zhaoshang"

// Period is a run of months within one year that a report covers; the
// type lives in the domain so that the storage can count for it.
type Period = zhaoshang.Period

// YTD is the year to date through a month (1—6月): the period of every
// report unless it asks for another.
func YTD(through zhaoshang.Month) Period {
	return Period{From: zhaoshang.Month{Y: through.Y, M: 1}, Through: through, Span: zhaoshang.SpanYTD}
}

// Month is one month (6月).
func Month(m zhaoshang.Month) Period { return Period{From: m, Through: m, Span: zhaoshang.SpanMonth} }

// Quarter is quarter q (1–4) of the year (一季度).
func Quarter(year, q int) Period {
	return Period{From: zhaoshang.Month{Y: year, M: 3*q - 2}, Through: zhaoshang.Month{Y: year, M: 3 * q}, Span: zhaoshang.SpanQuarter}
}

// Half is half h (1–2) of the year (上半年, 下半年).
func Half(year, h int) Period {
	return Period{From: zhaoshang.Month{Y: year, M: 6*h - 5}, Through: zhaoshang.Month{Y: year, M: 6 * h}, Span: zhaoshang.SpanHalf}
}

// Year is the whole year (全年).
func Year(y int) Period {
	return Period{From: zhaoshang.Month{Y: y, M: 1}, Through: zhaoshang.Month{Y: y, M: 12}, Span: zhaoshang.SpanYear}
}
