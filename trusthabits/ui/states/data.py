"""Your data, as a state mixin: export own entries as CSV or JSON (a download started by a
signed-in handler, so no unauthenticated HTTP route exists) and import a JSON export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from trusthabits.core import clock
from trusthabits.services import data_transfer, personal_export
from trusthabits.ui.events import Me, signed_in

UPLOAD_ID = "import-json"


class DataTransferMixin(rx.State, mixin=True):
    data_message: str = ""
    data_error: str = ""

    def _download(self, me: Me, export: Callable[[Session, int], str], extension: str, mime: str) -> Any:
        data = me.call(export, me.id)
        filename = f"trusthabits-entries-{me.today().isoformat()}.{extension}"
        return rx.download(data=data.encode("utf-8"), filename=filename, mime_type=mime)

    @signed_in
    def export_csv(self, me: Me) -> Any:
        return self._download(me, data_transfer.export_csv, "csv", "text/csv")

    @signed_in
    def export_all(self, me: Me) -> Any:
        """Everything of this manager in one zip (services/personal_export.py)."""
        data = me.call(personal_export.build, me.id, clock.now())
        return rx.download(data=data, filename=f"trusthabits-export-{me.today().isoformat()}.zip",
                           mime_type="application/zip")

    @signed_in
    def export_json(self, me: Me) -> Any:
        return self._download(me, data_transfer.export_json, "json", "application/json")

    @signed_in
    async def import_json(self, me: Me, files: list[rx.UploadFile]) -> None:
        self.data_message, self.data_error = "", ""
        if not files:
            self.data_error = self._tr("error.import_no_file")
            return
        # Read one byte more than allowed: enough to know the file is too large.
        content = await files[0].read(data_transfer.MAX_IMPORT_BYTES + 1)
        try:
            result = await me.run(data_transfer.import_json, me.id, content)
        except data_transfer.ImportRefused as refused:
            self.data_error = self._tr(refused.key, row=refused.row or 0)
            return
        self.data_message = self._tr("data.imported", added=result.added, skipped=result.skipped)
        await me.in_thread(self._refresh, me)
