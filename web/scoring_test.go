package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var scoreRowRE = regexp.MustCompile(`<tr class="score-row" data-rank="(\d+)">`)

func TestTheBulletinPageRanksTheSixteenCountiesAndDownloadsInThreeFormats(t *testing.T) {
	a := withDemo(t)
	bureau := a.as(t, "t_bureau")
	resp, body := do(t, bureau, "GET", a.URL+"/reports/bulletin?quarter=2021Q2", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d", resp.StatusCode)
	}
	for _, want := range []string{"黔东南州2021年第二季度招商引资工作通报", "1—6月，全州新引进重点产业项目289个", "综合得分排名前三位的是", "本年度未单独设定考核办法，按默认办法评分", `id="scored-shame"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the bulletin lacks %q", want)
		}
	}
	if rows := scoreRowRE.FindAllStringSubmatch(body, -1); len(rows) != 16 || rows[0][1] != "1" {
		t.Errorf("%d ranked rows", len(rows))
	}
	for format, magic := range map[string]string{"docx": "PK", "xlsx": "PK", "html": "<!DOCTYPE html>"} {
		resp, data := do(t, bureau, "GET", a.URL+"/reports/bulletin/download?quarter=2021Q2&format="+format, nil)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(data, magic) {
			t.Errorf("%s: %d %q", format, resp.StatusCode, data[:min(20, len(data))])
		}
	}
	if resp, _ := do(t, bureau, "GET", a.URL+"/reports/bulletin/download?quarter=2021Q2&format=pdf", nil); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a pdf: %d", resp.StatusCode)
	}
	if resp, _ := do(t, bureau, "GET", a.URL+"/reports/bulletin?quarter=2021Q9", nil); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("quarter 9: %d", resp.StatusCode)
	}
}

func TestTheAssessmentPageScoresTheWholeYear(t *testing.T) {
	a := withDemo(t)
	resp, body := do(t, a.as(t, "t_leader"), "GET", a.URL+"/reports/assessment?year=2020", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d", resp.StatusCode)
	}
	if !strings.Contains(body, "黔东南州2020年度招商引资工作考核结果") || !strings.Contains(body, "年度考核得分排名前三位的是") || strings.Contains(body, `id="scored-incomplete"`) {
		t.Error("the 2020 assessment lacks its title or ranking, or calls the year unfinished")
	}
	if rows := scoreRowRE.FindAllStringSubmatch(body, -1); len(rows) != 16 {
		t.Errorf("%d ranked rows", len(rows))
	}
}

func TestACountyClerkIsToldThatRankingIsTheBureausAndSeesNoOtherCounty(t *testing.T) {
	a := withDemo(t)
	resp, body := do(t, a.as(t, "t_kaili"), "GET", a.URL+"/reports/bulletin?quarter=2021Q2", nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "“凯里市”下没有县（市），无法排名") || strings.Contains(body, "黄平县") {
		t.Errorf("%d\n%s", resp.StatusCode, body)
	}
}

// schemeForm is the default scheme as the page posts it, with changes.
func schemeForm(year, version string, change map[string]string) url.Values {
	f := url.Values{"year": {year}, "version": {version},
		"w_new_key_projects": {"25"}, "c_new_key_projects": {"120"}, "w_contract_investment": {"15"}, "c_contract_investment": {"120"},
		"w_funds_in_place": {"25"}, "c_funds_in_place": {"120"}, "w_key_funds_in_place": {"20"}, "c_key_funds_in_place": {"120"},
		"w_new_strong_enterprises": {"10"}, "c_new_strong_enterprises": {"120"}, "w_industrial_funds_share": {"5"}, "c_industrial_funds_share": {"120"},
		"bonus_0_name": {""}, "bonus_0_points": {""}, "penalty_0_name": {""}, "penalty_0_points": {""}}
	for k, v := range change {
		f.Set(k, v)
	}
	return f
}

func TestTheBureauSetsTheYearsSchemeAndTheBulletinScoresByIt(t *testing.T) {
	a := withDemo(t)
	bureau := a.as(t, "t_bureau")
	_, before := do(t, bureau, "GET", a.URL+"/reports/bulletin?quarter=2021Q2", nil)

	// weights adding up to 105: refused, shown as typed, nothing kept
	resp, body := do(t, bureau, "POST", a.URL+"/reports/scheme", schemeForm("2021", "0", map[string]string{"w_new_key_projects": "30"}))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "各项分值合计须为100分，现为105分") || !strings.Contains(body, `name="w_new_key_projects" value="30"`) {
		t.Fatalf("a bad scheme: %d\n%s", resp.StatusCode, body)
	}
	// a penalty of 10 points on 凯里市
	kaili := a.Tree.ByCode("522601")
	good := schemeForm("2021", "0", map[string]string{"penalty_0_name": "统计数据核查发现问题", "penalty_0_points": "10", "penalty_0_counties": kaili.Code})
	resp, _ = do(t, bureau, "POST", a.URL+"/reports/scheme", good)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/reports/scheme?year=2021" {
		t.Fatalf("save: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = do(t, bureau, "GET", a.URL+"/reports/scheme?year=2021", nil)
	if !strings.Contains(body, `value="统计数据核查发现问题"`) || !strings.Contains(body, `<option value="522601" selected>凯里市</option>`) || !strings.Contains(body, "最后修改于") {
		t.Error("the saved penalty is not shown")
	}
	_, after := do(t, bureau, "GET", a.URL+"/reports/bulletin?quarter=2021Q2", nil)
	if !strings.Contains(after, "按本年度考核办法评分") || !strings.Contains(after, ">10.00</td>") {
		t.Error("the bulletin does not score by the saved scheme")
	}
	if b, af := countyRank(before, "凯里市"), countyRank(after, "凯里市"); b == 0 || !(af > b || af == 16) {
		t.Errorf("凯里市 ranked %d before and %d after a 10-point penalty", b, af)
	}
	// saving again over the version read before is refused, naming who changed it
	resp, body = do(t, bureau, "POST", a.URL+"/reports/scheme", good)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "t_bureau") {
		t.Errorf("a stale save: %d", resp.StatusCode)
	}
	// a county clerk may read the scheme but not change it
	clerk := a.as(t, "t_kaili")
	if resp, body := do(t, clerk, "GET", a.URL+"/reports/scheme?year=2021", nil); resp.StatusCode != http.StatusOK || strings.Contains(body, `id="save-scheme"`) {
		t.Errorf("the clerk's view: %d", resp.StatusCode)
	}
	if resp, _ := do(t, clerk, "POST", a.URL+"/reports/scheme", schemeForm("2021", "1", nil)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the clerk saves: %d", resp.StatusCode)
	}
}

// countyRank is the rank of the county's row in the ranking table.
func countyRank(body, name string) int {
	m := regexp.MustCompile(`<tr class="score-row" data-rank="(\d+)"><td class="">\d+</td><td class=" text-nowrap">` + name + `</td>`).FindStringSubmatch(body)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}
