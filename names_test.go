package zhaoshang

import (
	"math"
	"testing"
)

func TestFoldWidth(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ＡＢＣ１２３ａｂｃ", "ABC123abc"},
		{"（贵州）", "(贵州)"},
		{"！～", "!~"},
		{"凯里\u3000市", "凯里 市"},
		{"。、“”【】", "。、“”【】"}, // CJK punctuation outside FF01–FF5E stays
		{"ABC", "ABC"},
		{"", ""},
	} {
		if got := FoldWidth(c.in); got != c.want {
			t.Errorf("FoldWidth(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"贵州某某有限公司", "贵州某某"},
		{"贵州某某有限责任公司", "贵州某某"},
		{"贵州某某股份有限公司", "贵州某某"},
		{"贵州某某公司", "贵州某某"},
		{"贵州某某集团有限公司", "贵州某某集团"},
		{"ＡＢＣ科技有限公司", "ABC科技"},
		{"abc科技有限责任公司", "ABC科技"},
		{"凯里（贵州）实业有限公司", "凯里(贵州)实业"},
		{" 凯里 ( 贵州 ) 实业\u3000有限公司 ", "凯里(贵州)实业"},
		{"贵州某某有限公司凯里分公司", "贵州某某有限公司凯里分公司"},
		{"黔东南州投资促进局", "黔东南州投资促进局"},
		{"有限公司", "有限公司"},
		{"公司", "公司"},
		{"某某有限公司公司", "某某"},
		{"", ""},
	} {
		got := NormalizeName(c.in)
		if got != c.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", c.in, got, c.want)
		}
		if again := NormalizeName(got); again != got {
			t.Errorf("NormalizeName is not idempotent on %q: %q", got, again)
		}
	}
}

func TestNormalizeNameDuplicates(t *testing.T) {
	same := [][2]string{
		{"ＡＢＣ科技有限公司", "ABC科技有限责任公司"},
		{"凯里（贵州）实业有限公司", "凯里(贵州)实业有限公司"},
		{"贵州某某铝业有限公司", "贵州某某铝业有限责任公司"},
		{"贵州 某某 铝业股份有限公司", "贵州某某铝业有限公司"},
		{"中铝（贵州）新材料有限公司", "中铝(贵州)新材料有限公司"},
		{"深圳ＸＹＺ电子有限公司", "深圳xyz电子有限公司"},
		{"镇远县农业开发投资有限公司", "镇远县农业开发投资公司"},
	}
	for _, p := range same {
		if a, b := NormalizeName(p[0]), NormalizeName(p[1]); a != b {
			t.Errorf("%q → %q and %q → %q should be equal", p[0], a, p[1], b)
		}
	}
	different := [][2]string{
		{"贵州某某集团有限公司", "贵州某某有限公司"},
		{"贵州某某有限公司凯里分公司", "贵州某某有限公司"},
		{"凯里（贵州）实业有限公司", "凯里贵州实业有限公司"},
		{"贵州某某铝业有限公司", "贵州某某铝材有限公司"},
		{"黔东南州某某公司", "黔南州某某公司"},
	}
	for _, p := range different {
		if a, b := NormalizeName(p[0]), NormalizeName(p[1]); a == b {
			t.Errorf("%q and %q both normalise to %q", p[0], p[1], a)
		}
	}
}

func TestNameSimilarity(t *testing.T) {
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"贵州某某铝业有限公司", "贵州某某铝业有限责任公司", 1},
		{"ＡＢＣ科技有限公司", "ABC科技有限责任公司", 1},
		{"", "", 1},
		{"", "凯里实业", 0},
		{"凯里实业", "镇远旅游", 0},
		{"甲", "甲乙", 0},
		// 凯里实业 {凯里 里实 实业} and 凯里实业发展 {… 业发 发展}: 2·3/(3+5)
		{"凯里实业有限公司", "凯里实业发展有限公司", 0.75},
		// repeated bigrams count as often as they occur: {AA AA} and {AA}: 2·1/(2+1)
		{"AAA", "AA", 2.0 / 3},
	} {
		got := NameSimilarity(c.a, c.b)
		if !near(got, c.want) {
			t.Errorf("NameSimilarity(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if back := NameSimilarity(c.b, c.a); !near(back, got) {
			t.Errorf("NameSimilarity not symmetric on %q, %q: %v and %v", c.a, c.b, got, back)
		}
	}
	// Ordered by likeness, as a "very similar names" check would see them.
	base := "贵州黔东南州凯里经济开发区投资有限公司"
	closer := NameSimilarity(base, "贵州黔东南州凯里经济开发区投资发展有限公司")
	farther := NameSimilarity(base, "贵州黔东南州镇远县旅游投资有限公司")
	unrelated := NameSimilarity(base, "深圳华强电子科技股份有限公司")
	if !(closer > 0.8 && closer > farther && farther > unrelated && unrelated < 0.2) {
		t.Errorf("similarities %v, %v, %v are not in the expected order", closer, farther, unrelated)
	}
}

func FuzzNormalizeName(f *testing.F) {
	for _, s := range []string{"凯里（贵州）实业有限公司", "ＡＢＣ科技有限公司", "某某有限公司公司", "有限公司", "分公司", "\xff有限公司", " a b "} {
		f.Add(s, "贵州某某有限公司")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		n := NormalizeName(a)
		if NormalizeName(n) != n {
			t.Fatalf("NormalizeName not idempotent on %q: %q then %q", a, n, NormalizeName(n))
		}
		s := NameSimilarity(a, b)
		if s < 0 || s > 1 || math.IsNaN(s) {
			t.Fatalf("NameSimilarity(%q, %q) = %v", a, b, s)
		}
		if back := NameSimilarity(b, a); back != s {
			t.Fatalf("NameSimilarity not symmetric: %v and %v", s, back)
		}
		if na, nb := NormalizeName(a), NormalizeName(b); s == 1 && na != nb && len([]rune(na)) != len([]rune(nb)) {
			// Different names score 1 only when their bigrams coincide,
			// which needs names of the same length.
			t.Fatalf("NameSimilarity(%q, %q) = 1 for names of different lengths", a, b)
		}
		if NameSimilarity(a, a) != 1 {
			t.Fatalf("NameSimilarity(%q, itself) != 1", a)
		}
	})
}
