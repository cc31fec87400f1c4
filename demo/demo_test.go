package demo_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"zhaoshang"
	"zhaoshang/demo"
	"zhaoshang/ledger"
	"zhaoshang/sqldb"
)

// loaded is a database with the demo data and a raw reader of its file.
type loaded struct {
	db  *sqldb.DB
	raw *sql.DB
	svc demo.Services
	ctx context.Context
}

// open loads the demo into a fresh SQLite database in dir.
func open(dir string) (*loaded, error) {
	ctx := zhaoshang.SystemContext(context.Background())
	path := filepath.Join(dir, "demo.db")
	db, err := sqldb.Open(ctx, "sqlite:"+path)
	if err != nil {
		return nil, err
	}
	if err := sqldb.NewOrgService(db).ImportTree(ctx, ledger.DefaultOrgRows()); err != nil {
		return nil, err
	}
	svc := demo.Services{Org: sqldb.NewOrgService(db), Projects: sqldb.NewProjectService(db), Enterprises: sqldb.NewEnterpriseService(db),
		Targets: sqldb.NewTargetService(db), Reviews: sqldb.NewReviewService(db)}
	start := time.Now()
	if err := demo.Load(ctx, svc); err != nil {
		return nil, err
	}
	fmt.Printf("demo.Load took %v\n", time.Since(start))
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	return &loaded{db, raw, svc, ctx}, nil
}

func (l *loaded) close() {
	l.raw.Close()
	l.db.Close()
}

// shared is the demo loaded once for the tests that only read it.
var shared *loaded

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zhaoshang-demo-")
	if err != nil {
		panic(err)
	}
	if shared, err = open(dir); err != nil {
		fmt.Fprintln(os.Stderr, "demo.Load:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	shared.close()
	os.RemoveAll(dir)
	os.Exit(code)
}

// yi shows 元 as 亿元 with one decimal, rounded half-up.
func yi(v int64) string {
	q := (v + 5_000_000) / 10_000_000 // tenths of 亿
	return fmt.Sprintf("%d.%d", q/10, q%10)
}

// pct shows a/b×100 with one decimal, rounded half-up.
func pct(a, b int64) string {
	q := (2*a*1000 + b) / (2 * b)
	return fmt.Sprintf("%d.%d", q/10, q%10)
}

// growth shows (a−b)/b×100 with one decimal, rounded half-up (a > b).
func growth(a, b int64) string { return pct(a-b, b) }

func (l *loaded) int(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	var v sql.NullInt64
	if err := l.raw.QueryRow(q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v.Int64
}

// keyWhere selects the live key projects signed in the half year.
const keyWhere = `FROM projects p WHERE p.key_industry AND NOT p.voided AND p.signed_on BETWEEN $1 AND $2`

// funds sums the live receipts of live projects in the months.
func (l *loaded) funds(t *testing.T, from, to, cond string) int64 {
	return l.int(t, `SELECT SUM(r.amount) FROM fund_receipts r JOIN projects p ON p.id = r.project_id
		WHERE NOT r.voided AND NOT p.voided AND r.month BETWEEN $1 AND $2`+cond, from, to)
}

// strongFirst counts the strong enterprises whose first live project (key
// projects only when keyOnly) is signed in the period.
func (l *loaded) strongFirst(t *testing.T, from, to string, keyOnly bool) int {
	cond := ""
	if keyOnly {
		cond = " AND p.key_industry"
	}
	rows, err := l.raw.Query(`SELECT e.tags, MIN(p.signed_on) FROM enterprises e JOIN projects p ON p.enterprise_id = e.id
		WHERE NOT p.voided` + cond + ` GROUP BY e.id, e.tags`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var tagsJSON, first string
		if err := rows.Scan(&tagsJSON, &first); err != nil {
			t.Fatal(err)
		}
		var tags []string
		json.Unmarshal([]byte(tagsJSON), &tags)
		strong := slices.ContainsFunc(tags, func(s string) bool { return slices.Contains(zhaoshang.DefaultStrongTags(), s) })
		if strong && first >= from && first <= to {
			n++
		}
	}
	return n
}

func TestTheDemoReproducesTheSeedsFigures(t *testing.T) {
	l := shared
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %s, want %s", what, got, want)
		}
	}
	const from21, to21, from20, to20 = "2021-01-01", "2021-06-30", "2020-01-01", "2020-06-30"

	// section 一, 1—6月 2021, and the same period of 2020
	n21 := l.int(t, "SELECT COUNT(*) "+keyWhere, from21, to21)
	n20 := l.int(t, "SELECT COUNT(*) "+keyWhere, from20, to20)
	c21 := l.int(t, "SELECT SUM(p.contract_investment) "+keyWhere, from21, to21)
	c20 := l.int(t, "SELECT SUM(p.contract_investment) "+keyWhere, from20, to20)
	check("new_key_projects 2021", fmt.Sprint(n21), "289")
	check("new_key_projects 2020", fmt.Sprint(n20), "263")
	check("key projects YoY", growth(n21, n20), "9.9")
	target := func(indicator string) int64 {
		return l.int(t, `SELECT t.value FROM targets t JOIN org_units o ON o.id = t.org_unit_id
			WHERE t.year = 2021 AND o.code = '522600' AND t.indicator = $1`, indicator)
	}
	check("key projects completion", pct(n21, target("new_key_projects")), "64.2")
	check("contract_investment 2021", yi(c21), "355.7")
	check("contract_investment 2020", yi(c20), "337.2")
	check("contract investment YoY", growth(c21, c20), "5.5")

	s21, s20 := l.strongFirst(t, from21, to21, false), l.strongFirst(t, from20, to20, false)
	check("new_strong_enterprises 2021", fmt.Sprint(s21), "118")
	check("new_strong_enterprises 2020", fmt.Sprint(s20), "102")
	check("strong YoY", growth(int64(s21), int64(s20)), "15.7")
	// counting only key projects as "signed projects" gives the same figures
	check("strong 2021 (key projects only)", fmt.Sprint(l.strongFirst(t, from21, to21, true)), "118")
	check("strong 2020 (key projects only)", fmt.Sprint(l.strongFirst(t, from20, to20, true)), "102")

	f21 := l.funds(t, "2021-01", "2021-06", "")
	k21 := l.funds(t, "2021-01", "2021-06", " AND p.key_industry")
	i21 := l.funds(t, "2021-01", "2021-06", " AND p.key_industry AND p.industrial")
	k20 := l.funds(t, "2020-01", "2020-06", " AND p.key_industry")
	check("funds_in_place 2021", yi(f21), "314.5")
	check("funds completion", pct(f21, target("funds_in_place")), "52.4")
	check("key_funds_in_place 2021", yi(k21), "217.4")
	check("key funds completion", pct(k21, target("key_funds_in_place")), "51.8")
	check("key_funds_in_place 2020", yi(k20), "192.7")
	check("key funds YoY", growth(k21, k20), "12.8")
	check("industrial_funds_in_place 2021", yi(i21), "128.2")
	check("industrial share", pct(i21, k21), "58.9")

	started := l.int(t, "SELECT COUNT(*) "+keyWhere+" AND p.started_on <= $2", from21, to21)
	producing := l.int(t, "SELECT COUNT(*) "+keyWhere+" AND p.producing_on <= $2", from21, to21)
	check("started_projects", fmt.Sprint(started), "286")
	check("start_rate", pct(started, n21), "99.0")
	check("producing_projects", fmt.Sprint(producing), "109")
	check("production_rate", pct(producing, n21), "37.7")
	started20 := l.int(t, "SELECT COUNT(*) "+keyWhere+" AND p.started_on <= $2", from20, to20)
	producing20 := l.int(t, "SELECT COUNT(*) "+keyWhere+" AND p.producing_on <= $2", from20, to20)
	check("start rate 2020", pct(started20, n20), "95.4")
	check("production rate 2020", pct(producing20, n20), "33.8")

	// the package's constants are these very amounts
	for _, c := range []struct {
		what      string
		got, want int64
	}{
		{"ContractInvestment21", c21, int64(demo.ContractInvestment21)}, {"ContractInvestment20", c20, int64(demo.ContractInvestment20)},
		{"FundsInPlace21", f21, int64(demo.FundsInPlace21)}, {"KeyFunds21", k21, int64(demo.KeyFunds21)},
		{"IndustrialFunds21", i21, int64(demo.IndustrialFunds21)}, {"KeyFunds20", k20, int64(demo.KeyFunds20)},
	} {
		if c.got != c.want {
			t.Errorf("%s: records add up to %d, constant says %d", c.what, c.got, c.want)
		}
	}

	// section 二(三): by area, counts and total investment of the 289
	rows, err := l.raw.Query("SELECT p.area, COUNT(*), SUM(p.total_investment) "+keyWhere+" GROUP BY p.area", from21, to21)
	if err != nil {
		t.Fatal(err)
	}
	byArea := map[string]string{}
	for rows.Next() {
		var area string
		var n, total int64
		rows.Scan(&area, &n, &total)
		byArea[area] = fmt.Sprintf("%d/%s", n, zhaoshang.Money(total).FormatYi(2))
	}
	rows.Close()
	want := map[string]string{"新型工业化": "175/219.49", "新型城镇化": "37/57.70", "农业现代化": "41/18.28", "旅游产业化": "34/166.40", "其他": "2/3.13"}
	if !reflect.DeepEqual(byArea, want) {
		t.Errorf("by area = %v, want %v", byArea, want)
	}
	for _, a := range demo.Areas21 {
		if got := l.int(t, "SELECT SUM(p.total_investment) "+keyWhere+" AND p.area = $3", from21, to21, string(a.Area)); got != int64(a.TotalInvestment) {
			t.Errorf("%s total investment = %d, want %d", a.Area, got, a.TotalInvestment)
		}
	}
}

func TestVoidedRecordsExistAndAreLeftOut(t *testing.T) {
	l := shared
	vp := l.int(t, "SELECT COUNT(*) FROM projects WHERE voided AND void_reason <> ''")
	vr := l.int(t, "SELECT COUNT(*) FROM fund_receipts WHERE voided AND void_reason <> ''")
	if vp < 5 || vr < 10 {
		t.Errorf("voided projects %d, voided receipts %d: want a few of each, with reasons", vp, vr)
	}
	if n := l.int(t, "SELECT COUNT(*) FROM projects WHERE voided AND void_reason = ''"); n != 0 {
		t.Errorf("%d voided projects without a reason", n)
	}
	// counted with the voided records, the figures would be wrong
	all := l.int(t, "SELECT COUNT(*) FROM projects WHERE key_industry AND signed_on BETWEEN '2021-01-01' AND '2021-06-30'")
	if all <= 289 {
		t.Errorf("no voided key project in 1—6月 2021 (%d with them)", all)
	}
	allFunds := l.int(t, "SELECT SUM(amount) FROM fund_receipts WHERE month BETWEEN '2021-01' AND '2021-06'")
	if allFunds <= int64(demo.FundsInPlace21) || yi(allFunds) == "314.5" {
		t.Errorf("voided receipts of 1—6月 2021 do not matter: %d", allFunds)
	}
	foreignVoided := l.int(t, "SELECT COUNT(*) FROM fund_receipts WHERE voided AND source = '境外' AND month >= '2021-01'")
	if foreignVoided == 0 {
		t.Error("no voided 境外 receipt in 2021")
	}
	// the exports leave them out too
	ps, err := l.svc.Projects.ExportProjects(l.ctx, zhaoshang.ProjectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(ps)) != l.int(t, "SELECT COUNT(*) FROM projects WHERE NOT voided") {
		t.Errorf("export holds %d projects", len(ps))
	}
}

func TestTheDataIsASpreadOfPlausibleRecords(t *testing.T) {
	l := shared
	// every county has key projects in 1—6月 2021, 凯里市 the most
	rows, err := l.raw.Query(`SELECT o.code, COUNT(p.id) FROM org_units o LEFT JOIN projects p ON p.org_unit_id = o.id
		AND p.key_industry AND NOT p.voided AND p.signed_on BETWEEN '2021-01-01' AND '2021-06-30'
		WHERE o.kind = 'county' GROUP BY o.code ORDER BY COUNT(p.id) DESC, o.code`)
	if err != nil {
		t.Fatal(err)
	}
	var byCounty []string
	for rows.Next() {
		var code string
		var n int
		rows.Scan(&code, &n)
		if n == 0 {
			t.Errorf("county %s has no key project in 1—6月 2021", code)
		}
		byCounty = append(byCounty, fmt.Sprintf("%s:%d", code, n))
	}
	rows.Close()
	if len(byCounty) != 16 || !strings.HasPrefix(byCounty[0], "522601:") {
		t.Errorf("key projects by county: %v", byCounty)
	}
	t.Logf("key projects 1—6月 2021 by county: %v", byCounty)

	// every month of 2021 H1 has signings, more from March to June
	var jan, jun int64
	for m := 1; m <= 6; m++ {
		n := l.int(t, "SELECT COUNT(*) FROM projects WHERE NOT voided AND key_industry AND signed_on LIKE $1", fmt.Sprintf("2021-%02d-%%", m))
		if n == 0 {
			t.Errorf("no key project signed in 2021-%02d", m)
		}
		if m == 1 {
			jan = n
		}
		if m == 6 {
			jun = n
		}
	}
	if jun <= jan {
		t.Errorf("June (%d) should see more signings than January (%d)", jun, jan)
	}
	// industrial key projects belong to the nine 100-billion industries
	nine := []string{"铝加工", "玻璃", "钡化工", "生态特色食品加工", "民族医药", "民族工艺品加工", "木材加工", "新能源电池", "电子信息"}
	rows, _ = l.raw.Query("SELECT DISTINCT industry FROM projects WHERE key_industry AND area = '新型工业化'")
	var inds []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		inds = append(inds, s)
		if !slices.Contains(nine, s) {
			t.Errorf("key industrial project of industry %q", s)
		}
	}
	rows.Close()
	if len(inds) != 9 {
		t.Errorf("industries of key industrial projects: %v", inds)
	}
	// non-key projects exist, and are not counted
	if n := l.int(t, "SELECT COUNT(*) FROM projects WHERE NOT key_industry AND NOT voided AND signed_on >= '2021-01-01'"); n < 50 {
		t.Errorf("only %d non-key projects in 2021", n)
	}
	// all three sources, 境外 among them
	for _, src := range zhaoshang.FundSources() {
		if n := l.int(t, "SELECT COUNT(*) FROM fund_receipts WHERE NOT voided AND source = $1 AND month >= '2021-01'", string(src)); n < 5 {
			t.Errorf("%d receipts from %s in 2021", n, src)
		}
	}
	// receipts never before the signing month, never above the contract
	if n := l.int(t, `SELECT COUNT(*) FROM fund_receipts r JOIN projects p ON p.id = r.project_id WHERE r.month < substr(p.signed_on, 1, 7)`); n != 0 {
		t.Errorf("%d receipts before their project was signed", n)
	}
	if n := l.int(t, `SELECT COUNT(*) FROM projects p WHERE p.contract_investment < (SELECT SUM(amount) FROM fund_receipts r WHERE r.project_id = p.id AND NOT r.voided)`); n != 0 {
		t.Errorf("%d projects received more than their contract investment", n)
	}
	if n := l.int(t, `SELECT COUNT(*) FROM projects WHERE total_investment < contract_investment`); n != 0 {
		t.Errorf("%d projects with total investment below contract investment", n)
	}
	// stage dates in order, none after the data's end
	if n := l.int(t, `SELECT COUNT(*) FROM projects WHERE started_on < signed_on OR producing_on < started_on OR effective_on < producing_on
		OR signed_on > '2021-06-30' OR started_on > '2021-06-30' OR producing_on > '2021-06-30' OR effective_on > '2021-06-30'`); n != 0 {
		t.Errorf("%d projects with stage dates out of order or after 2021-06-30", n)
	}
	// valid credit codes, Chinese names, tags on some
	rows, _ = l.raw.Query("SELECT name, credit_code, tags FROM enterprises")
	var withCode, tagged, total int
	for rows.Next() {
		var name, code, tags string
		rows.Scan(&name, &code, &tags)
		total++
		if code != "" {
			withCode++
			if err := zhaoshang.CheckCreditCode(code); err != nil {
				t.Errorf("%s: credit code %s: %v", name, code, err)
			}
		}
		if tags != "[]" && tags != "null" && tags != "" {
			tagged++
		}
		if !strings.HasSuffix(name, "公司") {
			t.Errorf("enterprise name %q", name)
		}
	}
	rows.Close()
	if withCode < total*9/10 || tagged < 300 || tagged > total/2 {
		t.Errorf("%d enterprises, %d with a credit code, %d tagged", total, withCode, tagged)
	}
	t.Logf("%d enterprises (%d with a credit code, %d tagged), %d projects, %d receipts", total, withCode, tagged,
		l.int(t, "SELECT COUNT(*) FROM projects"), l.int(t, "SELECT COUNT(*) FROM fund_receipts"))
}

func TestTargetsSplitExactlyOverTheCounties(t *testing.T) {
	sums := map[string]int64{}
	pref := map[string]int64{}
	rows, err := shared.raw.Query(`SELECT t.year, o.code, o.kind, t.indicator, t.value FROM targets t JOIN org_units o ON o.id = t.org_unit_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	counties := map[string]bool{}
	for rows.Next() {
		var year int
		var code, kind, ind string
		var v int64
		rows.Scan(&year, &code, &kind, &ind, &v)
		if year != 2021 {
			t.Errorf("target of %d", year)
		}
		switch kind {
		case "prefecture":
			pref[ind] = v
		case "county":
			sums[ind] += v
			counties[code] = true
			if v <= 0 {
				t.Errorf("county %s: %s target %d", code, ind, v)
			}
		default:
			t.Errorf("target for %s (%s)", code, kind)
		}
	}
	if len(counties) != 16 {
		t.Errorf("targets for %d counties", len(counties))
	}
	want := map[string]int64{"new_key_projects": 450, "funds_in_place": 600 * 1e8, "key_funds_in_place": 420 * 1e8}
	if !reflect.DeepEqual(pref, want) || !reflect.DeepEqual(sums, want) {
		t.Errorf("prefecture %v, counties add up to %v, want %v", pref, sums, want)
	}
}

// exportHash is a digest of everything the ledgers export, live and voided.
func exportHash(t *testing.T, l *loaded) string {
	h := sha256.New()
	for _, voided := range []bool{false, true} {
		ps, err := l.svc.Projects.ExportProjects(l.ctx, zhaoshang.ProjectFilter{Voided: voided, Sort: "code"})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%+v\n", ps)
	}
	fs, err := l.svc.Projects.ExportFunds(l.ctx, zhaoshang.ProjectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(h, "%+v\n", fs)
	es, _, err := l.svc.Enterprises.Enterprises(l.ctx, zhaoshang.EnterpriseFilter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		fmt.Fprintf(h, "%s|%s|%s|%v\n", e.Name, e.CreditCode, e.HomeRegion, e.Tags)
	}
	rows, err := l.raw.Query("SELECT p.code, r.month, r.amount, r.source, r.evidence_no, r.void_reason FROM fund_receipts r JOIN projects p ON p.id = r.project_id WHERE r.voided ORDER BY p.code, r.evidence_no")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b, c, d, e, f string
		rows.Scan(&a, &b, &c, &d, &e, &f)
		fmt.Fprintln(h, a, b, c, d, e, f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestLoadingTwiceGivesTheSameData(t *testing.T) {
	if !reflect.DeepEqual(demo.Data(), demo.Data()) {
		t.Fatal("demo.Data differs between two calls")
	}
	again, err := open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer again.close()
	a, b := exportHash(t, shared), exportHash(t, again)
	if a != b {
		t.Errorf("two loads differ: %s vs %s", a, b)
	}
}

func TestLoadRefusesADatabaseWithProjects(t *testing.T) {
	l := shared
	err := demo.Load(l.ctx, l.svc)
	if zhaoshang.ErrorCode(err) != zhaoshang.EConflict || !strings.Contains(err.Error(), "已有") {
		t.Errorf("second load: %v", err)
	}
}
