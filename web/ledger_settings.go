package web

import (
	"net/http"
	"slices"

	"zhaoshang"
)

type ledgerSettingsData struct {
	Tags   []strongTagChoice
	Err    string
	Strong []string
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
	if chosen == nil {
		var lerr error
		if chosen, lerr = s.svc.Enterprises.StrongTags(r.Context()); lerr != nil {
			s.fail(w, r, lerr)
			return
		}
	}
	p := s.newPage(r, "台账规则", "ledger-settings")
	p.Crumbs = []crumb{{Label: p.T("系统管理")}, {Label: p.T("台账规则"), URL: "/settings/ledger"}}
	d := &ledgerSettingsData{Strong: chosen}
	names := append([]string{}, zhaoshang.EnterpriseTags...)
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
