package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"zhaoshang"
)

// Dataset is the demo's records as the services take them: the tagged
// investors created first, then one project ledger and one fund ledger,
// then what a clerk later voided.
type Dataset struct {
	Enterprises  []zhaoshang.EnterpriseInput
	Projects     []ProjectRow
	Funds        []zhaoshang.FundInput
	VoidProjects []VoidProject
	VoidReceipts []VoidReceipt
}

// ProjectRow is a ledger row with its county by code (the database gives
// the county's id at load time).
type ProjectRow struct {
	County string
	zhaoshang.ProjectInput
}

// VoidProject is a project taken out of every figure, and why.
type VoidProject struct {
	Code, Reason string
}

// VoidReceipt is a receipt taken out of every figure, by its identity.
type VoidReceipt struct {
	ProjectCode string
	Month       zhaoshang.Month
	Source      zhaoshang.FundSource
	EvidenceNo  string
	Reason      string
}

// The seed of the generator: the same data on every run.
const seed1, seed2 = 20210702, 522600

// DataEnd is the last day the demo holds data for: the seed's report runs
// to the end of June 2021.
var DataEnd = zhaoshang.NewDate(2021, 6, 30)

// period is a half year of signings and receipts with its exact totals.
type period struct {
	From                   zhaoshang.Month
	Key, NonKey            int
	StrongNew              int // strong enterprises whose first project is signed here
	StrongSecond           int // further projects of those, same half year
	StrongRepeat           int // projects of strong enterprises first signed earlier
	KeyContract            zhaoshang.Money
	NonKeyContract         zhaoshang.Money
	KeyInd, KeyOther, Rest zhaoshang.Money // receipts in the half year: key industrial, other key, not key
	VoidedKey, VoidedOther int
	MonthWeights           *[6]float64 // nil: monthWeights
}

// periods: 2018 H2 holds the projects carried over into 2019 (their money
// arrives in 2019), then full half years from 2019 H1 to 2021 H1, so that
// every report of 2020 and 2021 has a plausible previous year.
var periods = []period{
	{From: zhaoshang.Month{Y: 2018, M: 7}, Key: 40, NonKey: 24, StrongNew: 16, StrongSecond: 1,
		KeyContract: 15_021_380_000, NonKeyContract: 6_014_200_000,
		KeyInd: 2_806_520_000, KeyOther: 1_893_410_000, Rest: 1_402_660_000},
	{From: zhaoshang.Month{Y: 2019, M: 1}, Key: 240, NonKey: 100, StrongNew: 92, StrongSecond: 6, StrongRepeat: 4,
		KeyContract: 30_264_710_000, NonKeyContract: 10_812_460_000,
		KeyInd: 8_816_240_000, KeyOther: 6_012_870_000, Rest: 5_207_330_000},
	{From: zhaoshang.Month{Y: 2019, M: 7}, Key: 228, NonKey: 102, StrongNew: 85, StrongSecond: 5, StrongRepeat: 8,
		KeyContract: 31_843_560_000, NonKeyContract: 11_526_930_000,
		KeyInd: 10_423_180_000, KeyOther: 7_216_550_000, Rest: 6_614_870_000, VoidedOther: 1},
	{From: zhaoshang.Month{Y: 2020, M: 1}, Key: KeyProjects20, NonKey: 118, StrongNew: StrongEnterprises20, StrongSecond: 7, StrongRepeat: 6,
		KeyContract: ContractInvestment20, NonKeyContract: 12_486_350_000,
		KeyInd: IndustrialFunds20, KeyOther: KeyFunds20 - IndustrialFunds20, Rest: FundsInPlace20 - KeyFunds20, VoidedKey: 2,
		// few signings while the epidemic closed the country in February and March
		MonthWeights: &[6]float64{0.10, 0.03, 0.11, 0.21, 0.24, 0.31}},
	{From: zhaoshang.Month{Y: 2020, M: 7}, Key: 214, NonKey: 104, StrongNew: 78, StrongSecond: 5, StrongRepeat: 9,
		KeyContract: 29_462_185_000, NonKeyContract: 11_238_740_000,
		KeyInd: 13_562_418_300, KeyOther: 9_217_736_200, Rest: 8_874_215_400, VoidedOther: 1},
	{From: zhaoshang.Month{Y: 2021, M: 1}, Key: KeyProjects21, NonKey: 136, StrongNew: StrongEnterprises21, StrongSecond: 8, StrongRepeat: 16,
		KeyContract: ContractInvestment21, NonKeyContract: 14_127_380_000,
		KeyInd: IndustrialFunds21, KeyOther: KeyFunds21 - IndustrialFunds21, Rest: FundsInPlace21 - KeyFunds21, VoidedKey: 3},
}

// Signing-month weights of a half year: few in January and around the
// Spring Festival, more from March to June (and towards December).
var monthWeights = [2][6]float64{
	{0.10, 0.07, 0.16, 0.19, 0.21, 0.27},
	{0.14, 0.13, 0.17, 0.15, 0.19, 0.22},
}

// Shares of the areas among key projects (2021 H1 uses the seed's counts)
// and among the others.
var (
	keyAreaShares    = []float64{0.60, 0.13, 0.14, 0.12, 0.01}
	nonKeyAreas      = []zhaoshang.Area{zhaoshang.AreaOther, zhaoshang.AreaUrbanism, zhaoshang.AreaIndustry, zhaoshang.AreaAgriculture}
	nonKeyAreaShares = []float64{0.45, 0.30, 0.15, 0.10}
	// typical size of a project per area, relative
	areaScale = map[zhaoshang.Area]float64{zhaoshang.AreaIndustry: 1, zhaoshang.AreaUrbanism: 1.3,
		zhaoshang.AreaAgriculture: 0.45, zhaoshang.AreaTourism: 2.2, zhaoshang.AreaOther: 0.8}
)

type ent struct {
	name, code string
	brand      string
	origin     origin
	tags       []string
	strong     bool
	mixed      bool // part of its money comes from abroad
	home       *county
	area       zhaoshang.Area
	industry   string
	first      int // period of its first project
	create     bool
}

type proj struct {
	code, name  string
	county      *county
	ent         *ent
	area        zhaoshang.Area
	ind         *industry
	key         bool
	industrial  bool
	contract    zhaoshang.Money
	total       zhaoshang.Money
	signed      zhaoshang.Date
	started     zhaoshang.Date
	producing   zhaoshang.Date
	effective   zhaoshang.Date
	period      int
	seq         int // creation order, for stable sorting
	voidReason  string
	duplicateOf *proj
	responsible string
	note        string
	received    zhaoshang.Money
}

type gen struct {
	r        *rand.Rand
	ents     []*ent
	names    map[string]bool
	codes    map[string]bool
	projects []*proj
	pnames   map[string]int
	funds    []*zhaoshang.FundInput
	evidence map[string]int
	voidR    []VoidReceipt
	voided   int
}

// Data builds the demo data set: the same records on every call.
func Data() *Dataset {
	g := &gen{r: rand.New(rand.NewPCG(seed1, seed2)), names: map[string]bool{}, codes: map[string]bool{},
		pnames: map[string]int{}, evidence: map[string]int{}}
	for pi := range periods {
		g.keyProjects(pi)
		g.nonKeyProjects(pi)
		g.voidedProjects(pi)
	}
	g.assignCodes()
	for pi := range periods {
		g.receipts(pi)
	}
	g.voidedReceipts()
	return g.dataset()
}

// ---- random helpers ----

func (g *gen) pick(weights []float64) int {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	x := g.r.Float64() * sum
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// lognormal is exp(σ·N) with N clamped, so no project is absurdly small or large.
func (g *gen) lognormal(sigma float64) float64 {
	z := math.Max(-2.2, math.Min(2.6, g.r.NormFloat64()))
	return math.Exp(sigma * z)
}

func (g *gen) uniform(a, b float64) float64 { return a + (b-a)*g.r.Float64() }

// counts splits n over shares by largest remainder.
func counts(n int, shares []float64) []int {
	out := make([]int, len(shares))
	type fr struct {
		i int
		f float64
	}
	var frs []fr
	left := n
	for i, s := range shares {
		x := float64(n) * s
		out[i] = int(x)
		left -= out[i]
		frs = append(frs, fr{i, x - float64(out[i])})
	}
	sort.SliceStable(frs, func(a, b int) bool { return frs[a].f > frs[b].f })
	for k := 0; k < left; k++ {
		out[frs[k%len(frs)].i]++
	}
	return out
}

func addDays(d zhaoshang.Date, n int) zhaoshang.Date {
	return zhaoshang.DateOf(d.Time().AddDate(0, 0, n))
}

func monthsBetween(a, b zhaoshang.Month) int { return (b.Y-a.Y)*12 + b.M - a.M }

// ---- projects ----

// signDate draws a signing day in the half year: months by weight, working
// days preferred.
func (g *gen) signDate(pi int) zhaoshang.Date {
	p := periods[pi]
	w := monthWeights[(p.From.M-1)/6]
	if p.MonthWeights != nil {
		w = *p.MonthWeights
	}
	m := p.From.Add(g.pick(w[:]))
	last := m.Last().D
	var d zhaoshang.Date
	for try := 0; try < 3; try++ {
		d = zhaoshang.NewDate(m.Y, m.M, 1+g.r.IntN(last))
		if wd := d.Time().Weekday(); wd != time.Saturday && wd != time.Sunday {
			break
		}
	}
	return d
}

func (g *gen) pickCounty(area zhaoshang.Area) *county {
	w := make([]float64, len(counties))
	for i, c := range counties {
		w[i] = c.Weight
		if m, ok := c.Areas[area]; ok {
			w[i] *= m
		}
	}
	return &counties[g.pick(w)]
}

func (g *gen) pickIndustry(area zhaoshang.Area, key bool, c *county) *industry {
	var list []industry
	switch {
	case !key:
		list = nonKeyIndustries[area]
	case area == zhaoshang.AreaIndustry:
		list = keyIndustries
	default:
		list = areaIndustries[area]
	}
	w := make([]float64, len(list))
	for i := range list {
		w[i] = 1
		if slices.Contains(c.Industries, list[i].Name) {
			w[i] = 6
		}
	}
	return &list[g.pick(w)]
}

// projectName is the county, the investor's brand, then what the project
// builds; a name already used gets its phase.
func (g *gen) projectName(c *county, e *ent, ind *industry) string {
	t := ind.Templates[g.r.IntN(len(ind.Templates))]
	if strings.Contains(t, "{n}") {
		t = strings.Replace(t, "{n}", fmt.Sprint([]int{1, 2, 3, 5, 8, 10, 12, 15, 20, 30}[g.r.IntN(10)]), 1)
	}
	name := c.Name + e.brand + t
	g.pnames[name]++
	if n := g.pnames[name]; n > 1 {
		name = strings.TrimSuffix(name, "项目") + fmt.Sprintf("（%s期）项目", []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[min(n, 10)])
	}
	return name
}

// newProjects makes n projects of the half year with areas by count.
func (g *gen) newProjects(pi int, key bool, areas []zhaoshang.Area, n []int) []*proj {
	var out []*proj
	for ai, a := range areas {
		for k := 0; k < n[ai]; k++ {
			c := g.pickCounty(a)
			ind := g.pickIndustry(a, key, c)
			out = append(out, &proj{county: c, area: a, ind: ind, key: key, industrial: a == zhaoshang.AreaIndustry,
				signed: g.signDate(pi), period: pi})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].signed.Before(out[j].signed) })
	for _, p := range out {
		p.seq = len(g.projects)
		g.projects = append(g.projects, p)
	}
	return out
}

func (g *gen) keyProjects(pi int) {
	per := periods[pi]
	areas := zhaoshang.Areas()
	var n []int
	if pi == len(periods)-1 {
		for _, a := range Areas21 {
			n = append(n, a.Projects)
		}
	} else {
		n = counts(per.Key, keyAreaShares)
	}
	ps := g.newProjects(pi, true, areas, n)
	if pi == len(periods)-1 {
		g.amounts21(ps)
	} else {
		g.amounts(ps, per.KeyContract)
	}
	g.investors(pi, ps)
	g.stages(pi, ps)
}

func (g *gen) nonKeyProjects(pi int) {
	per := periods[pi]
	ps := g.newProjects(pi, false, nonKeyAreas, counts(per.NonKey, nonKeyAreaShares))
	for _, p := range ps {
		// a non-key project may still be industrial (建材): it counts in
		// neither key nor industrial funds
		p.industrial = p.area == zhaoshang.AreaIndustry
	}
	g.amounts(ps, per.NonKeyContract)
	for _, p := range ps {
		g.plainInvestor(p)
		p.responsible = p.county.Name + "投资促进局"
	}
	g.stages(pi, ps)
}

// amounts gives contract investment adding up to total, and a total
// investment somewhat above it.
func (g *gen) amounts(ps []*proj, total zhaoshang.Money) {
	w := make([]float64, len(ps))
	for i, p := range ps {
		w[i] = areaScale[p.area] * g.lognormal(0.95)
	}
	c := allocate(total, w, nil, zhaoshang.Wan)
	for i, p := range ps {
		p.contract = c[i]
		p.total = zhaoshang.Money(float64(c[i])*g.uniform(1.0, 1.45)) / zhaoshang.Wan * zhaoshang.Wan
		if p.total < p.contract {
			p.total = p.contract
		}
	}
}

// amounts21 gives the 2021 H1 key projects total investment adding up to
// the seed's figure per area, and contract investment (at most the total)
// adding up to 355.7亿.
func (g *gen) amounts21(ps []*proj) {
	for _, af := range Areas21 {
		var idx []int
		var w []float64
		for i, p := range ps {
			if p.area == af.Area {
				idx = append(idx, i)
				w = append(w, g.lognormal(0.95))
			}
		}
		t := allocate(af.TotalInvestment, w, nil, zhaoshang.Wan)
		for k, i := range idx {
			ps[i].total = t[k]
		}
	}
	w := make([]float64, len(ps))
	caps := make([]zhaoshang.Money, len(ps))
	for i, p := range ps {
		w[i] = float64(p.total) * g.uniform(0.5, 1.0)
		caps[i] = p.total
	}
	c := allocate(ContractInvestment21, w, caps, zhaoshang.Wan)
	for i, p := range ps {
		p.contract = c[i]
	}
}

// ---- investors ----

func (g *gen) brand() string {
	return string(brandFirst[g.r.IntN(len(brandFirst))]) + string(brandSecond[g.r.IntN(len(brandSecond))])
}

func (g *gen) pickOrigin(foreignOK bool) origin {
	w := make([]float64, len(origins))
	for i, o := range origins {
		w[i] = o.Weight
		if !foreignOK && o.Division == "" {
			w[i] = 0
		}
	}
	return origins[g.pick(w)]
}

// creditCode makes a valid unique code: 91, the registering division and
// an eight-character body (new-style MA… or an old numeric one).
func (g *gen) creditCode(division string) string {
	const cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	for {
		var body string
		if g.chance(0.6) {
			b := []byte("MA")
			for len(b) < 8 {
				b = append(b, cs[g.r.IntN(len(cs))])
			}
			body = string(b)
		} else {
			body = fmt.Sprintf("%d%07d", 5+g.r.IntN(3), g.r.IntN(10_000_000))
		}
		code, err := zhaoshang.CompleteCreditCode("91" + division + body)
		if err != nil {
			panic(err)
		}
		if !g.codes[code] {
			g.codes[code] = true
			return code
		}
	}
}

// newEnt invents an investor for a project of the industry.
func (g *gen) newEnt(p *proj, strong bool, tags []string) *ent {
	o := g.pickOrigin(!strong || !slices.Contains(tags, "央企"))
	if slices.Contains(tags, "央企") {
		o = origins[slices.IndexFunc(origins, func(o origin) bool { return o.City == "北京" })]
	}
	words := p.ind.Words
	var name, brand string
	for {
		word := words[g.r.IntN(len(words))]
		var form string
		switch {
		case o.Division == "":
			form = []string{"投资有限公司", "国际控股有限公司", "有限公司"}[g.r.IntN(3)]
		case slices.Contains(tags, "上市公司"):
			form = "股份有限公司"
		case slices.Contains(tags, "央企"), slices.Contains(tags, "世界500强"), slices.Contains(tags, "中国500强"):
			form = "集团有限公司"
		case strong:
			form = []string{"集团有限公司", "股份有限公司", "有限公司"}[g.pick([]float64{4, 3, 3})]
		default:
			form = []string{"有限公司", "有限责任公司", "股份有限公司"}[g.pick([]float64{8, 1, 1})]
		}
		prefix := o.namePrefix()
		if slices.Contains(tags, "央企") {
			prefix = "中"
		}
		brand = g.brand()
		name = prefix + brand + word + form
		if n := zhaoshang.NormalizeName(name); !g.names[n] {
			g.names[n] = true
			break
		}
	}
	e := &ent{name: name, brand: brand, origin: o, tags: tags, strong: strong, home: p.county, area: p.area, industry: p.ind.Name, first: p.period}
	if o.Division != "" {
		e.code = g.creditCode(o.Division)
		e.mixed = o.Source == zhaoshang.SourceOutOfProvince && g.chance(0.07)
	}
	e.create = len(tags) > 0
	g.ents = append(g.ents, e)
	return e
}

func (g *gen) strongTags() []string {
	w := make([]float64, len(strongTagWeights))
	for i, t := range strongTagWeights {
		w[i] = t.Weight
	}
	tags := []string{strongTagWeights[g.pick(w)].Tag}
	if g.chance(0.25) {
		switch tags[0] {
		case "上市公司":
			tags = append(tags, []string{"民营500强", "行业龙头", "中国500强"}[g.r.IntN(3)])
		case "民营500强", "中国500强", "行业龙头":
			tags = append(tags, "上市公司")
		}
	}
	return tags
}

// plainInvestor gives a project a non-strong investor: a new one, or now
// and then one already investing in the same industry.
func (g *gen) plainInvestor(p *proj) {
	if g.chance(0.1) {
		var pool []*ent
		for _, e := range g.ents {
			if !e.strong && e.industry == p.ind.Name {
				pool = append(pool, e)
			}
		}
		if len(pool) > 0 {
			p.ent = pool[g.r.IntN(len(pool))]
			return
		}
	}
	var tags []string
	if p.area == zhaoshang.AreaIndustry && g.chance(0.12) {
		tags = []string{"高新技术企业"} // tagged, but not a strong tag
	}
	p.ent = g.newEnt(p, false, tags)
}

// investors assigns the key projects of a half year: exactly StrongNew
// strong enterprises sign their first project here, some of them sign a
// second, some strong enterprises of earlier half years sign again (in
// the county they first invested in), the rest are ordinary investors.
func (g *gen) investors(pi int, ps []*proj) {
	per := periods[pi]
	free := g.r.Perm(len(ps))
	take := func(i int) { free = slices.DeleteFunc(free, func(x int) bool { return x == i }) }
	// repeat projects of earlier strong enterprises
	used := map[*ent]bool{}
	repeats := 0
	for _, i := range slices.Clone(free) {
		if repeats == per.StrongRepeat {
			break
		}
		var pool []*ent
		for _, e := range g.ents {
			if e.strong && e.first < pi && e.area == ps[i].area && !used[e] {
				pool = append(pool, e)
			}
		}
		if len(pool) == 0 {
			continue
		}
		e := pool[g.r.IntN(len(pool))]
		used[e] = true
		ps[i].ent, ps[i].county = e, e.home
		take(i)
		repeats++
	}
	// first projects of new strong enterprises
	type first struct {
		e *ent
		i int
	}
	var firsts []first
	for _, i := range slices.Clone(free[:per.StrongNew]) {
		ps[i].ent = g.newEnt(ps[i], true, g.strongTags())
		firsts = append(firsts, first{ps[i].ent, i})
		take(i)
	}
	// their second projects, signed no earlier than the first
	seconds := 0
	for _, j := range slices.Clone(free) {
		if seconds == per.StrongSecond {
			break
		}
		var pool []*ent
		for _, f := range firsts {
			if f.e.area == ps[j].area && !ps[j].signed.Before(ps[f.i].signed) && !used[f.e] {
				pool = append(pool, f.e)
			}
		}
		if len(pool) == 0 {
			continue
		}
		e := pool[g.r.IntN(len(pool))]
		used[e] = true
		ps[j].ent, ps[j].county = e, e.home
		take(j)
		seconds++
	}
	for _, i := range free {
		g.plainInvestor(ps[i])
	}
	for _, p := range ps {
		p.responsible = p.county.Name + "投资促进局"
		switch {
		case p.ent.strong && p.ent.origin.Team != "" && g.chance(0.5):
			p.responsible = p.ent.origin.Team
		case p.ent.strong && g.chance(0.2):
			p.responsible = []string{"新型工业化产业招商专班", "新型城镇化产业招商专班", "东西部协作和农业现代化产业招商专班", "旅游产业化和大健康产业招商专班", "新型工业化产业招商专班"}[slices.Index(zhaoshang.Areas(), p.area)]
		}
	}
}

// ---- stages ----

// stages sets start, production and effect dates, none after DataEnd.
// Of the key projects signed in a half year, a fixed number has started
// and a fixed number is producing by its end (Started21 and Producing21
// for 1—6月 2021, Started20 and Producing20 a year earlier, similar
// shares otherwise); projects of earlier half years move on afterwards.
func (g *gen) stages(pi int, ps []*proj) {
	end := periods[pi].From.Add(5).Last()
	if ps[0].key {
		n := float64(len(ps))
		nStart, nProd := int(math.Round(0.955*n)), int(math.Round(0.34*n))
		switch pi {
		case len(periods) - 1:
			nStart, nProd = Started21, Producing21
		case len(periods) - 3:
			nStart, nProd = Started20, Producing20
		}
		g.keyStages(ps, end, nStart, nProd)
		return
	}
	for _, p := range ps {
		if !g.chance(0.8) {
			continue
		}
		s := addDays(p.signed, int(25*g.lognormal(0.8)))
		if DataEnd.Before(s) {
			continue
		}
		p.started = s
		if g.chance(0.45) {
			g.laterStages(p, addDays(s, int(150*g.lognormal(0.5))))
		}
	}
}

// laterStages puts a project into production on the day (when it is not
// after DataEnd), and sometimes has it reach its designed output later.
func (g *gen) laterStages(p *proj, producing zhaoshang.Date) {
	if DataEnd.Before(producing) {
		return
	}
	p.producing = producing
	if g.chance(0.35) {
		if e := addDays(producing, int(200*g.lognormal(0.4))); !DataEnd.Before(e) {
			p.effective = e
		}
	}
}

// keyStages gives the key projects of a half year ending on end exactly
// nStart started and nProd producing by then. The ones not started are
// among the last signed; the producing ones among the first started.
func (g *gen) keyStages(ps []*proj, end zhaoshang.Date, nStart, nProd int) {
	byDate := g.r.Perm(len(ps))
	sort.SliceStable(byDate, func(a, b int) bool { return ps[byDate[b]].signed.Before(ps[byDate[a]].signed) })
	pool := byDate[:max(10, 3*(len(ps)-nStart))]
	notStarted := map[int]bool{}
	for _, k := range g.r.Perm(len(pool))[:len(ps)-nStart] {
		notStarted[pool[k]] = true
	}
	for i, p := range ps {
		if notStarted[i] {
			// starts after the half year, if at all
			if s := addDays(end, 1+int(40*g.lognormal(0.6))); g.chance(0.85) && !DataEnd.Before(s) {
				p.started = s
			}
			continue
		}
		s := addDays(p.signed, int(18*g.lognormal(0.8)))
		if end.Before(s) {
			s = addDays(p.signed, g.r.IntN(p.signed.DaysUntil(end)+1))
		}
		p.started = s
	}
	// production by the end: the longer running, the likelier
	type cand struct {
		i     int
		score float64
	}
	var cs []cand
	for i, p := range ps {
		if !p.started.IsZero() && p.started.DaysUntil(end) >= 20 {
			cs = append(cs, cand{i, float64(p.started.DaysUntil(end)) * g.uniform(0.2, 1)})
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].score > cs[b].score })
	if len(cs) < nProd {
		panic("demo: too few projects can be producing")
	}
	producing := map[int]bool{}
	for _, c := range cs[:nProd] {
		p := ps[c.i]
		span := p.started.DaysUntil(end)
		g.laterStages(p, addDays(p.started, 20+g.r.IntN(span-20+1)))
		producing[c.i] = true
	}
	// the others may go into production after the half year
	for i, p := range ps {
		if !producing[i] && !p.started.IsZero() && g.chance(0.55) {
			from := p.started
			if from.Before(end) {
				from = end
			}
			g.laterStages(p, addDays(from, 1+int(120*g.lognormal(0.6))))
		}
	}
}

// ---- voided projects ----

// voidedProjects adds the half year's projects that a clerk entered and
// later voided: a duplicate of a live project and ones found not to
// qualify. Their investors are ordinary ones of their own.
func (g *gen) voidedProjects(pi int) {
	per := periods[pi]
	for k := 0; k < per.VoidedKey+per.VoidedOther; k++ {
		key := k < per.VoidedKey
		var p *proj
		if key && k == 0 {
			// a live key project of an ordinary investor, entered twice
			var pool []*proj
			for _, q := range g.projects {
				if q.period == pi && q.key && !q.ent.strong && q.voidReason == "" {
					pool = append(pool, q)
				}
			}
			orig := pool[g.r.IntN(len(pool))]
			c := *orig
			p = &c
			p.duplicateOf = orig
		} else {
			area := zhaoshang.AreaIndustry
			if !key {
				area = zhaoshang.AreaOther
			}
			c := g.pickCounty(area)
			p = &proj{county: c, area: area, ind: g.pickIndustry(area, key, c), key: key, industrial: area == zhaoshang.AreaIndustry,
				signed: g.signDate(pi), period: pi}
			p.contract = zhaoshang.Money(3000*g.lognormal(0.6)) * zhaoshang.Wan
			p.total = p.contract
			p.responsible = p.county.Name + "投资促进局"
			g.plainInvestor(p)
			if p.ent.strong {
				panic("demo: a voided project of a strong enterprise")
			}
			p.voidReason = projectVoidReasons[g.voided%len(projectVoidReasons)]
			g.voided++
		}
		p.seq = len(g.projects)
		g.projects = append(g.projects, p)
	}
}

// assignCodes numbers each county's projects of a year in signing order:
// KL2021007 is 凯里市's seventh project signed in 2021.
func (g *gen) assignCodes() {
	ps := slices.Clone(g.projects)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].signed != ps[j].signed {
			return ps[i].signed.Before(ps[j].signed)
		}
		return ps[i].seq < ps[j].seq
	})
	seq := map[string]int{}
	for _, p := range ps {
		k := fmt.Sprintf("%s%d", p.county.Abbr, p.signed.Y)
		seq[k]++
		p.code = fmt.Sprintf("%s%03d", k, seq[k])
		if p.name == "" && p.duplicateOf == nil {
			p.name = g.projectName(p.county, p.ent, p.ind)
		}
	}
	for _, p := range g.projects {
		if p.duplicateOf != nil {
			p.voidReason = fmt.Sprintf("与项目%s重复录入，保留原记录", p.duplicateOf.code)
			p.name = p.duplicateOf.name
		}
	}
}

// ---- receipts ----

// decay is how much of a project's money typically arrives in a month of
// its life: most in its first year.
func decay(age int) float64 {
	switch {
	case age < 6:
		return 1
	case age < 12:
		return 0.7
	case age < 18:
		return 0.4
	}
	return 0.25
}

// receiptChance is how likely a project receives money in a month of its
// life: often in its first months, rarely after two years.
func receiptChance(key bool, age int) float64 {
	q := 0.55
	switch {
	case age >= 24:
		q = 0.08
	case age >= 12:
		q = 0.18
	case age >= 6:
		q = 0.35
	}
	if !key {
		q *= 0.85
	}
	return q
}

// receipts spreads the half year's three fund totals (key industrial,
// other key, not key) over the live projects signed by then: each project
// receives in some of its months, never more in all than 90% of its
// contract investment.
func (g *gen) receipts(pi int) {
	per := periods[pi]
	buckets := []struct {
		total zhaoshang.Money
		in    func(p *proj) bool
	}{
		{per.KeyInd, func(p *proj) bool { return p.key && p.industrial }},
		{per.KeyOther, func(p *proj) bool { return p.key && !p.industrial }},
		{per.Rest, func(p *proj) bool { return !p.key }},
	}
	last := per.From.Add(5)
	for _, b := range buckets {
		type slot struct {
			p      *proj
			months []zhaoshang.Month
		}
		var slots []slot
		var w []float64
		var caps []zhaoshang.Money
		for _, p := range g.projects {
			if p.voidReason != "" || !b.in(p) || last.Before(p.signed.Month()) {
				continue
			}
			room := p.contract*9/10 - p.received
			if room < 10*zhaoshang.Wan {
				continue
			}
			var ms []zhaoshang.Month
			weight := 0.0
			for m := per.From; !last.Before(m); m = m.Add(1) {
				if m.Before(p.signed.Month()) {
					continue
				}
				age := monthsBetween(p.signed.Month(), m)
				if g.chance(receiptChance(p.key, age)) {
					ms = append(ms, m)
					weight += decay(age)
				}
			}
			if len(ms) == 0 {
				continue
			}
			slots = append(slots, slot{p, ms})
			w = append(w, float64(p.contract)*weight*g.lognormal(0.4))
			caps = append(caps, room)
		}
		amounts := allocate(b.total, w, caps, zhaoshang.Wan)
		for k, s := range slots {
			if amounts[k] == 0 {
				continue
			}
			mw := make([]float64, len(s.months))
			for i, m := range s.months {
				mw[i] = decay(monthsBetween(s.p.signed.Month(), m)) * g.lognormal(0.5)
			}
			for i, a := range allocate(amounts[k], mw, nil, zhaoshang.Wan) {
				if a > 0 {
					g.receipt(s.p, s.months[i], a)
				}
			}
			s.p.received += amounts[k]
		}
	}
}

func (g *gen) evidenceNo(p *proj, m zhaoshang.Month) string {
	k := fmt.Sprintf("%s-%04d%02d", p.county.Abbr, m.Y, m.M)
	g.evidence[k]++
	return fmt.Sprintf("%s-%03d", k, g.evidence[k])
}

// receipt records money of a month, split by source when the investor's
// money partly comes from abroad.
func (g *gen) receipt(p *proj, m zhaoshang.Month, a zhaoshang.Money) {
	add := func(src zhaoshang.FundSource, amt zhaoshang.Money) {
		g.funds = append(g.funds, &zhaoshang.FundInput{ProjectCode: p.code, Month: m, Amount: amt, Source: src, EvidenceNo: g.evidenceNo(p, m)})
	}
	if p.ent.mixed && a >= 10*zhaoshang.Wan {
		foreign := zhaoshang.Money(float64(a)*g.uniform(0.2, 0.4)) / zhaoshang.Wan * zhaoshang.Wan
		add(zhaoshang.SourceOutOfProvince, a-foreign)
		add(zhaoshang.SourceForeign, foreign)
		return
	}
	add(p.ent.origin.Source, a)
}

// voidedReceipts adds receipts a clerk entered and later voided: on live
// projects (one in each half year, more in 2021), and every receipt of a
// voided project.
func (g *gen) voidedReceipts() {
	extra := func(p *proj, m zhaoshang.Month, src zhaoshang.FundSource, a zhaoshang.Money, reason string) {
		f := &zhaoshang.FundInput{ProjectCode: p.code, Month: m, Amount: a, Source: src, EvidenceNo: g.evidenceNo(p, m)}
		g.funds = append(g.funds, f)
		g.voidR = append(g.voidR, VoidReceipt{p.code, m, src, f.EvidenceNo, reason})
	}
	// on live projects
	type want struct {
		from, to zhaoshang.Month
		key, ind bool
		src      zhaoshang.FundSource
	}
	wants := []want{
		{zhaoshang.Month{Y: 2020, M: 3}, zhaoshang.Month{Y: 2020, M: 6}, true, true, ""},
		{zhaoshang.Month{Y: 2020, M: 4}, zhaoshang.Month{Y: 2020, M: 6}, true, false, ""},
		{zhaoshang.Month{Y: 2020, M: 9}, zhaoshang.Month{Y: 2020, M: 12}, false, false, ""},
		{zhaoshang.Month{Y: 2021, M: 2}, zhaoshang.Month{Y: 2021, M: 6}, true, true, ""},
		{zhaoshang.Month{Y: 2021, M: 3}, zhaoshang.Month{Y: 2021, M: 6}, true, true, zhaoshang.SourceForeign},
		{zhaoshang.Month{Y: 2021, M: 4}, zhaoshang.Month{Y: 2021, M: 6}, true, false, ""},
		{zhaoshang.Month{Y: 2021, M: 5}, zhaoshang.Month{Y: 2021, M: 6}, false, false, ""},
	}
	byCode := map[string]*proj{}
	for _, p := range g.projects {
		byCode[p.code] = p
	}
	for k, wt := range wants {
		var pool []*zhaoshang.FundInput
		for _, f := range g.funds {
			p := byCode[f.ProjectCode]
			if !f.Month.Before(wt.from) && !wt.to.Before(f.Month) && p.key == wt.key && (!wt.key || p.industrial == wt.ind) &&
				(wt.src == "" || f.Source == wt.src) && p.voidReason == "" {
				pool = append(pool, f)
			}
		}
		if len(pool) == 0 {
			panic(fmt.Sprintf("demo: no receipt to shadow for voided receipt %d", k))
		}
		f := pool[g.r.IntN(len(pool))]
		reason := receiptVoidReasons[k%len(receiptVoidReasons)]
		a := zhaoshang.Money(float64(f.Amount)*g.uniform(0.3, 1.2)) / zhaoshang.Wan * zhaoshang.Wan
		if k%3 == 0 {
			a, reason = f.Amount, fmt.Sprintf("与凭证%s为同一笔资金，重复登记", f.EvidenceNo)
		}
		extra(byCode[f.ProjectCode], f.Month, f.Source, max(a, zhaoshang.Wan), reason)
	}
	// every receipt of a voided project
	for _, p := range g.projects {
		if p.voidReason == "" {
			continue
		}
		m, n := p.signed.Month(), 1+g.r.IntN(2)
		for k := 0; k < n && !DataEnd.Month().Before(m); k++ {
			extra(p, m, p.ent.origin.Source, zhaoshang.Money(float64(p.contract)*g.uniform(0.05, 0.2))/zhaoshang.Wan*zhaoshang.Wan, "所属项目已作废")
			m = m.Add(1 + g.r.IntN(2))
		}
	}
}

// ---- output ----

func (g *gen) dataset() *Dataset {
	d := &Dataset{}
	for _, e := range g.ents {
		if e.create {
			d.Enterprises = append(d.Enterprises, zhaoshang.EnterpriseInput{Name: e.name, CreditCode: e.code, HomeRegion: e.origin.Region, Tags: e.tags})
		}
	}
	ps := slices.Clone(g.projects)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].signed != ps[j].signed {
			return ps[i].signed.Before(ps[j].signed)
		}
		return ps[i].code < ps[j].code
	})
	for i, p := range ps {
		d.Projects = append(d.Projects, ProjectRow{County: p.county.Code, ProjectInput: zhaoshang.ProjectInput{
			Row: i + 2, Code: p.code, Name: p.name, Investor: p.ent.name, CreditCode: p.ent.code,
			Area: p.area, Industry: p.ind.Name, Key: p.key, Industrial: p.industrial, InvestorRegion: p.ent.origin.Region,
			ContractInvestment: p.contract, TotalInvestment: p.total,
			SignedOn: p.signed, StartedOn: p.started, ProducingOn: p.producing, EffectiveOn: p.effective,
			ResponsibleUnit: p.responsible, Note: p.note,
		}})
		if p.voidReason != "" {
			d.VoidProjects = append(d.VoidProjects, VoidProject{p.code, p.voidReason})
		}
	}
	fs := slices.Clone(g.funds)
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Month != b.Month {
			return a.Month.Before(b.Month)
		}
		return a.EvidenceNo < b.EvidenceNo
	})
	for i, f := range fs {
		f.Row = i + 2
		d.Funds = append(d.Funds, *f)
	}
	d.VoidReceipts = g.voidR
	return d
}
