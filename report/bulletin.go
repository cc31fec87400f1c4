package report

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
)

// This file writes 季通报, the quarterly bulletin: the counties ranked by
// the composite score of a scoring scheme, a 晾晒 table of the first and the last
// three, and paragraphs in the tone of an official document.

// Bulletin is one quarter's bulletin.
type Bulletin struct {
	Title      string           // 黔东南州2021年第二季度招商引资工作通报
	Period     zhaoshang.Period // the year to date through the quarter's last month
	Unit       *zhaoshang.OrgUnit
	Scheme     zhaoshang.Scheme
	Scores     []CountyScore // best first
	Top        []CountyScore // 晾晒: the first three
	Bottom     []CountyScore // 晾晒: the last three, last first
	Paragraphs []string
	Annual     bool // 年考核: the whole year's figures against the year's targets
}

var quarterWords = []string{"一", "二", "三", "四"}

// QuarterPeriod is the year to date through quarter q's last month: the
// period a bulletin for that quarter reports on.
func QuarterPeriod(year, q int) zhaoshang.Period {
	return indicator.YTD(zhaoshang.Month{Y: year, M: 3 * q})
}

// BulletinTitle is 黔东南州2021年第二季度招商引资工作通报.
func BulletinTitle(unit *zhaoshang.OrgUnit, year, q int) string {
	name := ""
	if unit != nil {
		name = unit.Name
	}
	return fmt.Sprintf("%s%d年第%s季度招商引资工作通报", name, year, quarterWords[q-1])
}

// NewBulletin builds the bulletin of quarter q (1–4) from the report of the
// year to date through the quarter (QuarterPeriod) and the scheme.
func NewBulletin(rep *indicator.Report, q int, s zhaoshang.Scheme) (Bulletin, error) {
	if q < 1 || q > 4 {
		return Bulletin{}, fmt.Errorf("季度须为1至4，不能是%d", q)
	}
	return scored(rep, BulletinTitle(rep.Unit, rep.Period.Year(), q), s, false)
}

// scored ranks the counties of the report by the scheme and writes the
// paragraphs: what a bulletin and an assessment share.
func scored(rep *indicator.Report, title string, s zhaoshang.Scheme, annual bool) (Bulletin, error) {
	if err := s.Validate(indicator.Names); err != nil {
		return Bulletin{}, err
	}
	b := Bulletin{Title: title, Period: rep.Period, Unit: rep.Unit, Scheme: s, Scores: Score(rep, s), Annual: annual}
	k := min(3, len(b.Scores))
	b.Top = b.Scores[:k]
	for i := len(b.Scores) - 1; i >= len(b.Scores)-k; i-- {
		b.Bottom = append(b.Bottom, b.Scores[i])
	}
	b.Paragraphs = append(b.Paragraphs, ReportNarrative(rep))
	if len(b.Scores) > 0 {
		b.Paragraphs = append(b.Paragraphs, rankingParagraph(b))
	}
	if p := laggingParagraph(rep, s, annual); p != "" {
		b.Paragraphs = append(b.Paragraphs, p)
	}
	return b, nil
}

func names(list []CountyScore) string {
	var s []string
	for _, c := range list {
		s = append(s, c.Name)
	}
	return strings.Join(s, "、")
}

func points(list []CountyScore) string {
	var s []string
	for _, c := range list {
		s = append(s, FormatPoints(c.ExactTotal()))
	}
	return strings.Join(s, "分、") + "分"
}

// rankingParagraph names the first and the last three.
func rankingParagraph(b Bulletin) string {
	var w strings.Builder
	what := "综合得分"
	if b.Annual {
		what = "年度考核得分"
	}
	fmt.Fprintf(&w, "按照%d年度招商引资工作综合评分办法，%s各县（市）%s排名前三位的是%s，分别得%s", b.Period.Year(), b.Period.Label(), what, names(b.Top), points(b.Top))
	if len(b.Scores) > 3 {
		last := make([]CountyScore, len(b.Bottom))
		for i, c := range b.Bottom {
			last[len(b.Bottom)-1-i] = c
		}
		ask := "认真分析原因，采取有力措施，确保完成全年目标任务"
		if b.Annual {
			ask = "认真分析原因，切实改进工作"
		}
		fmt.Fprintf(&w, "；排名后三位的是%s，分别得%s，请%s%s", names(last), points(last), names(last), ask)
	}
	w.WriteString("。")
	return w.String()
}

// laggingParagraph names, for each scored indicator with targets, the
// counties whose completion is below 序时进度.
// For the whole year (annual) it names those that missed the target.
func laggingParagraph(rep *indicator.Report, s zhaoshang.Scheme, annual bool) string {
	var parts []string
	judged := false
	for _, it := range s.Items {
		def := indicator.Lookup(it.Indicator)
		if def == nil {
			continue
		}
		k := defIndex(def)
		var lag []string
		for _, c := range rep.Counties {
			r := c.Rows[k]
			if r.Ahead == nil {
				continue
			}
			judged = true
			if !*r.Ahead {
				lag = append(lag, c.Unit.Name)
			}
		}
		if len(lag) > 0 {
			what := "完成进度低于序时进度的有"
			if annual {
				what = "未完成年度目标任务的有"
			}
			parts = append(parts, shortName(def)+what+strings.Join(lag, "、")+"（"+strconv.Itoa(len(lag))+"个）")
		}
	}
	if !judged {
		return ""
	}
	if annual {
		if len(parts) == 0 {
			return "各县（市）重点指标均完成年度目标任务。"
		}
		return strings.Join(parts, "；") + "。请上述县（市）深刻反思、查找差距，在新的一年奋力追赶。"
	}
	tp := indicator.FormatPercent(rep.Period.TimeProgress())
	if len(parts) == 0 {
		return "各县（市）重点指标完成进度均达到序时进度（" + tp + "%）要求。"
	}
	return "对照序时进度（" + tp + "%），" + strings.Join(parts, "；") + "。请上述县（市）对标对表、挂图作战，加快补齐短板。"
}

// RankingTable is the ranking table: a header row and one row per county.
func (b Bulletin) RankingTable() [][]string {
	head := []string{"排名", "县（市）"}
	for _, it := range b.Scheme.Items {
		if d := indicator.Lookup(it.Indicator); d != nil {
			head = append(head, shortName(d)+"（"+trimZeros(strconv.FormatFloat(it.Weight, 'f', -1, 64))+"分）")
		}
	}
	head = append(head, "加分", "减分", "综合得分")
	out := [][]string{head}
	for _, c := range b.Scores {
		row := []string{strconv.Itoa(c.Rank), c.Name}
		for _, it := range c.Items {
			row = append(row, FormatPoints(it.ExactPoints()))
		}
		row = append(row, FormatPoints(rat(c.Bonus)), FormatPoints(rat(c.Penalty)), FormatPoints(c.ExactTotal()))
		out = append(out, row)
	}
	return out
}

// ShameTable is the 晾晒 table: the first three and the last three.
func (b Bulletin) ShameTable() [][]string {
	out := [][]string{{"类别", "县（市）", "综合得分", "排名"}}
	for _, c := range b.Top {
		out = append(out, []string{"前三位", c.Name, FormatPoints(c.ExactTotal()), strconv.Itoa(c.Rank)})
	}
	for _, c := range b.Bottom {
		out = append(out, []string{"后三位", c.Name, FormatPoints(c.ExactTotal()), strconv.Itoa(c.Rank)})
	}
	return out
}

// HTML is the bulletin as a printable, self-contained HTML page (A4).
func HTML(b Bulletin) []byte {
	var w bytes.Buffer
	e := html.EscapeString
	w.WriteString(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>` + e(b.Title) + `</title>
<style>
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
body { font-family: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", serif; font-size: 16pt; line-height: 28pt; color: #000; max-width: 15.6cm; margin: 0 auto; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", serif; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 28pt; }
h2 { font-family: "SimHei", "黑体", "STHeiti", sans-serif; font-size: 16pt; font-weight: normal; margin: 14pt 0 0; text-indent: 2em; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.4; margin: 8pt 0; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; }
th { font-family: "SimHei", "黑体", sans-serif; font-weight: normal; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
</style>
</head>
<body>
<h1>` + e(b.Title) + `</h1>
`)
	for _, p := range b.Paragraphs {
		w.WriteString("<p>" + e(p) + "</p>\n")
	}
	table := func(heading, class string, rows [][]string) {
		w.WriteString("<h2>" + e(heading) + "</h2>\n<table class=\"" + class + "\">\n<thead><tr>")
		for _, h := range rows[0] {
			w.WriteString("<th>" + e(h) + "</th>")
		}
		w.WriteString("</tr></thead>\n<tbody>\n")
		for _, r := range rows[1:] {
			w.WriteString("<tr>")
			for _, c := range r {
				w.WriteString("<td>" + e(c) + "</td>")
			}
			w.WriteString("</tr>\n")
		}
		w.WriteString("</tbody>\n</table>\n")
	}
	table("附表1  各县（市）综合得分排名", "ranking", b.RankingTable())
	table("附表2  晾晒表（前三位、后三位）", "shame", b.ShameTable())
	w.WriteString("</body>\n</html>\n")
	return w.Bytes()
}
