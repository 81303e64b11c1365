"""A realistic county inbox: one submission per unit in random layouts, re-submissions, copies, junk.

`write_county(out_dir)` returns a CountyManifest listing every file written with the status the
pipeline must give it and, for readable files, the extraction it must produce.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from tests.docgen import content, pools
from tests.docgen import hostile as junk_files
from tests.docgen.options import ALT_COLUMNS, RenderOptions
from tests.docgen.render import document
from tests.docgen.spec import (
    DeptItem,
    DeptSpec,
    IndicatorSpec,
    ProjectSpec,
    SubmissionSpec,
    count,
    expected,
    target,
)
from tests.docgen.variants import VARIANTS


@dataclass(frozen=True)
class ManifestEntry:
    """One file of the inbox and what must become of it."""

    file: str
    status: str  # loaded | superseded | duplicate | rejected
    sha256: str
    unit_code: str | None
    expected: dict[str, Any] | None = None  # contract JSON; None when rejected
    rejection_kind: str | None = None  # empty | not_word | corrupt | html_doc
    duplicate_of: str | None = None
    superseded_by: str | None = None


@dataclass
class CountyManifest:
    """Every file written by write_county, in the order written."""

    out_dir: Path
    division: str
    year: int
    entries: list[ManifestEntry] = field(default_factory=list)
    seconds: float = 0.0
    # Content copied between units of different departments (write_county(copies=N)): one dict
    # per copy with kind, the two unit codes and the project codes (None for a department goal).
    planted: list[dict[str, Any]] = field(default_factory=list)
    # Problems planted in the self-evaluations (write_county(self_evaluations=True)): one dict per
    # problem with kind (county_selfeval.PLANT_KINDS), unit_code, project_code, project_name, the row.
    planted_selfeval: list[dict[str, Any]] = field(default_factory=list)

    def by_status(self, status: str) -> list[ManifestEntry]:
        """Return the entries whose expected status is `status`."""
        return [e for e in self.entries if e.status == status]

    def counts(self) -> dict[str, int]:
        """Return files, units, projects and indicators to expect, and files per status."""
        readable = [e for e in self.entries if e.expected is not None]
        out = {"files": len(self.entries), "units": len({e.unit_code for e in readable})}
        current = [e.expected for e in self.by_status("loaded") if e.expected]
        out["projects"] = sum(len(x["projects"]) for x in current)
        out["indicators"] = sum(len(p["indicators"]) for x in current for p in x["projects"])
        for e in self.entries:
            out[e.status] = out.get(e.status, 0) + 1
        return out

    def write_json(self, path: Path) -> None:
        """Write the manifest (with every expected JSON) to `path`."""
        data = {
            "division": self.division,
            "year": self.year,
            "out_dir": str(self.out_dir),
            "files": [asdict(e) for e in self.entries],
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def project_code(rng: random.Random, division: str, year: int) -> str:
    """Return a 项目编码: division + 2-digit year + 'P' + 11 digits + a check letter."""
    digits = "".join(rng.choice("0123456789") for _ in range(11))
    check = "ABCDEFGHJKLMNPQRSTUVWXYZ"[sum(map(int, digits)) % 24]
    return f"{division}{year % 100:02d}P{digits}{check}"


def _units(rng: random.Random, n: int, county: str) -> list[tuple[str, str, str]]:
    """Return n (unit code, unit name, department); units of a department share its 3-digit prefix."""
    pool: list[tuple[str, str, str]] = []
    for k, (d, subs) in enumerate(pools.DEPARTMENTS):
        dept = county + d
        names = [f"{dept}本级"] + [county + s for s in subs]
        pool += [(f"{301 + k}{j:03d}", name, dept) for j, name in enumerate(names, 1)]
    for k, town in enumerate(pools.TOWNSHIPS):
        gov = f"{county}{town}人民政府"
        pool.append((f"{401 + k}001", f"{gov}本级", gov))
    if n <= len(pool):
        return sorted(rng.sample(pool, n))
    # A bigger county (or a benchmark): more units under each department, codes 100..999.
    kinds = ["小学", "卫生院", "服务站", "管理所", "中心"]
    extra = []
    for k in range(n - len(pool)):
        d = k % len(pools.DEPARTMENTS)
        seq = 100 + k // len(pools.DEPARTMENTS)
        if seq > 999:
            raise ValueError(f"at most {len(pool) + 900 * len(pools.DEPARTMENTS)} units")
        dept = county + pools.DEPARTMENTS[d][0]
        name = f"{county}第{seq - 99}{kinds[d % len(kinds)]}（{pools.DEPARTMENTS[d][0]}）"
        extra.append((f"{301 + d}{seq:03d}", name, dept))
    return pool + extra


def _options(rng: random.Random) -> RenderOptions:
    """Return a random combination of layout features (compatible with each other)."""
    combined = rng.random() < 0.25
    styles = ["split", "tracked", "sdt_run", "proof", "smarttag", "hyperlink"]
    fields = ["budget", "name", "goal", "ind_name", "desc", "target", "basis", "purpose", "code"]
    decorate = (
        {f: rng.choice(styles) for f in rng.sample(fields, rng.randint(1, 4))}
        if rng.random() < 0.35
        else {}
    )
    return RenderOptions(
        layout="combined" if combined else "two_tables",
        split=None
        if combined or rng.random() < 0.8
        else rng.choice(["repeat_header", "no_header"]),
        split_at=rng.randint(1, 5),
        columns=ALT_COLUMNS if rng.random() < 0.2 else RenderOptions().columns,
        level_mode=rng.choices(["vmerge", "repeat", "first_row_only"], [6, 2, 2])[0],
        merge_level2=rng.random() < 0.3,
        money_unit="万元" if rng.random() < 0.3 else "元",
        money_style=rng.choices(["plain", "thousands", "fullwidth"], [6, 2, 1])[0],
        noisy_labels=rng.random() < 0.3,
        unit_placement=rng.choices(["row", "paragraph_labelled", "paragraph_plain"], [7, 2, 1])[0],
        unit_space=rng.random() < 0.2,
        header="extended" if rng.random() < 0.25 else "standard",
        numbering="auto" if rng.random() < 0.2 else "typed",
        goal_number_style=rng.choice(["1.", "1.", "1、", "（1）"]),
        goals_mode="soft_breaks" if rng.random() < 0.15 else "paragraphs",
        decorate=decorate,
        sdt_levels=frozenset(rng.sample(["body", "row", "cell"], rng.randint(1, 3)))
        if rng.random() < 0.15
        else frozenset(),
        placeholder_fields=frozenset({"other", "basis"}) if rng.random() < 0.1 else frozenset(),
        wps=rng.random() < 0.25,
        side_label=combined and rng.random() < 0.5,
        horizon_label=rng.choice(["paragraph", "row"]),
        blank_rows=rng.random() < 0.1,
        two_row_header=rng.random() < 0.15,
        merge_equal_cells=rng.random() < 0.15,
        desc_spans_spacer=rng.random() < 0.15,
    )


def _project(
    rng: random.Random,
    name: str,
    division: str,
    year: int,
    opts: RenderOptions,
    dept: str,
    unit: str,
    tax2021: bool,
) -> ProjectSpec:
    total = float(rng.randint(50, 50000) * 100)
    other = float(rng.randint(1, int(total // 200)) * 100) if rng.random() < 0.25 else 0.0
    plan: list[tuple[str, int | None, float | None]] = list(content.PLAN)
    if rng.random() < 0.2:
        plan = [("3月底", 3, 10.0), ("6月底", 6, 30.0), ("9月底", 9, 60.0), ("12月底", 12, 100.0)]
    pr = ProjectSpec(
        code=project_code(rng, division, year),
        name=name,
        budget_total=total,
        budget_fiscal=total - other,
        budget_other=other or None,
        purpose=f"用于{name}，保障{unit}{rng.choice(pools.GOALS)}。",
        spending_plan=plan,
        goals=rng.sample(pools.GOALS, rng.randint(1, 4)),
        indicators=pools.indicators(rng, total, year, tax2021),
    )
    if opts.goals_mode == "soft_breaks":
        pr.indicators[0].description = "按计划完成\n年度工作量"
    if "basis" in opts.placeholder_fields:
        pr.indicators[-1].basis = None
    if opts.header == "extended":
        parts = (
            [("自有资金", other), ("事业收入", 0.0)] if rng.random() < 0.5 else [("其他", other)]
        )
        pr.other_parts, pr.budget_other = parts, other
        pr.extra = {
            "主管部门": dept,
            "实施单位": unit,
            "项目属性": rng.choice(["新增", "延续"]),
            "项目期": rng.choice(["1年", f"{year}年1月-{year}年12月", "3年"]),
            "项目负责人": pools.person(rng),
        }
    if opts.layout == "two_tables" and rng.random() < 0.1:
        content.add_long_term(pr)
    if opts.layout == "two_tables" and rng.random() < 0.03:
        pr.has_indicator_table = False
    return pr


def _department(rng: random.Random, unit: str, year: int) -> DeptSpec:
    items = [
        DeptItem(g, f"{g}，完成年度工作任务。", f"{g}完成率≥{rng.choice([90, 95, 100])}%")
        for g in rng.sample(pools.GOALS, rng.randint(1, 5))
    ]
    return DeptSpec(
        f"{year}年，{unit}围绕县委县政府中心工作，全面履行部门职责。",
        items,
        [
            f"{year}年，{unit}将强化各项保障措施。",
            "（一）、加强支出管理",
            "按要求开展绩效运行监控。",
        ],
    )


def unit_spec(
    rng: random.Random,
    code: str,
    unit: str,
    dept: str,
    division: str,
    year: int,
    layout: RenderOptions | None = None,
) -> SubmissionSpec:
    """Return one unit's random submission (2-12 projects) drawn with `layout` or a random one."""
    opts = _options(rng)
    opts = layout or opts  # draw the random one anyway so later units do not depend on `layout`
    tax2021 = rng.random() < 0.3
    names = rng.sample(pools.PROJECTS, rng.randint(2, 12))
    style = rng.random()
    file = (
        f"{code}{unit}{year}年项目支出绩效目标.docx"
        if style < 0.6
        else f"{unit}-{year}绩效目标申报表.docx"
    )
    return SubmissionSpec(
        file=file,
        fiscal_year=year,
        unit_code=code,
        unit_name=unit,
        department=_department(rng, unit, year) if rng.random() < 0.8 else None,
        projects=[_project(rng, n, division, year, opts, dept, unit, tax2021) for n in names],
        options=opts,
    )


def _write(out_dir: Path, name: str, data: bytes) -> str:
    (out_dir / name).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def _revise(rng: random.Random, spec: SubmissionSpec) -> SubmissionSpec:
    """Return a corrected re-submission: new file name, changed money and targets."""
    stem = spec.file.rsplit(".", 1)[0]
    projects = [replace(p, indicators=[replace(i) for i in p.indicators]) for p in spec.projects]
    first = projects[0]
    first.budget_total = (first.budget_total or 0.0) + 10000.0
    first.budget_fiscal = (first.budget_fiscal or 0.0) + 10000.0
    if first.indicators:
        first.indicators[-1].target = target("ge_baifenbi", 92)
    return replace(
        spec, file=f"{stem}_v2.docx", projects=projects[:-1] if len(projects) > 2 else projects
    )


COPY_KINDS = ("资金用途", "绩效目标", "部门绩效目标", "三级指标及指标值")


def plant_copies(
    rng: random.Random, specs: list[SubmissionSpec], copies: int
) -> list[dict[str, Any]]:
    """Copy content between `copies` pairs of units of different departments; return what was copied.

    Kinds in turn: a project's 资金用途 (naming the unit it came from), a specific 绩效目标, a
    department's 分项绩效目标, and an indicator (三级指标 with its 指标值) of its own wording.
    """
    planted: list[dict[str, Any]] = []
    with_dept = [s for s in specs if s.department is not None and s.department.items]
    for k in range(copies):
        kind = COPY_KINDS[k % len(COPY_KINDS)]
        pool = with_dept if kind == "部门绩效目标" else specs
        a = rng.choice(pool)
        others = [s for s in pool if (s.unit_code or "")[:3] != (a.unit_code or "")[:3]]
        b = rng.choice(others)
        pa, pb = a.projects[k % len(a.projects)], b.projects[k % len(b.projects)]
        n = rng.randint(3, 60)
        if kind == "资金用途":
            pb.purpose = pa.purpose
        elif kind == "绩效目标":
            text = f"完成{pa.name}第{n}批建设任务，惠及群众{n * 137}人，确保资金使用效益和工程质量。"
            pa.goals = [text, *pa.goals[1:]]
            pb.goals = [text, *pb.goals[1:]]
        elif kind == "部门绩效目标":
            assert a.department is not None and b.department is not None
            text = f"全年完成{n}项重点改革任务，推动辖区{pools.GOALS[n % len(pools.GOALS)]}，服务覆盖率达到{90 + n % 10}%。"
            a.department.items[0].goal = text
            b.department.items[0].goal = text
        else:
            thing = rng.choice(["村级污水处理站", "智慧路灯", "应急避难场所", "标准化村卫生室"])
            row = IndicatorSpec(
                "产出指标", "数量指标", f"新建{thing}数量", "按计划建设", count(n, "座", ">="), "建设方案"
            )
            pa.indicators.insert(0, row)
            pb.indicators.insert(0, replace(row))
        planted.append(
            {
                "kind": kind,
                "units": [a.unit_code, b.unit_code],
                "projects": [None, None] if kind == "部门绩效目标" else [pa.code, pb.code],
            }
        )
    return planted


def write_county(
    out_dir: Path,
    *,
    units: int = 60,
    year: int = 2022,
    division: str = "131026",
    seed: int = 0,
    hostile: bool = True,
    resubmissions: int = 2,
    duplicates: int = 1,
    copies: int = 0,
    self_evaluations: bool = False,
) -> CountyManifest:
    """Write a county inbox into `out_dir`; return its manifest (status and expected JSON per file)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    county = pools.COUNTY_NAMES.get(division, "示例县")
    man = CountyManifest(out_dir, division, year)
    # The first units take the layouts of the named variants in turn, so that even a small
    # county shows every layout; the rest are random combinations of the same features.
    layouts = [VARIANTS[name]().options for name in sorted(VARIANTS)]
    specs = [
        unit_spec(rng, c, n, d, division, year, layouts[i] if i < len(layouts) else None)
        for i, (c, n, d) in enumerate(_units(rng, units, county))
    ]
    # Planted with an rng of their own: a county with copies=0 is drawn exactly as before.
    man.planted = plant_copies(random.Random(seed + 7919), specs, copies)
    revised = {id(s) for s in rng.sample(specs, min(resubmissions, len(specs)))}
    loaded: list[tuple[SubmissionSpec, bytes]] = []
    for spec in specs:
        data = document(spec)
        sha = _write(out_dir, spec.file, data)
        if id(spec) in revised:
            v2 = _revise(rng, spec)
            data2 = document(v2)
            sha2 = _write(out_dir, v2.file, data2)
            man.entries.append(
                ManifestEntry(
                    spec.file,
                    "superseded",
                    sha,
                    spec.unit_code,
                    expected(spec, sha),
                    superseded_by=v2.file,
                )
            )
            man.entries.append(
                ManifestEntry(v2.file, "loaded", sha2, v2.unit_code, expected(v2, sha2))
            )
            loaded.append((v2, data2))
        else:
            man.entries.append(
                ManifestEntry(spec.file, "loaded", sha, spec.unit_code, expected(spec, sha))
            )
            loaded.append((spec, data))
    for spec, data in rng.sample(loaded, min(duplicates, len(loaded))):
        copy = replace(spec, file="副本-" + spec.file)
        sha = _write(out_dir, copy.file, data)
        man.entries.append(
            ManifestEntry(
                copy.file,
                "duplicate",
                sha,
                spec.unit_code,
                expected(copy, sha),
                duplicate_of=spec.file,
            )
        )
    if self_evaluations:  # one 项目支出绩效自评表 per unit, for its current targets (status self_evaluation)
        _write_self_evaluations(out_dir, man, [spec for spec, _ in loaded], random.Random(seed + 104729))
    if hostile:
        junk = [
            (f"{county}统计调查队{year}年绩效目标.docx", junk_files.empty(), "empty"),
            (f"{county}档案馆{year}年绩效目标.docx", junk_files.random_bytes(rng), "not_word"),
            (
                f"{county}地震局{year}年绩效目标.docx",
                junk_files.truncated_zip(loaded[0][1]),
                "corrupt",
            ),
            (
                f"{county}气象局{year}年绩效目标.doc",
                junk_files.html_doc(f"{county}气象局", "气象监测经费"),
                "html_doc",
            ),
        ]
        for name, data, kind in junk:
            man.entries.append(
                ManifestEntry(
                    name, "rejected", _write(out_dir, name, data), None, rejection_kind=kind
                )
            )
    man.seconds = time.perf_counter() - started
    return man


def _write_self_evaluations(out_dir: Path, man: CountyManifest, specs: list[SubmissionSpec],
                            rng: random.Random) -> None:
    """Write each unit's self-evaluation beside its targets, planting each problem kind once.

    They go to the county's folder (inbox/<division>/): a national form carries no 项目编码, so the
    folder is what tells its county (README, How the inbox is read).
    """
    from tests.docgen.county_selfeval import choose_plants, self_evaluation

    (out_dir / man.division).mkdir(exist_ok=True)
    plants = choose_plants(specs, rng)
    for u, spec in enumerate(specs):
        mine = {p: kind for (unit, p), kind in plants.items() if unit == u}
        # Every fourth unit files the provincial system's export (项目编码 in 项目名称), the rest the national form.
        data, expected_json, planted = self_evaluation(spec, mine, rng, province=u % 4 == 3)
        name = expected_json["file"]
        sha = _write(out_dir / man.division, name, data)
        expected_json["sha256"] = sha
        man.entries.append(ManifestEntry(f"{man.division}/{name}", "self_evaluation", sha, spec.unit_code,
                                         expected_json))
        man.planted_selfeval += planted
