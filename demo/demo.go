// Package demo loads the demonstration data set: deterministic records of
// projects, investors and fund receipts for the 16 counties of 黔东南州
// from 2019 to June 2021 (with a few projects signed in 2018 H2 whose money
// arrives in 2019), whose prefecture figures for 1—6月 2021 are the
// seed's (DOMAIN.md, "The seed's figures"): 289 new key projects, 355.7亿
// contract investment, 118 new strong enterprises, 314.5亿 funds in place
// of which 217.4亿 key and 128.2亿 industrial, 286 started, 109 producing;
// and for 1—6月 2020 the figures those growth rates imply.
//
// The data goes in through the same services a user's actions use: the
// tagged investors through EnterpriseService.CreateEnterprise, the project
// and fund ledgers each as one import, and the voided records through
// VoidReceipt and VoidProject, each with its reason. Nothing depends on
// the clock: the dates are historic.
package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"zhaoshang"
)

// Services are the domain services the demo loads through. Targets may be
// nil: the annual targets are then not loaded.
type Services struct {
	Org         zhaoshang.OrgService
	Projects    zhaoshang.ProjectService
	Enterprises zhaoshang.EnterpriseService
	Targets     zhaoshang.TargetService
	// Reviews, when given, submits and approves every county's months of
	// the demo, so that its figures count in the official reports.
	Reviews zhaoshang.ReviewService
}

// Check says whether the demo can be loaded: the organisation tree holds
// the 16 counties of 黔东南州 and there is no project yet. It returns the
// counties' ids by code.
func Check(ctx context.Context, svc Services) (map[string]int64, error) {
	tree, err := svc.Org.Tree(ctx)
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	if root := tree.ByCode(rootCode); root != nil {
		ids[rootCode] = root.ID
	}
	for _, c := range counties {
		u := tree.ByCode(c.Code)
		if u == nil || u.Kind != zhaoshang.OrgCounty || !u.Active {
			return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "演示数据需要黔东南州的组织机构：找不到县市“%s”（%s）", c.Name, c.Code)
		}
		ids[c.Code] = u.ID
	}
	if n, err := projectCount(ctx, svc.Projects); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, zhaoshang.Errorf(zhaoshang.EConflict, "数据库中已有%d个项目：演示数据只能载入没有项目的空数据库", n)
	}
	return ids, nil
}

// Load writes the demo data into a database without projects, acting as
// the principal of ctx (commands pass zhaoshang.SystemContext). It needs
// the organisation tree of 黔东南州 (its 16 county codes) and refuses a
// database that already holds projects (see Check).
func Load(ctx context.Context, svc Services) error {
	ids, err := Check(ctx, svc)
	if err != nil {
		return err
	}
	d := Data()

	for _, e := range d.Enterprises {
		if _, err := svc.Enterprises.CreateEnterprise(ctx, e); err != nil {
			return fmt.Errorf("demo: enterprise %s: %w", e.Name, err)
		}
	}
	rows := make([]zhaoshang.ProjectInput, len(d.Projects))
	for i, p := range d.Projects {
		rows[i] = p.ProjectInput
		rows[i].OrgUnitID = ids[p.County]
	}
	if _, err := svc.Projects.ImportProjects(ctx, rows, digest("projects", rows), zhaoshang.ImportOptions{}); err != nil {
		return fmt.Errorf("demo: projects: %w", err)
	}
	if _, err := svc.Projects.ImportFunds(ctx, d.Funds, digest("funds", d.Funds), zhaoshang.ImportOptions{}); err != nil {
		return fmt.Errorf("demo: funds: %w", err)
	}

	// What a clerk found wrong afterwards: receipts first, then projects.
	found := map[string]*zhaoshang.Project{}
	project := func(code string) (*zhaoshang.Project, error) {
		if p, ok := found[code]; ok {
			return p, nil
		}
		list, _, err := svc.Projects.Projects(ctx, zhaoshang.ProjectFilter{Query: code, Limit: 100})
		if err != nil {
			return nil, err
		}
		for _, p := range list {
			if p.Code == code {
				found[code] = p
				return p, nil
			}
		}
		return nil, fmt.Errorf("demo: project %s not found after import", code)
	}
	for _, v := range d.VoidReceipts {
		p, err := project(v.ProjectCode)
		if err != nil {
			return err
		}
		rs, err := svc.Projects.Receipts(ctx, p.ID)
		if err != nil {
			return err
		}
		done := false
		for _, r := range rs {
			if r.Month == v.Month && r.Source == v.Source && r.EvidenceNo == v.EvidenceNo && !r.Voided {
				if err := svc.Projects.VoidReceipt(ctx, r.ID, r.Version, v.Reason); err != nil {
					return fmt.Errorf("demo: void receipt %s: %w", v.EvidenceNo, err)
				}
				done = true
				break
			}
		}
		if !done {
			return fmt.Errorf("demo: receipt %s of %s not found after import", v.EvidenceNo, v.ProjectCode)
		}
	}
	for _, v := range d.VoidProjects {
		p, err := project(v.Code)
		if err != nil {
			return err
		}
		if err := svc.Projects.VoidProject(ctx, p.ID, p.Version, v.Reason); err != nil {
			return fmt.Errorf("demo: void project %s: %w", v.Code, err)
		}
	}
	if svc.Reviews != nil {
		if err := approveMonths(ctx, svc.Reviews, ids, d); err != nil {
			return err
		}
	}
	if svc.Targets != nil {
		return loadTargets(ctx, svc.Targets, ids)
	}
	return nil
}

// approveMonths has every county submit each month of the demo, from
// January of its first year through the last month any record speaks of,
// and the prefecture approve them: two steps of the review, each over all
// the months at once.
func approveMonths(ctx context.Context, rs zhaoshang.ReviewService, ids map[string]int64, d *Dataset) error {
	var first, last zhaoshang.Month
	see := func(m zhaoshang.Month) {
		if m.IsZero() {
			return
		}
		if first.IsZero() || m.Before(first) {
			first = m
		}
		if last.Before(m) {
			last = m
		}
	}
	for _, p := range d.Projects {
		for _, day := range []zhaoshang.Date{p.SignedOn, p.StartedOn, p.ProducingOn, p.EffectiveOn} {
			see(day.Month())
		}
	}
	for _, f := range d.Funds {
		see(f.Month)
	}
	first = zhaoshang.Month{Y: first.Y, M: 1}
	var codes []string
	for _, c := range counties {
		codes = append(codes, c.Code)
	}
	var steps []zhaoshang.ReviewStep
	for _, c := range codes {
		for m := first; !last.Before(m); m = m.Add(1) {
			steps = append(steps, zhaoshang.ReviewStep{OrgUnitID: ids[c], Month: m})
		}
	}
	if _, err := rs.Step(ctx, zhaoshang.StepSubmit, steps, ""); err != nil {
		return fmt.Errorf("demo: submit: %w", err)
	}
	for i := range steps {
		steps[i].Version = 1
	}
	if _, err := rs.Step(ctx, zhaoshang.StepApprove, steps, ""); err != nil {
		return fmt.Errorf("demo: approve: %w", err)
	}
	return nil
}

// loadTargets imports the 2021 targets as a 目标任务 file would give them:
// counts as whole numbers, money in 万元.
func loadTargets(ctx context.Context, ts zhaoshang.TargetService, ids map[string]int64) error {
	var rows []zhaoshang.TargetInput
	for i, t := range Targets() {
		id, ok := ids[t.OrgCode]
		if !ok {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "演示数据需要黔东南州的组织机构：找不到单位“%s”", t.OrgCode)
		}
		v := fmt.Sprint(t.Value)
		if t.Indicator != "new_key_projects" {
			v = zhaoshang.Money(t.Value).WanString()
		}
		rows = append(rows, zhaoshang.TargetInput{Row: i + 2, Year: t.Year, OrgUnitID: id, Indicator: t.Indicator, Value: v})
	}
	if _, err := ts.ImportTargets(ctx, rows, digest("targets", rows), false); err != nil {
		return fmt.Errorf("demo: targets: %w", err)
	}
	return nil
}

// projectCount counts the projects, live and voided.
func projectCount(ctx context.Context, ps zhaoshang.ProjectService) (int, error) {
	n := 0
	for _, voided := range []bool{false, true} {
		_, tot, err := ps.Projects(ctx, zhaoshang.ProjectFilter{Voided: voided, Limit: 1})
		if err != nil {
			return 0, err
		}
		n += tot.Count
	}
	return n, nil
}

// digest stands for the SHA-256 of the file an import records: here the
// rows themselves, so the audit trail names the same digest on every load.
func digest(kind string, rows any) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "zhaoshang demo %s %+v", kind, rows))
	return hex.EncodeToString(sum[:])
}
