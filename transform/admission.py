"""Which extracted files the warehouse loads as target submissions: the one place that decides.

A year-end self-evaluation (绩效自评表, contract v4 `kind` self_evaluation) arrives in the same
inbox as the targets. Until the warehouse has tables for it (issue 20's linking, facts and 自评复核
rules), loading it as a target submission would put last year's restated targets among this
year's promises. So it is set aside here, visibly: recorded as not loaded, with a reason that says
what it is and that nothing needs resubmitting. When the warehouse can store self-evaluations,
this function is what changes (build_frames and the run summary call it on every outcome).
Files set aside meanwhile sit in the ledger as rejected with kind `self_evaluation_pending`, and the
ledger skips bytes it knows: that change should also let the next ingest read them again (e.g. a
migration removing those ledger rows), or they stay set aside.
"""

from __future__ import annotations

import dataclasses

from extract.outcome import FileOutcome

# ingest_ledger.rejection_kind of a self-evaluation the warehouse cannot store yet.
SELF_EVALUATION_PENDING = "self_evaluation_pending"


def admit(outcome: FileOutcome) -> FileOutcome:
    """Return the outcome as the warehouse takes it: a self-evaluation becomes a clear 'not loaded'."""
    sub = outcome.submission
    if sub is None or sub.get("kind", "targets") == "targets":  # files before contract v4 are targets
        return outcome
    unit = sub["unit"]["name"] or sub["unit"]["code"] or "单位未识别"
    year = f"{sub['fiscal_year']}年度" if sub["fiscal_year"] else "年度未识别"
    reason = (f"这是绩效自评表（{unit}，{year}，{len(sub['projects'])}个项目"
              f"{'，含部门整体自评' if sub['department_goals'] else ''}），不是绩效目标申报文件；"
              "本系统暂不将自评表入库，已收到并列出，未作为绩效目标入库；请勿作为绩效目标重新报送，无需处理。"
              " (a self-evaluation: not loaded as targets)")
    return dataclasses.replace(outcome, submission=None, rejection_kind=SELF_EVALUATION_PENDING,
                               rejection_reason=reason)
