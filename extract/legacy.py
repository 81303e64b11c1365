"""Legacy and look-alike Word files: convert Word 97-2003 (.doc) with LibreOffice, explain the rest.

Each conversion runs LibreOffice headless in its own temporary directory with its own
profile (two conversions sharing a profile fail silently), under a timeout, and the
whole directory is removed afterwards whatever happened.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from extract.errors import RejectedFile

# A converted budget form is a few hundred KB; anything huge is refused before reading it.
_MAX_OUTPUT_BYTES = 256 * 1024 * 1024

MSG_NO_LIBREOFFICE = (
    "这是旧版 Word 97-2003 (.doc) 文件，服务器未安装 LibreOffice，无法自动转换；"
    "请用 Word/WPS 另存为 .docx 后再提交。 (legacy .doc and LibreOffice is not installed)"
)
MSG_CONVERT_FAILED = (
    "这是旧版 Word 97-2003 (.doc) 文件，自动转换为 .docx 失败（文件可能已损坏）；"
    "请用 Word/WPS 打开后另存为 .docx 再提交。 (LibreOffice could not convert the .doc)"
)
MSG_CONVERT_TIMEOUT = (
    "这是旧版 Word 97-2003 (.doc) 文件，自动转换超时；"
    "请用 Word/WPS 打开后另存为 .docx 再提交。 (LibreOffice conversion timed out)"
)


def find_soffice() -> str | None:
    """Return the path of the LibreOffice executable on PATH, or None when it is not installed."""
    for exe in ("soffice", "libreoffice"):
        found = shutil.which(exe)
        if found:
            return found
    return None


def convert_doc_to_docx(data: bytes, name: str, *, timeout: float = 60) -> bytes:
    """Return the .docx bytes LibreOffice makes from a legacy .doc (or .rtf); raise RejectedFile('legacy_doc')."""
    soffice = find_soffice()
    if soffice is None:
        raise RejectedFile(MSG_NO_LIBREOFFICE, kind="legacy_doc")
    # The unit's file name is never put on a command line: only its extension is kept.
    suffix = ".rtf" if name.lower().endswith(".rtf") or data.lstrip()[:5] == b"{\\rtf" else ".doc"
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as tmp:
        work = Path(tmp)
        src = work / f"input{suffix}"
        src.write_bytes(data)
        out_dir = work / "out"
        out_dir.mkdir()
        profile = work / "profile"
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(src),
        ]
        env = dict(os.environ, HOME=str(work))
        _run(cmd, env, timeout)
        produced = out_dir / "input.docx"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise RejectedFile(MSG_CONVERT_FAILED, kind="legacy_doc")
        if produced.stat().st_size > _MAX_OUTPUT_BYTES:
            raise RejectedFile(MSG_CONVERT_FAILED, kind="legacy_doc")
        return produced.read_bytes()


def _run(cmd: list[str], env: dict[str, str], timeout: float) -> None:
    """Run LibreOffice in its own process group so a timeout kills soffice.bin too."""
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise RejectedFile(MSG_CONVERT_TIMEOUT, kind="legacy_doc") from exc
    finally:
        # The wrapper may exit while soffice.bin lingers in our group: end it before cleanup.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if proc.returncode != 0:
        raise RejectedFile(MSG_CONVERT_FAILED, kind="legacy_doc")


def html_doc_message() -> RejectedFile:
    """Return the rejection for a web page (HTML/.mht) saved under a Word file name."""
    return RejectedFile(
        "这是网页文件（HTML），只是文件名是 .doc/.docx；请用 Word/WPS 打开它，"
        "“另存为” Word 文档（.docx）后再提交。 (an HTML page saved with a Word file name)",
        kind="html_doc",
    )


def encrypted_message() -> RejectedFile:
    """Return the rejection for a password-protected Word file."""
    return RejectedFile(
        "文件设置了打开密码（已加密），请取消密码后另存为 .docx 再提交。 (password-protected)",
        kind="encrypted",
    )


def empty_message() -> RejectedFile:
    """Return the rejection for an empty file."""
    return RejectedFile(
        "文件是空的（0 字节或没有内容），可能上传或复制时出错；请重新导出 .docx 后再提交。 (empty file)",
        kind="empty",
    )


def not_word_message(what: str = "无法识别的文件格式") -> RejectedFile:
    """Return the rejection for a file that is not a Word document; `what` says what it is."""
    return RejectedFile(
        f"这不是 Word 文档（{what}），请提交 Word 格式（.docx）的绩效目标文件。 (not a Word document)",
        kind="not_word",
    )


def damaged_ole2_message() -> RejectedFile:
    """Return the rejection for a .doc-style (OLE2) file whose structure cannot be read."""
    return RejectedFile(
        "文件已损坏或不完整（旧版 Office 文件结构无法读取），请重新用 Word/WPS 打开并另存为 .docx 后再提交。"
        " (corrupt or truncated OLE2 file)",
        kind="corrupt",
    )
