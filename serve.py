"""The server's entry point: `streamlit run serve.py` serves dashboard.py through Streamlit's ASGI app.

`streamlit run dashboard.py` works too (AppTest and development use it); serving through this file
adds what Streamlit has no setting for, in place before the first request: the metrics endpoint
refused (gcm/guard.py), and the app's modules imported and frozen out of the garbage collector's
reach while the server starts, not during its first visitors' runs (gcm/cache.py).
`python3 tasks.py run`, the browser tests, the bench and docs/deployment.md use it.
"""
from contextlib import asynccontextmanager

from starlette.middleware import Middleware
from streamlit import App

from gcm.cache import warm_process
from gcm.guard import RefuseMetrics


@asynccontextmanager
async def warm(_app):
    warm_process()
    yield


app = App("dashboard.py", middleware=[Middleware(RefuseMetrics)], lifespan=warm)
