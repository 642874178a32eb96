"""Upload a spreadsheet, preview its errors or counts, confirm; download templates."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired

from casebook.core.permissions import Permission
from casebook.core.templating import register_navigation
from casebook.core.uploads import LARGE_UPLOADS
from casebook.extensions import db
from casebook.imports.downloads import template_csv, template_xlsx
from casebook.imports.lock import ImportBusy, import_lock
from casebook.imports.runner import ImportReport, run_import
from casebook.imports.spec import ImportSpec, all_specs, get_spec

bp = Blueprint("imports", __name__, template_folder="templates", url_prefix="/imports")
register_navigation("imports.index", _l("Import"), Permission.IMPORT_CASES)
LARGE_UPLOADS["imports.upload"] = "IMPORT_MAX_FILE_MB"

UPLOAD_MAX_AGE = 24 * 3600
_TOKEN = re.compile(r"^[0-9a-f]{32}\.(csv|xlsx|xlsm|txt)$")


class UploadForm(FlaskForm):
    file = FileField(
        _l("Spreadsheet"),
        validators=[
            FileRequired(_l("Choose a file.")),
            FileAllowed(["csv", "xlsx", "xlsm", "txt"], _l("Upload a .xlsx or .csv file.")),
        ],
        description=_l("CSV in UTF-8 or Excel .xlsx (first sheet); the first row holds the headers."),
    )


class ConfirmForm(FlaskForm):
    upload = HiddenField(validators=[DataRequired()])


def _spec_or_404(kind: str) -> ImportSpec:
    spec = get_spec(kind)
    if spec is None or not spec.allows(current_user):
        abort(404)
    return spec


def _upload_dir() -> Path:
    folder = Path(current_app.instance_path) / "uploads" / "imports" / str(current_user.id)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _forget_old_uploads(folder: Path) -> None:
    cutoff = time.time() - UPLOAD_MAX_AGE
    for path in folder.iterdir():
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def _run(spec: ImportSpec, path: Path, dry_run: bool) -> ImportReport:
    """Check (and unless a dry run, import) the file while holding the import lock; commit a right import."""
    try:
        with import_lock(current_app.config["IMPORT_LOCK_WAIT_SECONDS"]):
            report = run_import(spec, str(path), path.name, user=current_user, dry_run=dry_run)
            if report.ok and not dry_run:
                db.session.commit()
            else:
                db.session.rollback()
    except ImportBusy as busy:
        report = ImportReport(kind=spec.kind, dry_run=dry_run)
        report.add_error(None, None, str(busy))
    return report


@bp.get("/")
def index():
    """The kinds of spreadsheet the user may import, with their templates."""
    specs = [spec for spec in all_specs().values() if spec.allows(current_user)]
    if not specs:
        abort(404)
    return render_template("imports/index.html", specs=specs)


@bp.route("/<kind>", methods=["GET", "POST"])
def upload(kind: str):
    """Upload a file: every row is checked and the result shown; nothing is written yet."""
    spec = _spec_or_404(kind)
    form = UploadForm()
    report = None
    confirm = None
    if form.validate_on_submit():
        folder = _upload_dir()
        _forget_old_uploads(folder)
        extension = form.file.data.filename.rsplit(".", 1)[-1].lower()
        token = f"{uuid.uuid4().hex}.{extension}"
        path = folder / token
        form.file.data.save(path)
        report = _run(spec, path, dry_run=True)
        if report.ok:
            confirm = ConfirmForm(upload=token)
        else:
            path.unlink(missing_ok=True)
    return render_template("imports/upload.html", spec=spec, form=form, report=report, confirm=confirm)


@bp.post("/<kind>/confirm")
def confirm(kind: str):
    """Import the previously checked file, all or nothing."""
    spec = _spec_or_404(kind)
    form = ConfirmForm()
    token = form.upload.data or ""
    path = _upload_dir() / token
    if not form.validate_on_submit() or not _TOKEN.match(token) or not path.exists():
        flash(_("The uploaded file has expired; upload it again."), "error")
        return redirect(url_for("imports.upload", kind=kind))
    report = _run(spec, path, dry_run=False)
    if not report.ok:
        return render_template(
            "imports/upload.html", spec=spec, form=UploadForm(), report=report, confirm=None
        )
    path.unlink(missing_ok=True)
    flash(
        _(
            "Imported %(total)s rows: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.",
            total=report.total_rows,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        ),
        "success",
    )
    return redirect(url_for("imports.upload", kind=kind))


@bp.get("/<kind>/template.<fmt>")
def template(kind: str, fmt: str):
    """The template file of an import, with the headers and an example row."""
    spec = _spec_or_404(kind)
    if fmt == "xlsx":
        data, mimetype = (
            template_xlsx(spec),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "csv":
        data, mimetype = template_csv(spec), "text/csv"
    else:
        abort(404)
    import io

    return send_file(
        io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=f"{kind}-template.{fmt}"
    )
