package quality

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhaoshang"
)

// Builders for small snapshots: a project is signed 2021-03-15 in county 1
// with 1亿元 of contract investment unless a test says otherwise.

func d(y, m, day int) zhaoshang.Date { return zhaoshang.NewDate(y, m, day) }

func mo(y, m int) zhaoshang.Month { return zhaoshang.Month{Y: y, M: m} }

func wanOf(n int64) zhaoshang.Money { return zhaoshang.Money(n) * zhaoshang.Wan }

func project(id int64, edit ...func(*zhaoshang.Project)) *zhaoshang.Project {
	p := &zhaoshang.Project{ID: id, Code: "QDN-2021-" + itoa(id), Name: "测试项目" + itoa(id), OrgUnitID: 1,
		ContractInvestment: wanOf(10_000), SignedOn: d(2021, 3, 15), Area: zhaoshang.AreaIndustry}
	for _, e := range edit {
		e(p)
	}
	return p
}

func receipt(id, projectID int64, m zhaoshang.Month, amount zhaoshang.Money, edit ...func(*zhaoshang.FundReceipt)) *zhaoshang.FundReceipt {
	f := &zhaoshang.FundReceipt{ID: id, ProjectID: projectID, Month: m, Amount: amount,
		Source: zhaoshang.SourceOutOfProvince, EvidenceNo: "PZ" + itoa(id)}
	for _, e := range edit {
		e(f)
	}
	return f
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

var counties = map[int64]string{1: "凯里市", 2: "黄平县", 3: "施秉县"}

func snapshot(ps []*zhaoshang.Project, fs ...*zhaoshang.FundReceipt) *Snapshot {
	return &Snapshot{Projects: ps, Receipts: fs, ReceiptScans: map[int64]bool{},
		CountyOf: func(id int64) string { return counties[id] }}
}

// only runs everything and keeps the detections of one rule.
func only(t *testing.T, code string, s *Snapshot, cfg Config) []Detection {
	t.Helper()
	var out []Detection
	for _, x := range Run(s, cfg) {
		if x.Rule == code {
			out = append(out, x)
		}
	}
	return out
}

// wantOne checks that exactly one detection was made and that its message
// says every one of the parts.
func wantOne(t *testing.T, got []Detection, key string, parts ...string) Detection {
	t.Helper()
	if len(got) != 1 {
		t.Fatalf("want one detection %s, got %d: %+v", key, len(got), got)
	}
	if got[0].Key != key {
		t.Errorf("key %q, want %q", got[0].Key, key)
	}
	for _, p := range parts {
		if !strings.Contains(got[0].Message, p) {
			t.Errorf("message %q does not say %q", got[0].Message, p)
		}
	}
	return got[0]
}

func wantNone(t *testing.T, got []Detection) {
	t.Helper()
	if len(got) != 0 {
		t.Errorf("want no detection, got %d: %+v", len(got), got)
	}
}

// synthetic builds a deterministic snapshot: projects over 16 counties with
// names from a small vocabulary (so some repeat), a pool of investors, a
// few voided records, stage dates, and receipts from the month before
// signing on, most with a scan of their evidence.
func synthetic(seed uint64, nProjects, nReceipts int) *Snapshot {
	rng := rand.New(rand.NewPCG(seed, 2021))
	places := []string{"凯里", "黄平", "施秉", "三穗", "镇远", "岑巩", "天柱", "锦屏", "剑河", "台江", "黎平", "榕江", "从江", "雷山", "麻江", "丹寨"}
	things := []string{"铝加工", "玻璃", "钡化工", "生态特色食品加工", "民族医药", "民族工艺品", "木材加工", "新能源电池", "电子信息", "文旅综合体", "物流园", "茶叶精深加工"}
	kinds := []string{"项目", "产业园项目", "生产线项目", "基地建设项目"}
	industries := []string{"铝加工", "电子信息", "食品", "房地产开发", "文化旅游", "民族医药"}
	s := &Snapshot{ReceiptScans: map[int64]bool{}, CountyOf: func(id int64) string {
		if id >= 1 && id <= 16 {
			return places[id-1] + "县"
		}
		return ""
	}}
	for i := 1; i <= nProjects; i++ {
		p := &zhaoshang.Project{ID: int64(i), Code: fmt.Sprintf("QDN-%05d", i), OrgUnitID: int64(1 + rng.IntN(16)),
			Industry: industries[rng.IntN(len(industries))], Key: rng.IntN(3) > 0, Industrial: rng.IntN(2) == 0,
			CreatedAt: time.Date(2019+rng.IntN(5), 6, 1, 0, 0, 0, 0, time.UTC)}
		p.Name = fmt.Sprintf("年产%d万吨%s%s", 1+rng.IntN(30), things[rng.IntN(len(things))], kinds[rng.IntN(len(kinds))])
		if rng.IntN(4) == 0 {
			p.CreditCode = fmt.Sprintf("915226%012d", rng.IntN(nProjects/3+1))
		}
		// Log-uniform from 100万 to 50亿, in whole 万元.
		p.ContractInvestment = zhaoshang.Money(100*math.Pow(10, rng.Float64()*4.7)) * zhaoshang.Wan
		p.InvestorRegion = []string{"广东省深圳市", "浙江省杭州市", "贵州省黔东南州", "北京市"}[rng.IntN(4)]
		if rng.IntN(20) > 0 {
			p.SignedOn = zhaoshang.NewDate(2019+rng.IntN(5), 1+rng.IntN(12), 1+rng.IntN(28))
			if rng.IntN(2) == 0 {
				p.StartedOn = p.SignedOn.Month().Add(rng.IntN(14) - 1).First()
			}
		}
		p.Voided = rng.IntN(50) == 0
		s.Projects = append(s.Projects, p)
	}
	for i := 1; i <= nReceipts; i++ {
		p := s.Projects[rng.IntN(nProjects)]
		m := zhaoshang.Month{Y: 2019 + rng.IntN(5), M: 1 + rng.IntN(12)}
		if !p.SignedOn.IsZero() { // mostly after signing, a few the month before
			m = p.SignedOn.Month().Add(rng.IntN(30) - 1)
		}
		f := &zhaoshang.FundReceipt{ID: int64(i), ProjectID: p.ID, Month: m, Source: zhaoshang.SourceOutOfProvince,
			Amount: zhaoshang.Money(float64(p.ContractInvestment) * rng.Float64() / 3),
			Voided: rng.IntN(50) == 0}
		if rng.IntN(3) > 0 {
			f.EvidenceNo = fmt.Sprintf("PZ%06d", i)
		}
		if rng.IntN(10) > 0 {
			s.ReceiptScans[f.ID] = true
		}
		s.Receipts = append(s.Receipts, f)
	}
	return s
}
