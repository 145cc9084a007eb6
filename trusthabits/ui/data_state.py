"""Your data, as a state mixin: export own entries as CSV or JSON (a download started by a
signed-in handler, so no unauthenticated HTTP route exists) and import a JSON export."""

from __future__ import annotations

import reflex as rx

from trusthabits.services import actions, data_transfer
from trusthabits.ui.state import run_service

UPLOAD_ID = "import-json"


class DataTransferMixin(rx.State, mixin=True):
    data_message: str = ""
    data_error: str = ""

    async def _download(self, export, extension: str, mime: str):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        data = await run_service(export, profile.id)
        today = await run_service(actions.manager_today, profile.id)
        return rx.download(data=data.encode("utf-8"), filename=f"trusthabits-entries-{today.isoformat()}.{extension}", mime_type=mime)

    @rx.event
    async def export_csv(self):
        return await self._download(data_transfer.export_csv, "csv", "text/csv")

    @rx.event
    async def export_json(self):
        return await self._download(data_transfer.export_json, "json", "application/json")

    @rx.event
    async def import_json(self, files: list[rx.UploadFile]):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        self.data_message, self.data_error = "", ""
        if not files:
            self.data_error = self._tr("error.import_no_file")
            return
        # Read one byte more than allowed: enough to know the file is too large.
        content = await files[0].read(data_transfer.MAX_IMPORT_BYTES + 1)
        try:
            result = await run_service(data_transfer.import_json, profile.id, content)
        except data_transfer.ImportRefused as refused:
            self.data_error = self._tr(refused.key, row=refused.row or 0)
            return
        self.data_message = self._tr("data.imported", added=result.added, skipped=result.skipped)
        await self._refresh(profile)
