package web

import (
	"net/http"
	"slices"
	"strings"

	"zhaoshang"
)

type ledgerSettingsData struct {
	Tags   []strongTagChoice
	Err    string // of the strong-tag form
	Strong []string
	// Ceiling is the amount ceiling in 亿元 as shown or typed; CeilingErr its refusal
	Ceiling, CeilingErr string
	MaxCeiling          string
}

type strongTagChoice struct {
	Name    string
	Checked bool
}

// ledgerSettingsPage shows which enterprise tags count as 优强企业.
func (s *Server) ledgerSettingsPage(w http.ResponseWriter, r *http.Request) {
	s.renderLedgerSettings(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderLedgerSettings(w http.ResponseWriter, r *http.Request, status int, chosen []string, err error) {
	s.renderLedgerRules(w, r, status, chosen, err, "", nil)
}

// renderLedgerRules shows the page; chosen and ceiling are the values of a
// refused form (nil and "": as stored), err and cerr their refusals.
func (s *Server) renderLedgerRules(w http.ResponseWriter, r *http.Request, status int, chosen []string, err error, ceiling string, cerr error) {
	if ceiling == "" {
		c, lerr := s.svc.Projects.AmountCeiling(r.Context())
		if lerr != nil {
			s.fail(w, r, lerr)
			return
		}
		ceiling = strings.ReplaceAll(c.FormatYi(0), ",", "")
	}
	if chosen == nil {
		var lerr error
		if chosen, lerr = s.svc.Enterprises.StrongTags(r.Context()); lerr != nil {
			s.fail(w, r, lerr)
			return
		}
	}
	p := s.newPage(r, "台账规则", "ledger-settings")
	p.Crumbs = []crumb{{Label: p.T("系统管理")}, {Label: p.T("台账规则"), URL: "/settings/ledger"}}
	d := &ledgerSettingsData{Strong: chosen, Ceiling: ceiling, MaxCeiling: strings.ReplaceAll(zhaoshang.MaxAmount.FormatYi(0), ",", "")}
	if cerr != nil {
		d.CeilingErr = p.Msg(cerr)
	}
	names := append([]string{}, zhaoshang.EnterpriseTags()...)
	for _, c := range chosen {
		if !slices.Contains(names, c) {
			names = append(names, c)
		}
	}
	for _, n := range names {
		d.Tags = append(d.Tags, strongTagChoice{n, slices.Contains(chosen, n)})
	}
	if err != nil {
		d.Err = p.Msg(err)
	}
	p.Data = d
	s.render(w, r, status, "ledger_settings", p)
}

func (s *Server) saveLedgerSettings(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, zhaoshang.Errorf(zhaoshang.EInvalid, "表单无法读取"))
		return
	}
	if r.FormValue("form") == "ceiling" {
		typed := strings.TrimSpace(r.FormValue("amount_ceiling"))
		c, ok := zhaoshang.ParseWan(typed)
		var err error
		if !ok || c%zhaoshang.Wan != 0 {
			err = zhaoshang.FieldErrorf(zhaoshang.EInvalid, "amount_ceiling", "请以亿元为单位填写整数金额上限")
		} else {
			err = s.svc.Projects.SetAmountCeiling(r.Context(), c*zhaoshang.Wan) // typed in 亿元: 1亿 = 10,000万
		}
		if err != nil {
			if zhaoshang.ErrorCode(err) == zhaoshang.EInvalid {
				s.renderLedgerRules(w, r, http.StatusUnprocessableEntity, nil, nil, typed, err)
				return
			}
			s.fail(w, r, err)
			return
		}
		setFlash(w, "已保存台账规则")
		redirect(w, r, "/settings/ledger")
		return
	}
	tags := r.Form["tag"]
	if err := s.svc.Enterprises.SetStrongTags(r.Context(), tags); err != nil {
		if zhaoshang.ErrorCode(err) == zhaoshang.EInvalid {
			s.renderLedgerSettings(w, r, http.StatusUnprocessableEntity, []string{}, err)
			return
		}
		s.fail(w, r, err)
		return
	}
	setFlash(w, "已保存台账规则")
	redirect(w, r, "/settings/ledger")
}
