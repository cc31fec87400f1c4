package pinyin

import (
	"strings"
	"testing"
)

func TestInitials(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"凯里市经济开发区", "klsjjkfq"},
		{"贵州ABC铝业", "gzabcly"},
		{"黔东南", "qdn"},
		{"黔东南苗族侗族自治州", "qdnmzdzzzz"},
		{"岑巩", "cg"},
		{"镇远", "zy"},
		{"重庆", "cq"},
		{"重庆银行", "cqyh"},
		{"长沙", "cs"},
		{"厦门", "xm"},
		{"成都", "cd"},
		{"佛山", "fs"},
		{"重点产业", "zdcy"},       // 重 alone stays zhòng
		{"县长", "xz"},           // 长 alone stays zhǎng
		{"贵州ＡＢＣ铝业", "gzabcly"}, // full-width letters folded
		{"凯里（贵州）实业有限公司", "klgzsyyxgs"},
		{"第1届 招商会", "d1jzsh"},
		{"吕梁", "ll"},
		{"", ""},
		{"！？。…", ""},
		{"😀凯里", "kl"},
		{"\xff凯里", "kl"},
	} {
		if got := Initials(c.in); got != c.want {
			t.Errorf("Initials(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCountyInitials(t *testing.T) {
	// The 16 county-level units of 黔东南州 as a clerk would type them.
	want := map[string]string{
		"凯里市": "kls", "黄平县": "hpx", "施秉县": "sbx", "三穗县": "ssx",
		"镇远县": "zyx", "岑巩县": "cgx", "天柱县": "tzx", "锦屏县": "jpx",
		"剑河县": "jhx", "台江县": "tjx", "黎平县": "lpx", "榕江县": "rjx",
		"从江县": "cjx", "雷山县": "lsx", "麻江县": "mjx", "丹寨县": "dzx",
	}
	for name, w := range want {
		if got := Initials(name); got != w {
			t.Errorf("Initials(%q) = %q, want %q", name, got, w)
		}
	}
}

func TestFull(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"凯里市", "kailishi"},
		{"黔东南", "qiandongnan"},
		{"岑巩县", "cengongxian"},
		{"重庆", "chongqing"},
		{"中国工商银行", "zhongguogongshangyinhang"},
		{"长江", "changjiang"},
		{"都匀", "duyun"},
		{"贵州ABC铝业", "guizhouabclvye"}, // ü written as v
		{"第1届", "di1jie"},
		{"", ""},
	} {
		if got := Full(c.in); got != c.want {
			t.Errorf("Full(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"凯里市", "kls kailishi"},
		{"贵州ABC铝业", "gzabcly guizhouabclvye"},
		{"ABC", "abc abc"},
		{"", ""},
		{"（）", ""},
	} {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// A search for either form finds the name.
	k := Key("镇远县经济开发区")
	for _, q := range []string{"zyx", "zhenyuan", "jingjikaifaqu"} {
		if !strings.Contains(k, q) {
			t.Errorf("Key %q does not contain %q", k, q)
		}
	}
}

func TestOverridesAreWords(t *testing.T) {
	for word, py := range overrides {
		if n := len([]rune(word)); n != len(py) || n > overrideRunes {
			t.Errorf("override %q has %d characters and %d readings (longest word %d)", word, n, len(py), overrideRunes)
		}
	}
}

func TestOutputIsPlainASCII(t *testing.T) {
	// Every character go-pinyin knows in the basic CJK block spells in a–z.
	for r := rune(0x4E00); r <= 0x9FA5; r++ {
		s := string(r)
		for _, out := range []string{Initials(s), Full(s)} {
			for i := 0; i < len(out); i++ {
				if c := out[i]; c < 'a' || c > 'z' {
					t.Fatalf("%q spells %q", s, out)
				}
			}
		}
		if ini, full := Initials(s), Full(s); ini != "" && (full == "" || ini[0] != full[0]) {
			t.Fatalf("%q: initials %q do not start full %q", s, ini, full)
		}
	}
}
