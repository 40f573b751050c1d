"""Server-wide limits Streamlit has no option for: applied once per process by the entry script.

- A client's "clear cache" message (the menu entry, or any websocket client) clears every shared
  cache in the process by default: one anonymous visitor could slow every other one down, over
  and over. Here it clears only the sender's own session state.
- `/_stcore/metrics` describes the server (sessions, caches, memory) to anyone: `serve.py` refuses
  it with `RefuseMetrics` from the first request; under a plain `streamlit run dashboard.py` it is
  emptied at the first script run. Deployments also refuse the path at the proxy.
- Any session may upload files (`/_stcore/upload_file/…`), kept in memory until it ends; the only
  uploader here takes one file, so a session keeps only its newest upload (at most
  `server.maxUploadSize` MB), however many it sends.

`guard_server` is applied by the first script run; until then the caches are empty, so there is nothing a
message could clear.
"""
from __future__ import annotations

from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

_add_file = MemoryUploadedFileManager.add_file


def _clear_own_session(self: AppSession) -> None:
    """A client's cache-clearing message: this session's state only, never the shared caches."""
    self._session_state.clear()


def _keep_newest_upload(self: MemoryUploadedFileManager, session_id: str, file: UploadedFileRec) -> None:
    """Store an upload, dropping the session's earlier ones: one file per session, never a pile."""
    for stale in [f for f in self.file_storage.get(session_id, {}) if f != file.file_id]:
        self.remove_file(session_id, stale)
    _add_file(self, session_id, file)


def guard_server() -> None:
    """Refuse shared-cache clearing from clients, empty the metrics endpoint, one upload per session (idempotent)."""
    AppSession._handle_clear_cache_request = _clear_own_session  # type: ignore[method-assign]
    MemoryUploadedFileManager.add_file = _keep_newest_upload  # type: ignore[method-assign]
    if Runtime.exists():
        Runtime.instance().stats_mgr._providers_by_family.clear()


class RefuseMetrics:
    """ASGI middleware: 404 for the metrics endpoint, before Streamlit sees the request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith("/_stcore/metrics"):
            await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": b"Not found"})
            return
        await self.app(scope, receive, send)
