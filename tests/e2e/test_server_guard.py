"""Server-wide resources a visitor must not reach, on a real server: the metrics endpoint.

(A client's clear-cache message is tested in tests/app/test_practice_findings.py, on the handler itself.)"""
from __future__ import annotations

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


def test_the_metrics_endpoint_tells_nothing_about_the_server(server):
    run_once(server)
    body = urllib.request.urlopen(f"{server}/_stcore/metrics", timeout=10).read().decode()
    assert "cache" not in body and "session" not in body and "bytes" not in body, body[:500]

