// Package reportcheck reads the text of a report as a user pastes it (a
// half-year summary like the seed, or a paragraph the system wrote) and
// lists the claims in it that do not hold.
//
// The text is cut into paragraphs (lines) and sentences (at 。！？；), and
// every stated figure becomes a span: its number as printed (Arabic or
// full-width digits, decimals, thousands separators), its unit (个, 家, 件,
// 亿元, 万元, 元, %, 个百分点, …) and the words before it. From the spans the
// checker knows each claimed share, rate, completion and growth, and the
// figures it is computed from. Two kinds of finding follow:
//
//   - Source "text" (severity warning): a percentage or a sum that does not
//     follow from the figures stated beside it: a completion (完成…目标任务450
//     个的64.2%) against the figure it completes, a rate (开工率, 投产率, 办结
//     率, …) against its numerator and base, a share (工业项目到位资金占比)
//     against the two amounts, a growth or a change in percentage points
//     against a previous-year figure stated in the same sentence, and the
//     four investment areas (四化) against the total of new key projects.
//   - Source "records" (severity error, CheckAgainst only): a figure of the
//     indicators of DOMAIN.md (新引进重点产业项目, 合同约定投资总额, …, 开工率,
//     同比, 完成…目标…%) that differs from the approved records of the period.
//
// A printed percentage agrees when the exact value rounds half-up to it at
// the number of decimals printed. Money figures are themselves rounded (a
// report speaks in 亿元 with one decimal), so a claim is consistent when any
// amounts within the rounding of the printed ones give the printed
// percentage; counts are exact. A claim whose base is not stated (a 同比增长
// without last year's figure, a 覆盖率 without what is covered) cannot be
// checked and is not a finding: false alarms cost trust, and a report whose
// figures agree comes out clean. Approximate figures (5000余条, 70%以上)
// are never checked.
package reportcheck
