package web

import (
	"net/http"
	"strconv"
	"strings"

	"zhaoshang"
)

func (s *Server) registerPolicyRoutes() {
	s.handle("GET /security/policy", s.policyPage)
	s.handle("POST /security/policy", s.policySave)
}

// policyFields are the fields of the policy form in the order shown, each
// with its label, unit and hint (catalogue keys).
var policyFields = []struct {
	Name, Label, Unit, Hint string
	ptr                     func(*zhaoshang.PasswordPolicy) *int
}{
	{"min_length", "最短长度", "位", "密码至少须有的字符数", func(p *zhaoshang.PasswordPolicy) *int { return &p.MinLength }},
	{"required_classes", "须包含的字符类别数", "类", "0–4：大写字母、小写字母、数字、特殊符号中须包含的类别数", func(p *zhaoshang.PasswordPolicy) *int { return &p.RequiredClasses }},
	{"expiry_days", "密码有效期", "天", "0 为不过期；到期后用户登录时须修改密码", func(p *zhaoshang.PasswordPolicy) *int { return &p.ExpiryDays }},
	{"max_failures", "连续失败锁定次数", "次", "连续输错密码达到此次数即锁定账户", func(p *zhaoshang.PasswordPolicy) *int { return &p.MaxFailures }},
	{"lock_minutes", "锁定时长", "分钟", "锁定期满自动解除，系统管理员也可提前解除", func(p *zhaoshang.PasswordPolicy) *int { return &p.LockMinutes }},
	{"idle_minutes", "空闲超时", "分钟", "无操作超过此时长须重新登录", func(p *zhaoshang.PasswordPolicy) *int { return &p.IdleMinutes }},
	{"absolute_hours", "最长登录时长", "小时", "登录后无论是否操作，超过此时长须重新登录", func(p *zhaoshang.PasswordPolicy) *int { return &p.AbsoluteHours }},
}

// policyField is one field of the form as shown.
type policyField struct {
	Name, Label, Unit, Hint string
	Value                   string
	Err                     string // already in the reader's language
}

type policyData struct {
	Fields []policyField
	Err    string
	Preset string // the preset the stored policy equals: "dengbao", "basic" or ""
}

// policyPresets are the policies the page offers whole: the 等保 level-3
// preset (the default of new installs) and a lighter one chosen explicitly.
var policyPresets = map[string]func() zhaoshang.PasswordPolicy{"dengbao": zhaoshang.DengbaoPolicy, "basic": zhaoshang.BasicPolicy}

func (s *Server) policyPage(w http.ResponseWriter, r *http.Request) {
	pol, err := s.svc.Users.Policy(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &policyData{}
	for _, f := range policyFields {
		d.Fields = append(d.Fields, policyField{Name: f.Name, Label: f.Label, Unit: f.Unit, Hint: f.Hint, Value: strconv.Itoa(*f.ptr(&pol))})
	}
	for name, preset := range policyPresets {
		if preset() == pol {
			d.Preset = name
		}
	}
	s.renderPolicy(w, r, http.StatusOK, d)
}

func (s *Server) renderPolicy(w http.ResponseWriter, r *http.Request, status int, d *policyData) {
	p := s.newPage(r, "密码与登录策略", "policy")
	p.Crumbs = []crumb{{Label: p.T("安全管理")}, {Label: p.T("密码与登录策略"), URL: "/security/policy"}}
	p.Data = d
	s.render(w, r, status, "policy", p)
}

func (s *Server) policySave(w http.ResponseWriter, r *http.Request) {
	if preset, ok := policyPresets[r.FormValue("preset")]; ok {
		if err := s.svc.Users.SavePolicy(r.Context(), preset()); err != nil {
			s.fail(w, r, err)
			return
		}
		setFlash(w, "密码与登录策略已保存")
		redirect(w, r, "/security/policy")
		return
	}
	p := s.newPage(r, "", "")
	var pol zhaoshang.PasswordPolicy
	d := &policyData{}
	for _, f := range policyFields {
		field := policyField{Name: f.Name, Label: f.Label, Unit: f.Unit, Hint: f.Hint, Value: strings.TrimSpace(r.FormValue(f.Name))}
		n, err := strconv.Atoi(field.Value)
		if err != nil {
			field.Err = p.T("请填写整数")
		}
		*f.ptr(&pol) = n
		d.Fields = append(d.Fields, field)
	}
	for _, f := range d.Fields {
		if f.Err != "" {
			d.Err = p.T("策略未保存：请按提示更正标红的项目")
			s.renderPolicy(w, r, http.StatusUnprocessableEntity, d)
			return
		}
	}
	if err := s.svc.Users.SavePolicy(r.Context(), pol); err != nil {
		if zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			s.fail(w, r, err)
			return
		}
		d.Err = p.Msg(err)
		markPolicyFields(d, pol)
		s.renderPolicy(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	setFlash(w, "密码与登录策略已保存")
	redirect(w, r, "/security/policy")
}

// markPolicyFields puts each refused value's message under its field, by
// checking each value alone against the policy's own rules.
func markPolicyFields(d *policyData, pol zhaoshang.PasswordPolicy) {
	for i, f := range policyFields {
		alone := zhaoshang.DefaultPasswordPolicy()
		*f.ptr(&alone) = *f.ptr(&pol)
		if probs := alone.Validate(); len(probs) > 0 {
			d.Fields[i].Err = probs[0]
		}
	}
}
