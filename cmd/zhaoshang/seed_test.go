package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The must-show: zhaoshang demo, then report indicators for
// 2021-06 as JSON gives the seed's figures (section 一 of the summary).
func TestDemoThenReportIndicatorsGivesTheSeedsFigures(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "seed.db")
	if code, _, e := runCmd(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	code, out, e := runCmd(t, "report", "indicators", "--through", "2021-06", "--format", "json", "--db", db)
	if code != 0 {
		t.Fatalf("report: %d %s", code, e)
	}
	var rep struct {
		Org        struct{ Code, Name string }
		Period     struct{ From, Through string }
		Indicators []struct {
			Code       string
			Value      float64
			Previous   *float64
			Target     *float64
			Completion *float64
			YoY        *float64 `json:"yoy"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Org.Code != "522600" || rep.Period.From != "2021-01" || rep.Period.Through != "2021-06" {
		t.Errorf("org %+v period %+v", rep.Org, rep.Period)
	}
	round1 := func(v float64) float64 { return float64(int64(v*10+0.5)) / 10 } // half-up, positive values
	yi := func(v float64) float64 { return round1(v / 1e8) }
	got := map[string]float64{}
	for _, in := range rep.Indicators {
		switch in.Code {
		case "contract_investment", "funds_in_place", "key_funds_in_place", "industrial_funds_in_place":
			got[in.Code] = yi(in.Value)
		case "industrial_funds_share", "start_rate", "production_rate":
			got[in.Code] = round1(in.Value)
		default:
			got[in.Code] = in.Value
		}
		if in.Code == "new_key_projects" {
			if in.Previous == nil || *in.Previous != 263 || in.Target == nil || *in.Target != 450 ||
				round1(*in.Completion) != 64.2 || round1(*in.YoY) != 9.9 {
				t.Errorf("new_key_projects: %+v", in)
			}
		}
		if in.Code == "key_funds_in_place" && (in.Completion == nil || round1(*in.Completion) != 51.8 || round1(*in.YoY) != 12.8) {
			t.Errorf("key_funds_in_place: %+v", in)
		}
		if in.Code == "new_strong_enterprises" && (in.YoY == nil || round1(*in.YoY) != 15.7) {
			t.Errorf("new_strong_enterprises: %+v", in)
		}
	}
	want := map[string]float64{
		"new_key_projects": 289, "contract_investment": 355.7, "new_strong_enterprises": 118,
		"funds_in_place": 314.5, "key_funds_in_place": 217.4, "industrial_funds_in_place": 128.2,
		"industrial_funds_share": 58.9, "started_projects": 286, "start_rate": 99.0,
		"producing_projects": 109, "production_rate": 37.7,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, the seed says %v", k, got[k], v)
		}
	}
}

func TestReportDispatchWritesTheOfficialTable(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "d.db")
	if code, _, e := runCmd(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	out := filepath.Join(dir, "dispatch.xlsx")
	code, stdout, e := runCmd(t, "report", "dispatch", "--through", "2021-06", "--out", out, "--db", db)
	if code != 0 {
		t.Fatalf("report dispatch: %d %s", code, e)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetName(0))
	if len(rows) < 20 || !strings.Contains(rows[0][0], "黔东南州2021年1—6月") || !strings.Contains(stdout, "调度表") {
		t.Errorf("%d rows, title %q, said %q", len(rows), rows[0][0], stdout)
	}
	if code, _, _ := runCmd(t, "report", "dispatch", "--through", "2021-13", "--out", out, "--db", db); code != 2 {
		t.Errorf("a bad month: exit %d", code)
	}
}
