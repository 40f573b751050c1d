"""Server-wide settings Streamlit has no option for: applied once per process by the entry script.

- A client's "clear cache" message (the menu entry, or any websocket client) clears every shared
  cache in the process by default: one anonymous visitor could slow every other one down, over
  and over. Here it clears only the sender's own session state.
- `/_stcore/metrics` describes the server (sessions, caches, memory) to anyone: it is emptied
  (the route stays, with no metric in it); deployments also refuse the path at the proxy.

Both are applied by the first script run; until then the caches are empty, so there is nothing a
message could clear.
"""
from __future__ import annotations

from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession


def _clear_own_session(self: AppSession) -> None:
    """A client's cache-clearing message: this session's state only, never the shared caches."""
    self._session_state.clear()


def guard_server() -> None:
    """Refuse shared-cache clearing from clients and empty the metrics endpoint (idempotent)."""
    AppSession._handle_clear_cache_request = _clear_own_session  # type: ignore[method-assign]
    if Runtime.exists():
        Runtime.instance().stats_mgr._providers_by_family.clear()
