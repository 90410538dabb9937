"""Import from a page: an uploaded file is kept for a while under a random token,
previewed by running the real import in a transaction that is rolled back, and
imported only when the consultant confirms (the same import, committed by the
page's unit of work).

The file the consultant confirms is the file that was previewed: the bytes stay
on the server (``<instance>/imports/<token>/<name>``), never re-sent by the browser.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from pathlib import Path

from flask_babel import lazy_gettext as _l
from werkzeug.utils import secure_filename

from . import spreadsheets
from .errors import DomainError
from .exchange import DocumentRejected, Problem, too_deep
from .importer import ImportSummary, import_document

SUFFIXES = (".json", ".xlsx", ".csv")
KEPT_SECONDS = 3600  # an upload not confirmed within an hour is removed
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class UploadRefused(DomainError):
    """The uploaded file cannot be taken (kind, size, or an expired token)."""


def read_document(path: Path) -> dict:
    """Read an exchange-format JSON file or spreadsheet templates into a document.

    Raises ``DocumentRejected`` for unreadable input, naming where it broke.
    """
    if path.is_dir() or path.suffix.lower() in (".csv", ".xlsx"):
        return spreadsheets.read(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentRejected([spreadsheets.problem(str(path), f"not UTF-8 text: {exc}")]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentRejected(
            [
                spreadsheets.problem(
                    str(path), f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
                )
            ]
        ) from exc
    except RecursionError as exc:  # nested past what the parser can follow
        raise DocumentRejected([too_deep()]) from exc


def _folder(instance_path: str) -> Path:
    return Path(instance_path) / "imports"


def _sweep(folder: Path) -> None:
    """Remove uploads older than ``KEPT_SECONDS``."""
    if not folder.is_dir():
        return
    limit = time.time() - KEPT_SECONDS
    for entry in folder.iterdir():
        if entry.is_dir() and entry.stat().st_mtime < limit:
            shutil.rmtree(entry, ignore_errors=True)


def keep(instance_path: str, filename: str, data: bytes) -> str:
    """Keep an uploaded file for the preview and the confirmation; its token."""
    name = secure_filename(filename or "")
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadRefused(_l("Berkas harus berupa .json, .xlsx atau .csv."))
    if not data:
        raise UploadRefused(_l("Berkas kosong."))
    if len(data) > spreadsheets.FILE_MAX_BYTES:
        raise UploadRefused(_l("Berkas terlalu besar."))
    folder = _folder(instance_path)
    _sweep(folder)
    token = secrets.token_urlsafe(24)
    target = folder / token
    target.mkdir(parents=True)
    # a CSV template is named after its sheet (msmes.csv ...): keep the name
    (target / name.lower() if suffix == ".csv" else target / f"upload{suffix}").write_bytes(data)
    return token


def kept_file(instance_path: str, token: str) -> Path:
    """The file kept under ``token``; ``UploadRefused`` when it is gone or malformed."""
    folder = _folder(instance_path) / token if _TOKEN.match(token or "") else None
    files = sorted(folder.iterdir()) if folder and folder.is_dir() else []
    if len(files) != 1 or folder.stat().st_mtime < time.time() - KEPT_SECONDS:
        raise UploadRefused(_l("Unggahan tidak ditemukan atau kedaluwarsa; unggah berkasnya lagi."))
    return files[0]


def forget(instance_path: str, token: str) -> None:
    if _TOKEN.match(token or ""):
        shutil.rmtree(_folder(instance_path) / token, ignore_errors=True)


def run(path: Path, *, actor_id: int | None, label: str) -> ImportSummary:
    """Import the kept file into the session (the caller's transaction decides
    whether it is kept). ``DocumentRejected`` names sheet, row and column, or
    the JSON path, of every problem, with the server's folder left out."""
    try:
        document = read_document(path)
        try:
            return import_document(document, actor_id=actor_id, actor_label=label)
        except DocumentRejected as exc:
            if isinstance(document, spreadsheets.TabularDocument):
                raise document.translate(exc) from exc
            raise
    except DocumentRejected as exc:
        hidden = str(path.parent) + "/"
        raise DocumentRejected(
            [Problem(p.path.replace(hidden, ""), p.message) for p in exc.problems]
        ) from exc
