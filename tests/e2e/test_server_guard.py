"""Server-wide resources a visitor must not reach, on a real server: the metrics endpoint, oversized uploads.

(A client's clear-cache message is tested in tests/app/test_practice_findings.py, on the handler itself.)"""
from __future__ import annotations

import urllib.error
import urllib.request

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


def run_once(server: str) -> None:
    """Open a session over the websocket as a browser does and run the app once."""
    ws_url = server.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, subprotocols=["streamlit"], origin=server) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = ""
        ws.send(msg.SerializeToString())
        for _ in range(2000):
            fwd = ForwardMsg()
            fwd.ParseFromString(ws.recv(timeout=120))
            if fwd.WhichOneof("type") == "script_finished":
                break


def _metrics_status(server: str, path: str = "/_stcore/metrics") -> int:
    try:
        return urllib.request.urlopen(f"{server}{path}", timeout=10).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_metrics_endpoint_is_refused_from_the_first_request(server):
    """serve.py's middleware answers 404 before any script has run, and after, with or without a slash."""
    assert _metrics_status(server) == 404
    run_once(server)
    assert _metrics_status(server) == 404 and _metrics_status(server, "/_stcore/metrics/") == 404
    assert _metrics_status(server, "/_stcore/health") == 200



def test_an_upload_over_the_limit_sent_past_the_browser_is_refused_by_the_server(server):
    """The review page's 5 MB limit is checked by the browser; a client that skips it meets the server's."""
    import http.cookiejar
    import uuid

    import requests

    from practices.record import settings

    limit = int(settings()["ingest"]["max_upload_mb"]) * 1024 * 1024
    web = requests.Session()
    web.get(f"{server}/_stcore/health", timeout=30)  # sets the XSRF cookie, as for the browser
    xsrf = next(c.value for c in web.cookies if isinstance(c, http.cookiejar.Cookie) and c.name == "_streamlit_xsrf")
    ws_url = server.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, subprotocols=["streamlit"], origin=server,
                 additional_headers={"Cookie": f"_streamlit_xsrf={xsrf}"}) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        ws.send(msg.SerializeToString())
        session_id = ""
        while not session_id:
            fwd = ForwardMsg()
            fwd.ParseFromString(ws.recv(timeout=120))
            if fwd.WhichOneof("type") == "new_session":
                session_id = fwd.new_session.initialize.session_id

        def put(size: int) -> int:
            url = f"{server}/_stcore/upload_file/{session_id}/{uuid.uuid4().hex}"
            files = {"file": ("export.csv", b"a" * size, "text/csv")}
            return web.put(url, files=files, headers={"X-Xsrftoken": xsrf}, timeout=60).status_code

        assert put(1000) == 204  # the route works for this session: the refusals below are about size
        assert put(limit + 1) == 413
        body = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\n" + b"a" * (limit + 1) + b"\r\n--b--\r\n"
        chunked = web.put(f"{server}/_stcore/upload_file/{session_id}/{uuid.uuid4().hex}",
                          data=iter([body[i:i + 65536] for i in range(0, len(body), 65536)]),  # no Content-Length
                          headers={"X-Xsrftoken": xsrf, "Content-Type": "multipart/form-data; boundary=b"}, timeout=60)
        assert chunked.status_code == 413
