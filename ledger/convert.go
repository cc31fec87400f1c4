package ledger

import "zhaoshang"

// Input is the row as the project service takes it.
func (r ProjectRow) Input() zhaoshang.ProjectInput {
	return zhaoshang.ProjectInput{Row: r.Row, Code: r.Code, Name: r.Name, OrgUnitID: r.CountyID, Investor: r.Investor,
		CreditCode: r.CreditCode, Strong: r.Strong, Area: r.Area, Industry: r.Industry, Key: r.Key, Industrial: r.Industrial,
		InvestorRegion: r.InvestorRegion, ContractInvestment: r.ContractInvestment, TotalInvestment: r.TotalInvestment,
		SignedOn: r.SignedOn, StartedOn: r.StartedOn, ProducingOn: r.ProducingOn, EffectiveOn: r.EffectiveOn,
		ResponsibleUnit: r.ResponsibleUnit, Note: r.Note}
}

// ProjectInputs converts parsed rows for the service.
func ProjectInputs(rows []ProjectRow) []zhaoshang.ProjectInput {
	out := make([]zhaoshang.ProjectInput, len(rows))
	for i, r := range rows {
		out[i] = r.Input()
	}
	return out
}

// ProjectRows converts the service's projects into rows to write; the
// county is named from the tree.
func ProjectRows(ins []zhaoshang.ProjectInput, tree *zhaoshang.OrgTree) []ProjectRow {
	out := make([]ProjectRow, len(ins))
	for i, in := range ins {
		name := ""
		if u := tree.ByID(in.OrgUnitID); u != nil {
			name = u.Name
		}
		out[i] = ProjectRow{Row: i + 2, Code: in.Code, Name: in.Name, CountyID: in.OrgUnitID, CountyName: name, Investor: in.Investor,
			CreditCode: in.CreditCode, Strong: in.Strong, Area: in.Area, Industry: in.Industry, Key: in.Key, Industrial: in.Industrial,
			InvestorRegion: in.InvestorRegion, ContractInvestment: in.ContractInvestment, TotalInvestment: in.TotalInvestment,
			SignedOn: in.SignedOn, StartedOn: in.StartedOn, ProducingOn: in.ProducingOn, EffectiveOn: in.EffectiveOn,
			ResponsibleUnit: in.ResponsibleUnit, Note: in.Note}
	}
	return out
}

// Input is the receipt row as the project service takes it.
func (r FundRow) Input() zhaoshang.FundInput {
	return zhaoshang.FundInput{Row: r.Row, ProjectCode: r.ProjectCode, Month: r.Month, Amount: r.Amount, Source: r.Source, EvidenceNo: r.EvidenceNo, Note: r.Note}
}

// FundInputs converts parsed rows for the service.
func FundInputs(rows []FundRow) []zhaoshang.FundInput {
	out := make([]zhaoshang.FundInput, len(rows))
	for i, r := range rows {
		out[i] = r.Input()
	}
	return out
}

// FundRows converts the service's receipts into rows to write.
func FundRows(ins []zhaoshang.FundInput) []FundRow {
	out := make([]FundRow, len(ins))
	for i, in := range ins {
		out[i] = FundRow{Row: i + 2, ProjectCode: in.ProjectCode, Month: in.Month, Amount: in.Amount, Source: in.Source, EvidenceNo: in.EvidenceNo, Note: in.Note}
	}
	return out
}

// TargetInputs converts the rows of a 目标任务 file for the target service.
func TargetInputs(rows []TargetRow) []zhaoshang.TargetInput {
	out := make([]zhaoshang.TargetInput, len(rows))
	for i, r := range rows {
		out[i] = zhaoshang.TargetInput{Row: r.Row, Year: r.Year, OrgUnitID: r.OrgUnitID, Indicator: r.Indicator, Value: r.Raw}
	}
	return out
}

// TargetRows converts exported targets into rows to write; the unit is
// named from the tree.
func TargetRows(ins []zhaoshang.TargetInput, tree *zhaoshang.OrgTree) []TargetRow {
	out := make([]TargetRow, len(ins))
	for i, in := range ins {
		name := ""
		if u := tree.ByID(in.OrgUnitID); u != nil {
			name = u.Name
		}
		out[i] = TargetRow{Row: i + 2, Year: in.Year, OrgUnitID: in.OrgUnitID, OrgName: name, Indicator: in.Indicator, Raw: in.Value}
	}
	return out
}
