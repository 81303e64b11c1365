#!/usr/bin/env python3
"""Score extraction output against exact truth (the real-template sets, copied into tests/data/real-templates).

    python tests/score.py TRUTH_DIR PRED_DIR [--json OUT.json] [--fields]
    python tests/score.py --self-test TRUTH_DIR

TRUTH_DIR and PRED_DIR hold <stem>.json files of the same shape (see tests/data/real-templates/README.md); a missing or
unreadable prediction counts as all fields wrong.  Extra keys in predictions are ignored.

Prints, per variant and overall: field accuracy (unit code/name; project code, name, budget
total/fiscal/other within 0.005, spending plan, goals; department item count and titles), project
precision/recall, indicator-row precision/recall/F1 (rows matched on (horizon, level1, level2, name), horizon
"annual" where truth or prediction leaves it out), and over matched rows the target_raw exact-match rate and
the (op, value, unit) accuracy.  The department's own indicator rows (contract v3 department_goals.indicators)
are matched the same way, as the rows of one more, pseudo-project of the document (they match only each other),
and count in the indicator figures; a department without `indicators` (a contract v2 prediction) has none.
department_goals.extra and project extra are not scored.  --fields adds a per-variant table of every field;
--json writes all numbers to a file.
"""
import copy
import json
import math
import os
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict

# fields in the headline "field accuracy"; the others are reported alongside
CORE = ['unit.code', 'unit.name', 'project.code', 'project.name', 'project.budget_total', 'project.budget_fiscal',
        'project.budget_other', 'project.spending_plan', 'project.goals', 'dept.item_count', 'dept.item_titles']
EXTRA = ['fiscal_year', 'project.purpose', 'project.long_term_goals', 'dept.present', 'dept.overall', 'dept.item_goals',
         'dept.item_indicators', 'dept.measure_count', 'indicator.description', 'indicator.basis']
COUNTERS = ['proj_tp', 'proj_fp', 'proj_fn', 'ind_tp', 'ind_fp', 'ind_fn', 'raw_ok', 'norm_ok', 'flag_tp', 'flag_fp', 'flag_fn',
            'dind_tp', 'dind_fp', 'dind_fn']   # dind_*: the department's rows, also counted in ind_*


def g(d, k):
    return d.get(k) if isinstance(d, dict) else None


def lst(x):
    return x if isinstance(x, list) else []


def norm(s):
    """Loose text key: NFKC, all whitespace removed; '' and non-strings -> None."""
    if not isinstance(s, str):
        return None if s is None else norm(str(s))
    s = ''.join(unicodedata.normalize('NFKC', s).split())
    return s or None


def raw(s):
    """target_raw comparison: exact, after stripping surrounding whitespace."""
    if not isinstance(s, str):
        return None if s is None else str(s)
    return s.strip() or None


def num(x):
    if isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        return float(x) if math.isfinite(x) else None
    if isinstance(x, str):
        try:
            return float(x.replace(',', '').strip())
        except ValueError:
            return None
    return None


def num_eq(a, b):
    a, b = num(a), num(b)
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.005 or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def code_eq(a, b):
    return (str(a).strip() if a is not None else None) == (str(b).strip() if b is not None else None)


def plan_key(plan):
    return [(g(s, 'month'), num(g(s, 'cumulative_pct'))) for s in lst(plan)]


def plan_eq(t, p):
    a, b = plan_key(t), plan_key(p)
    return len(a) == len(b) and all(num(x[0]) == num(y[0]) and num_eq(x[1], y[1]) for x, y in zip(a, b))


class Stats:
    def __init__(self):
        self.f = defaultdict(lambda: [0, 0])     # field -> [correct, total]
        self.c = defaultdict(int)                # counters
        self.docs = self.missing = 0

    def add(self, field, ok, n=1):
        self.f[field][0] += int(ok) * n if isinstance(ok, bool) else ok
        self.f[field][1] += n

    def merge(self, o):
        for k, v in o.f.items():
            self.f[k][0] += v[0]
            self.f[k][1] += v[1]
        for k, v in o.c.items():
            self.c[k] += v
        self.docs += o.docs
        self.missing += o.missing


def code_key(x, k='code'):
    c = g(x, k)
    return (str(c).strip() or None) if c is not None else None


def match_projects(tps, pps):
    """truth index -> prediction index: by code, then by name, then by position."""
    pairs, used = {}, set()
    for key in (code_key, lambda x: norm(g(x, 'name'))):
        for i, t in enumerate(tps):
            if i in pairs or key(t) is None:
                continue
            j = next((j for j, p in enumerate(pps) if j not in used and key(p) == key(t)), None)
            if j is not None:
                pairs[i] = j
                used.add(j)
    for i in range(len(tps)):
        if i not in pairs and i < len(pps) and i not in used:
            pairs[i] = i
            used.add(i)
    return pairs


def horizon(i):
    """'annual' or 'long_term'; a row without one (contract v1, or the usual single table) is annual."""
    return norm(g(i, 'horizon')) or 'annual'


def ind_key(i):
    return (horizon(i), norm(g(i, 'level1')), norm(g(i, 'level2')), norm(g(i, 'name')))


def score_indicators(st, tinds, pinds, dept=False):
    """Match one project's rows (or, dept=True, the department's rows) as a multiset on ind_key, in order."""
    buckets = defaultdict(list)
    for p in pinds:
        buckets[ind_key(p)].append(p)
    tp0, fn0 = st.c['ind_tp'], st.c['ind_fn']
    for t in tinds:
        cand = buckets.get(ind_key(t))
        if not cand:
            st.c['ind_fn'] += 1
            continue
        p = cand.pop(0)
        st.c['ind_tp'] += 1
        st.c['raw_ok'] += raw(g(t, 'target_raw')) == raw(g(p, 'target_raw'))
        st.c['norm_ok'] += (g(t, 'op') == g(p, 'op') and num_eq(g(t, 'value'), g(p, 'value'))
                            and g(t, 'unit') == g(p, 'unit'))
        st.add('indicator.description', norm(g(t, 'description')) == norm(g(p, 'description')))
        st.add('indicator.basis', norm(g(t, 'basis')) == norm(g(p, 'basis')))
    fp = sum(len(v) for v in buckets.values())
    st.c['ind_fp'] += fp
    if dept:
        st.c['dind_tp'] += st.c['ind_tp'] - tp0
        st.c['dind_fn'] += st.c['ind_fn'] - fn0
        st.c['dind_fp'] += fp


def score_doc(truth, pred):
    st = Stats()
    st.docs = 1
    if not isinstance(pred, dict):
        st.missing = 1
        pred = {}
    tu, pu = truth['unit'], g(pred, 'unit')
    st.add('unit.code', code_eq(tu['code'], g(pu, 'code')))
    st.add('unit.name', norm(tu['name']) == norm(g(pu, 'name')))
    st.add('fiscal_year', num(truth['fiscal_year']) == num(g(pred, 'fiscal_year')))
    tps, pps = truth['projects'], [p for p in lst(g(pred, 'projects')) if isinstance(p, dict)]
    pairs = match_projects(tps, pps)
    st.c['proj_tp'] += len(pairs)
    st.c['proj_fn'] += len(tps) - len(pairs)
    st.c['proj_fp'] += len(pps) - len(pairs)
    for i, t in enumerate(tps):
        p = pps[pairs[i]] if i in pairs else {}
        st.add('project.code', code_eq(t['code'], g(p, 'code')) if p else False)
        st.add('project.name', norm(t['name']) == norm(g(p, 'name')) if p else False)
        for k in ('budget_total', 'budget_fiscal', 'budget_other'):
            st.add('project.' + k, num_eq(t[k], g(p, k)) if p else False)
        st.add('project.purpose', norm(t['purpose']) == norm(g(p, 'purpose')) if p else False)
        st.add('project.spending_plan', plan_eq(t['spending_plan'], g(p, 'spending_plan')) if p else False)
        st.add('project.goals', [norm(x) for x in t['goals']] == [norm(x) for x in lst(g(p, 'goals'))] if p else False)
        st.add('project.long_term_goals', [norm(x) for x in lst(g(t, 'long_term_goals'))]
               == [norm(x) for x in lst(g(p, 'long_term_goals'))] if p else False)
        score_indicators(st, t['indicators'], [x for x in lst(g(p, 'indicators')) if isinstance(x, dict)])
    for j, p in enumerate(pps):
        if j not in pairs.values():
            st.c['ind_fp'] += len(lst(g(p, 'indicators')))
    td, pd = truth['department_goals'], g(pred, 'department_goals')
    # the department's own indicator table (contract v3): a pseudo-project of its own; missing `indicators` = []
    score_indicators(st, [x for x in lst(g(td, 'indicators')) if isinstance(x, dict)],
                     [x for x in lst(g(pd, 'indicators')) if isinstance(x, dict)], dept=True)
    st.add('dept.present', (td is None) == (not isinstance(pd, dict) or not pd))
    if td is not None:
        pitems = [x for x in lst(g(pd, 'items')) if isinstance(x, dict)]
        st.add('dept.item_count', len(pitems) == len(td['items']))
        st.add('dept.overall', norm(td['overall']) == norm(g(pd, 'overall')))
        st.add('dept.measure_count', len(lst(g(pd, 'measures'))) == len(td['measures']))
        for k, it in enumerate(td['items']):
            p = pitems[k] if k < len(pitems) else {}
            st.add('dept.item_titles', norm(it['title']) == norm(g(p, 'title')) if p else False)
            st.add('dept.item_goals', norm(it['goal']) == norm(g(p, 'goal')) if p else False)
            st.add('dept.item_indicators', norm(it['indicator']) == norm(g(p, 'indicator')) if p else False)
    tf = defaultdict(int)
    for f in truth.get('quality_flags', []):
        tf[(code_key(f, 'project_code'), f['rule'])] += 1
    pf = defaultdict(int)
    for f in lst(g(pred, 'quality_flags')):
        if isinstance(f, dict):
            pf[(code_key(f, 'project_code'), str(g(f, 'rule')))] += 1
    for k in set(tf) | set(pf):
        st.c['flag_tp'] += min(tf[k], pf[k])
        st.c['flag_fn'] += max(0, tf[k] - pf[k])
        st.c['flag_fp'] += max(0, pf[k] - tf[k])
    return st


def load(path):
    try:
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def score_dirs(truth_dir, pred_dir):
    per = defaultdict(Stats)
    for name in sorted(os.listdir(truth_dir)):
        if not name.endswith('.json'):
            continue
        truth = load(os.path.join(truth_dir, name))
        per[truth['variant']].merge(score_doc(truth, load(os.path.join(pred_dir, name))))
    allst = Stats()
    for s in per.values():
        allst.merge(s)
    return dict(per), allst


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def summary(s):
    c = s.c
    core = [s.f[k] for k in CORE]
    p, r = pct(c['ind_tp'], c['ind_tp'] + c['ind_fp']), pct(c['ind_tp'], c['ind_tp'] + c['ind_fn'])
    fp_, fr = pct(c['flag_tp'], c['flag_tp'] + c['flag_fp']), pct(c['flag_tp'], c['flag_tp'] + c['flag_fn'])
    dp, dr = pct(c['dind_tp'], c['dind_tp'] + c['dind_fp']), pct(c['dind_tp'], c['dind_tp'] + c['dind_fn'])
    return {'docs': s.docs, 'missing': s.missing, 'field_acc': pct(sum(x[0] for x in core), sum(x[1] for x in core)),
            'proj_P': pct(c['proj_tp'], c['proj_tp'] + c['proj_fp']), 'proj_R': pct(c['proj_tp'], c['proj_tp'] + c['proj_fn']),
            'ind_P': p, 'ind_R': r, 'ind_F1': 2 * p * r / (p + r) if p + r else 0.0,
            'raw_exact': pct(c['raw_ok'], c['ind_tp']), 'target_norm': pct(c['norm_ok'], c['ind_tp']),
            'flag_F1': 2 * fp_ * fr / (fp_ + fr) if fp_ + fr else 0.0,
            'dept_ind_F1': 2 * dp * dr / (dp + dr) if dp + dr else 0.0,
            'fields': {k: {'correct': v[0], 'total': v[1], 'acc': pct(*v)} for k, v in sorted(s.f.items())}}


def report(per, allst, show_fields=False, out=sys.stdout):
    cols = ['docs', 'missing', 'field_acc', 'proj_P', 'proj_R', 'ind_P', 'ind_R', 'ind_F1', 'raw_exact', 'target_norm', 'flag_F1']
    w = out.write
    w(f'{"variant":8}' + ''.join(f'{c:>12}' for c in cols) + '\n')
    for name, s in sorted(per.items()) + [('ALL', allst)]:
        sm = summary(s)
        w(f'{name:8}' + ''.join(f'{sm[c]:>12}' if c in ('docs', 'missing') else f'{sm[c]:>11.1f}%' for c in cols) + '\n')
    w('\nfield accuracy over all documents (* = in field_acc):\n')
    for k in CORE + EXTRA:
        v = allst.f.get(k, [0, 0])
        w(f'  {"*" if k in CORE else " "} {k:26}{v[0]:>7}/{v[1]:<7}{pct(*v):6.1f}%\n')
    c = allst.c
    w(f'\nindicator rows: {c["ind_tp"]} matched, {c["ind_fp"]} spurious, {c["ind_fn"]} missed; over matched rows target_raw '
      f'exact {pct(c["raw_ok"], c["ind_tp"]):.1f}%, (op,value,unit) {pct(c["norm_ok"], c["ind_tp"]):.1f}%\n')
    if c['dind_tp'] or c['dind_fp'] or c['dind_fn']:
        w(f'  of which department rows (department_goals.indicators): {c["dind_tp"]} matched, {c["dind_fp"]} spurious, '
          f'{c["dind_fn"]} missed\n')
    w(f'quality flags (optional in predictions): {c["flag_tp"]} found, {c["flag_fp"]} spurious, {c["flag_fn"]} missed\n')
    if show_fields:
        names = sorted(per)
        w('\nper-variant field accuracy (%):\n' + f'{"field":26}' + ''.join(f'{n:>6}' for n in names) + '\n')
        for k in CORE + EXTRA:
            w(f'{k:26}' + ''.join(f'{pct(*per[n].f[k]):6.0f}' if per[n].f.get(k, [0, 0])[1] else '     -' for n in names) + '\n')


DEPT_ROW = {'level1': '产出指标', 'level2': '数量指标', 'name': '自测部门指标', 'description': '12项（计划标准）',
            'target_raw': '≥12项', 'op': '>=', 'value': 12.0, 'unit': '项', 'basis': None, 'horizon': 'annual'}


def dept_self_test(truth):
    """Department indicator rows (contract v3) on one truth document given such rows: they match like a project's
    rows but only each other (a pseudo-project), and count in the indicator figures; a prediction without them (a
    contract v2 department, or no department at all) has them missed, and does not crash the scorer."""
    t = copy.deepcopy(truth)
    dept = t['department_goals'] = t['department_goals'] or {'overall': None, 'items': [], 'measures': []}
    proj_rows = [i for p in t['projects'] for i in p['indicators']]
    dept['indicators'] = list(dept.get('indicators') or []) + [dict(DEPT_ROW)] + copy.deepcopy(proj_rows[:1])
    dept.setdefault('extra', {})
    n_d, n_all = len(dept['indicators']), len(dept['indicators']) + len(proj_rows)

    def counts(pred, truth=t):
        c = score_doc(truth, pred).c
        return tuple(c[k] for k in ('ind_tp', 'ind_fp', 'ind_fn', 'dind_tp', 'dind_fp', 'dind_fn', 'raw_ok', 'norm_ok'))

    def pred(change):
        p = copy.deepcopy(t)
        change(p)
        return p
    assert counts(t) == (n_all, 0, 0, n_d, 0, 0, n_all, n_all), counts(t)
    v2 = pred(lambda p: p['department_goals'].pop('indicators'))              # contract v2 output: no such key
    assert counts(v2) == (n_all - n_d, 0, n_d, 0, 0, n_d, n_all - n_d, n_all - n_d), counts(v2)
    assert counts(pred(lambda p: p.update(department_goals=None)))[:6] == (n_all - n_d, 0, n_d, 0, 0, n_d)
    p = pred(lambda p: next(i for i in p['department_goals']['indicators'] if i['name'] == DEPT_ROW['name'])
             .update(unit='x', target_raw=' ≥12项 '))                      # unit wrong; raw equal after stripping
    assert counts(p) == (n_all, 0, 0, n_d, 0, 0, n_all, n_all - 1), counts(p)
    if t['projects']:                       # the department's rows reported under a project: missed there, spurious here
        p = pred(lambda p: p['projects'][0]['indicators'].extend(p['department_goals'].pop('indicators')))
        assert counts(p)[:6] == (n_all - n_d, n_d, n_d, 0, 0, n_d), counts(p)
    t0 = copy.deepcopy(t)
    t0['department_goals']['indicators'] = []                                  # rows the truth does not have
    assert counts(t, t0)[:6] == (n_all - n_d, n_d, 0, 0, n_d, 0), counts(t, t0)
    sm = summary(score_doc(t0, t))
    assert sm['ind_P'] < 100 and sm['dept_ind_F1'] < 100 and sm['ind_R'] == 100, sm


def self_test(truth_dir):
    per, allst = score_dirs(truth_dir, truth_dir)
    sm = summary(allst)
    bad = {k: v for k, v in sm.items() if k not in ('docs', 'missing', 'fields') and v != 100.0}
    bad.update({k: v['acc'] for k, v in sm['fields'].items() if v['acc'] != 100.0})
    assert not bad and sm['missing'] == 0, f'truth vs itself is not 100%: {bad}'
    tmp = tempfile.mkdtemp(prefix='score_selftest_')
    try:
        names = sorted(n for n in os.listdir(truth_dir) if n.endswith('.json'))
        dept_self_test(load(os.path.join(truth_dir, names[0])))
        with_dept = next((n for n in names[4:] if lst(g(load(os.path.join(truth_dir, n))['department_goals'], 'indicators'))),
                         None)
        for n in names[1:]:
            t = load(os.path.join(truth_dir, n))
            t['extra_key'] = {'ignored': True}
            if n == names[1]:
                p = t['projects'][0]
                p['budget_total'] = (p['budget_total'] or 0) + 1
                p['indicators'][0]['target_raw'] += ' '             # still equal: surrounding whitespace is stripped
                p['indicators'][0]['unit'] = 'x'
                del p['indicators'][-1]
                flip = p['indicators'][1]                           # same row under the other horizon: no match
                flip['horizon'] = 'annual' if flip.get('horizon') == 'long_term' else 'long_term'
            elif len(names) > 3 and n == names[3]:                  # horizon left out = annual: still all matched
                for q in t['projects']:
                    for i in q['indicators']:
                        if i.get('horizon', 'annual') == 'annual':
                            i.pop('horizon', None)
            elif n == with_dept:                                    # a real department row dropped: one miss
                del t['department_goals']['indicators'][-1]
            with open(os.path.join(tmp, n), 'w', encoding='utf-8') as f:
                json.dump(t, f, ensure_ascii=False)
        with open(os.path.join(tmp, names[2]), 'w') as f:
            f.write('{not json')
        _, a = score_dirs(truth_dir, tmp)
        s2 = summary(a)
        assert a.missing == 2, a.missing
        assert s2['field_acc'] < 100 and s2['ind_R'] < 100 and s2['target_norm'] < 100 and s2['raw_exact'] == 100.0
        assert a.f['project.budget_total'][0] < a.f['project.budget_total'][1]
        if len(names) > 3:
            s3 = score_doc(load(os.path.join(truth_dir, names[3])), load(os.path.join(tmp, names[3])))
            assert s3.c['ind_fn'] == s3.c['ind_fp'] == 0 and s3.c['ind_tp'] > 0, dict(s3.c)
        s1 = score_doc(load(os.path.join(truth_dir, names[1])), load(os.path.join(tmp, names[1])))
        assert s1.c['ind_fn'] == 2 and s1.c['ind_fp'] == 1, dict(s1.c)   # the dropped row, the flipped row
        if with_dept:
            sd = score_doc(load(os.path.join(truth_dir, with_dept)), load(os.path.join(tmp, with_dept)))
            assert (sd.c['ind_fn'], sd.c['dind_fn'], sd.c['ind_fp']) == (1, 1, 0), dict(sd.c)
    finally:
        shutil.rmtree(tmp)
    nd = allst.c['dind_tp']
    print(f'self-test passed: {sm["docs"]} truth files score 100% against themselves ({nd} department indicator rows); '
          f'perturbations are detected, department indicator rows included')


def main(argv):
    if len(argv) >= 3 and argv[1] == '--self-test':
        self_test(argv[2])
        return 0
    args = [a for a in argv[1:] if not a.startswith('--')]
    if len(args) < 2:
        sys.exit(__doc__)
    per, allst = score_dirs(args[0], args[1])
    report(per, allst, show_fields='--fields' in argv)
    if '--json' in argv:
        with open(argv[argv.index('--json') + 1], 'w', encoding='utf-8') as f:
            json.dump({'overall': summary(allst), 'variants': {k: summary(v) for k, v in per.items()}}, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
