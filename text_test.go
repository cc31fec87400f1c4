package zhaoshang

import (
	"strings"
	"testing"
)

// The review: a form accepted a NUL and a 10,000-character name, which then
// broke export → import. Forms, files and the API share these checks.
func TestTextWithControlCharactersOrBeyondItsLengthIsRefusedEverywhere(t *testing.T) {
	ok := ProjectInput{Code: "KL2021001", Name: "凯里铝加工项目", OrgUnitID: 1, Investor: "甲公司", Area: AreaIndustry,
		ContractInvestment: 100 * Wan, SignedOn: NewDate(2021, 3, 1), Note: "第一行\n第二行"}
	today := NewDate(2021, 6, 30)
	if err := ok.Validate(today); err != nil {
		t.Fatalf("a good project: %v", err)
	}
	for name, change := range map[string]func(*ProjectInput){
		"a NUL in the name":           func(p *ProjectInput) { p.Name = "凯里\x00项目" },
		"a 10,000-character name":     func(p *ProjectInput) { p.Name = strings.Repeat("凯", 10000) },
		"a line break in the name":    func(p *ProjectInput) { p.Investor = "甲\n公司" },
		"an escape in the industry":   func(p *ProjectInput) { p.Industry = "铝\x1b[31m" },
		"a note of 2,001 characters":  func(p *ProjectInput) { p.Note = strings.Repeat("注", 2001) },
		"invalid UTF-8 in the region": func(p *ProjectInput) { p.InvestorRegion = "\xff\xfe" },
	} {
		p := ok
		change(&p)
		if err := p.Validate(today); ErrorCode(err) != EInvalid {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := (EnterpriseInput{Name: "甲\x00公司"}).Validate(); ErrorCode(err) != EInvalid {
		t.Errorf("an enterprise name with a NUL: %v", err)
	}
	if err := (Contact{Name: strings.Repeat("李", 65)}).Validate(); ErrorCode(err) != EInvalid {
		t.Errorf("a contact name of 65 characters: %v", err)
	}
	if err := (FundInput{Month: Month{Y: 2021, M: 5}, Amount: Wan, Source: SourceForeign, Note: "a\x00"}).Validate(Month{Y: 2021, M: 6}); ErrorCode(err) != EInvalid {
		t.Errorf("a receipt note with a NUL: %v", err)
	}
}
