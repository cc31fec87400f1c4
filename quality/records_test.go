package quality

import (
	"testing"

	"zhaoshang"
)

func TestStageDatesOutOfOrderAreErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*zhaoshang.Project)
		parts []string
	}{
		{"started before signed", func(p *zhaoshang.Project) { p.StartedOn = d(2021, 2, 1) },
			[]string{"开工日期（2021年2月1日）早于签约日期（2021年3月15日）"}},
		{"producing before started", func(p *zhaoshang.Project) { p.StartedOn, p.ProducingOn = d(2021, 5, 1), d(2021, 4, 30) },
			[]string{"投产日期（2021年4月30日）早于开工日期（2021年5月1日）"}},
		{"effective before producing, started skipped", func(p *zhaoshang.Project) { p.ProducingOn, p.EffectiveOn = d(2021, 6, 1), d(2021, 5, 1) },
			[]string{"已填写达效日期，但未填写开工日期", "达效日期（2021年5月1日）早于投产日期（2021年6月1日）"}},
		{"started without signing", func(p *zhaoshang.Project) { p.SignedOn, p.StartedOn = zhaoshang.Date{}, d(2021, 5, 1) },
			[]string{"已填写开工日期，但未填写签约日期"}},
		{"producing without signing or start", func(p *zhaoshang.Project) { p.SignedOn, p.ProducingOn = zhaoshang.Date{}, d(2021, 5, 1) },
			[]string{"已填写投产日期，但未填写签约日期、开工日期"}},
		{"a date that does not exist", func(p *zhaoshang.Project) { p.StartedOn = d(2021, 2, 30) },
			[]string{"开工日期（2021-02-30）不是有效日期"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(t, "Q101", snapshot([]*zhaoshang.Project{project(7, tt.edit)}), DefaultConfig())
			x := wantOne(t, got, "Q101:project:7", append([]string{"项目“测试项目7”（QDN-2021-7）阶段日期有误："}, tt.parts...)...)
			if x.Severity != zhaoshang.SeverityError || x.Year != 2021 || x.ProjectID != 7 || x.OrgUnitID != 1 {
				t.Errorf("detection %+v", x)
			}
		})
	}
}

func TestStageDatesInOrderAreClean(t *testing.T) {
	tests := []struct {
		name string
		edit func(*zhaoshang.Project)
	}{
		{"intention only", func(p *zhaoshang.Project) { p.SignedOn = zhaoshang.Date{} }},
		{"signed", func(p *zhaoshang.Project) {}},
		{"all four on one day", func(p *zhaoshang.Project) {
			p.StartedOn, p.ProducingOn, p.EffectiveOn = p.SignedOn, p.SignedOn, p.SignedOn
		}},
		{"all four in order", func(p *zhaoshang.Project) {
			p.StartedOn, p.ProducingOn, p.EffectiveOn = d(2021, 4, 1), d(2022, 1, 1), d(2023, 6, 30)
		}},
		{"out of order but voided", func(p *zhaoshang.Project) { p.StartedOn, p.Voided = d(2020, 1, 1), true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantNone(t, only(t, "Q101", snapshot([]*zhaoshang.Project{project(7, tt.edit)}), DefaultConfig()))
		})
	}
}

func TestReceiptsBeforeTheSigningMonthAreErrors(t *testing.T) {
	p := project(3) // signed 2021-03-15
	s := snapshot([]*zhaoshang.Project{p},
		receipt(31, 3, mo(2021, 2), wanOf(500)),
		receipt(32, 3, mo(2021, 3), wanOf(500)), // the signing month itself counts
		receipt(33, 3, mo(2020, 12), wanOf(200)))
	got := only(t, "Q102", s, DefaultConfig())
	if len(got) != 2 {
		t.Fatalf("want one detection per early receipt, got %+v", got)
	}
	x := got[0]
	if x.Key != "Q102:receipt:31" || x.ReceiptID != 31 || x.Month != mo(2021, 2) || x.Year != 2021 || x.Severity != zhaoshang.SeverityError {
		t.Errorf("detection %+v", x)
	}
	if want := "项目“测试项目3”（QDN-2021-3）登记的2021年2月到位资金500.00万元早于签约月份（2021年3月）。"; x.Message != want {
		t.Errorf("message\n%s\nwant\n%s", x.Message, want)
	}
	if got[1].Key != "Q102:receipt:33" || got[1].Year != 2020 {
		t.Errorf("second detection %+v", got[1])
	}
}

func TestReceiptsOfAnUnsignedProjectAreErrors(t *testing.T) {
	p := project(4, func(p *zhaoshang.Project) { p.SignedOn = zhaoshang.Date{} })
	got := only(t, "Q102", snapshot([]*zhaoshang.Project{p}, receipt(41, 4, mo(2021, 5), wanOf(80))), DefaultConfig())
	wantOne(t, got, "Q102:receipt:41", "未填写签约日期，但已登记2021年5月到位资金80.00万元。")
}

func TestReceiptsFromTheSigningMonthOnAreClean(t *testing.T) {
	s := snapshot([]*zhaoshang.Project{project(3)},
		receipt(31, 3, mo(2021, 3), wanOf(500)),
		receipt(32, 3, mo(2022, 1), wanOf(500)),
		receipt(33, 3, mo(2020, 1), wanOf(500), func(f *zhaoshang.FundReceipt) { f.Voided = true }))
	wantNone(t, only(t, "Q102", s, DefaultConfig()))
}

func TestReceiptsAboveContractInvestmentAreFlagged(t *testing.T) {
	s := snapshot([]*zhaoshang.Project{project(42)},
		receipt(1, 42, mo(2021, 4), wanOf(6_000)),
		receipt(2, 42, mo(2021, 5), wanOf(6_500)))
	x := wantOne(t, only(t, "Q103", s, DefaultConfig()), "Q103:project:42")
	if want := "项目“测试项目42”（QDN-2021-42）累计到位资金12,500.00万元，超过合同约定投资额10,000.00万元。"; x.Message != want {
		t.Errorf("message\n%s\nwant\n%s", x.Message, want)
	}
	if x.Severity != zhaoshang.SeverityWarning || x.Year != 2021 || x.ReceiptID != 0 || !x.Month.IsZero() {
		t.Errorf("detection %+v", x)
	}
}

func TestReceiptsUpToContractInvestmentAreClean(t *testing.T) {
	s := snapshot([]*zhaoshang.Project{project(42), project(43, func(p *zhaoshang.Project) { p.ContractInvestment = 0 })},
		receipt(1, 42, mo(2021, 4), wanOf(4_000)),
		receipt(2, 42, mo(2021, 5), wanOf(6_000)),                                                     // exactly the contract
		receipt(3, 42, mo(2021, 6), wanOf(9_000), func(f *zhaoshang.FundReceipt) { f.Voided = true }), // voided: not counted
		receipt(4, 43, mo(2021, 6), wanOf(9_000)))                                                     // no contract amount to compare
	wantNone(t, only(t, "Q103", s, DefaultConfig()))
}

func TestLargeReceiptsWithoutAnyEvidenceAreFlagged(t *testing.T) {
	s := snapshot([]*zhaoshang.Project{project(5)},
		receipt(51, 5, mo(2021, 4), wanOf(1_000), func(f *zhaoshang.FundReceipt) { f.EvidenceNo = "" }),
		receipt(52, 5, mo(2021, 5), wanOf(1_200), func(f *zhaoshang.FundReceipt) { f.EvidenceNo = " " }))
	got := only(t, "Q104", s, DefaultConfig())
	if len(got) != 2 {
		t.Fatalf("want two detections, got %+v", got)
	}
	if want := "项目“测试项目5”（QDN-2021-5）2021年4月到位资金1,000.00万元，达到1,000.00万元的凭证核验标准，但既未填写凭证编号，也未上传凭证扫描件。"; got[0].Message != want {
		t.Errorf("message\n%s\nwant\n%s", got[0].Message, want)
	}
	if got[1].Key != "Q104:receipt:52" || got[1].Severity != zhaoshang.SeverityWarning || got[1].Month != mo(2021, 5) {
		t.Errorf("detection %+v", got[1])
	}
}

func TestSmallReceiptsAndLargeReceiptsWithAnEvidenceNumberOrScanAreClean(t *testing.T) {
	s := snapshot([]*zhaoshang.Project{project(5)},
		receipt(51, 5, mo(2021, 4), wanOf(1_000)-1, func(f *zhaoshang.FundReceipt) { f.EvidenceNo = "" }),
		receipt(52, 5, mo(2021, 5), wanOf(5_000), func(f *zhaoshang.FundReceipt) { f.EvidenceNo = "" }),
		receipt(53, 5, mo(2021, 6), wanOf(5_000), func(f *zhaoshang.FundReceipt) { f.EvidenceNo = "YH2021-0601" }))
	s.ReceiptScans[52] = true
	wantNone(t, only(t, "Q104", s, DefaultConfig()))
}

func TestKeyProjectsMissingTheCriteriaAreFlagged(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LocalRegions = []string{"黔东南", " 凯里 "}
	tests := []struct {
		name  string
		edit  func(*zhaoshang.Project)
		parts []string
	}{
		{"too small", func(p *zhaoshang.Project) { p.ContractInvestment = wanOf(800) },
			[]string{"合同投资额800.00万元，低于1,000.00万元的认定标准"}},
		{"local investor", func(p *zhaoshang.Project) { p.InvestorRegion = " 贵州省黔东南州凯里市 " },
			[]string{"投资方所在地“贵州省黔东南州凯里市”属本地（黔东南），不属于外来投资"}},
		{"excluded industry", func(p *zhaoshang.Project) { p.Industry = "房地产开发" },
			[]string{"所属行业“房地产开发”属于不纳入重点产业项目的行业（房地产）"}},
		{"every criterion", func(p *zhaoshang.Project) {
			p.ContractInvestment, p.InvestorRegion, p.Industry = wanOf(100), "凯里市", "商业房地产"
		}, []string{"低于1,000.00万元", "；投资方所在地“凯里市”属本地（凯里）", "；所属行业“商业房地产”"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := project(8, func(p *zhaoshang.Project) {
				p.Key, p.InvestorRegion, p.Industry = true, "广东省深圳市", "铝加工"
			}, tt.edit)
			x := wantOne(t, only(t, "Q105", snapshot([]*zhaoshang.Project{p}), cfg), "Q105:project:8",
				append([]string{"项目“测试项目8”（QDN-2021-8）标为重点产业项目，但不符合认定条件："}, tt.parts...)...)
			if x.Severity != zhaoshang.SeverityWarning || x.Message[len(x.Message)-len("。"):] != "。" {
				t.Errorf("detection %+v", x)
			}
		})
	}
}

func TestKeyProjectsMeetingTheCriteriaAreClean(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LocalRegions = []string{"黔东南"}
	ps := []*zhaoshang.Project{
		project(1, func(p *zhaoshang.Project) { // meets every criterion, at the bound
			p.Key, p.ContractInvestment, p.InvestorRegion, p.Industry = true, wanOf(1_000), "浙江省杭州市", "电子信息"
		}),
		project(2, func(p *zhaoshang.Project) { p.Key, p.InvestorRegion = true, "" }), // unknown region is not local
		project(3, func(p *zhaoshang.Project) { // not key: the criteria do not apply
			p.ContractInvestment, p.InvestorRegion, p.Industry = wanOf(10), "黔东南州", "房地产"
		}),
	}
	wantNone(t, only(t, "Q105", snapshot(ps), cfg))

	// With no local regions configured the local criterion is off.
	p := project(4, func(p *zhaoshang.Project) { p.Key, p.InvestorRegion = true, "黔东南州" })
	wantNone(t, only(t, "Q105", snapshot([]*zhaoshang.Project{p}), DefaultConfig()))
}
