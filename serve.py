"""The server's entry point: `streamlit run serve.py` serves dashboard.py through Streamlit's ASGI app.

`streamlit run dashboard.py` works too (AppTest and development use it); serving through this file
adds what Streamlit has no setting for, in place before the first request (gcm/guard.py): the
metrics endpoint refused. `python3 tasks.py run`, the browser tests and docs/deployment.md use it.
"""
from starlette.middleware import Middleware
from streamlit import App

from gcm.guard import RefuseMetrics

app = App("dashboard.py", middleware=[Middleware(RefuseMetrics)])
