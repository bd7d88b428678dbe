#!/usr/bin/env python3
"""Writes fuzz/corpus/<target>/ seeds from the esp_prov fixtures (tests/EspProv.Tests/Fixtures/*/*.json).

Real messages recorded from Espressif's esp_prov against ESP-IDF device code: proto-ver replies, session
responses, and the plaintext (sec0) config/scan/ctrl replies, framed for each target (see fuzz/EspProv.Fuzz/Chunks.cs:
a length byte, 255 = rest of input). Deterministic; run it again after adding fixtures.
"""
import glob, json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "fuzz", "corpus")


def join(*messages):
    data = bytearray()
    for m in messages:
        data.append(255 if len(m) >= 255 else len(m))
        data += m
    return bytes(data)


def write(target, name, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)


fixtures = sorted(glob.glob(os.path.join(root, "tests", "EspProv.Tests", "Fixtures", "*", "*.json")))
for path in fixtures:
    name = os.path.splitext(os.path.basename(path))[0]
    fx = json.load(open(path))
    ex = fx["exchanges"]
    sec = fx["device"].get("sec_ver", 0)
    hx = lambda s: bytes.fromhex(s) if s else b""
    proto = fx["device"].get("proto_ver_response", "").encode()
    if proto:
        write("device-info", name, proto)
    session = [e for e in ex if e["endpoint"] == "prov-session"]
    if session:
        responses = [hx(e.get("response_hex")) for e in session]
        # Chunks.Split takes the first message framed; the last one may run to the end.
        write(f"sec{sec}-client", name, join(*responses))
        requests = [hx(e.get("request_hex")) for e in session]
        if sec in (1, 2):
            write(f"sim-session-sec{sec}", name, join(*requests))
    # Application replies as plaintext, for the sec0 client flow: proto-ver, session, then each reply.
    plain = [hx(e.get("response_plain_hex") or (e.get("response_hex") if sec == 0 else "")) for e in ex
             if e["endpoint"] not in ("proto-ver", "prov-session")]
    reqs_plain = [(e["endpoint"], hx(e.get("request_plain_hex") or (e.get("request_hex") if sec == 0 else ""))) for e in ex
                  if e["endpoint"] not in ("proto-ver", "prov-session")]
    endpoints = ["proto-ver", "prov-session", "prov-config", "prov-scan", "prov-ctrl", "custom-data", "no-such-endpoint"]
    msgs = [bytes([endpoints.index(ep)]) + body for ep, body in reqs_plain if ep in endpoints and body]
    if msgs:
        write("sim-endpoints", name, bytes([0x10]) + join(*msgs))
        lines = "\n".join(f"{ep} 0 {body.hex()}" for ep, body in reqs_plain if body)
        write("console-host", name, lines.encode())
    if sec == 0:
        sec0_reply = hx(session[0]["response_hex"]) if session else b""
        write("client-flow", name, bytes([0]) + join(proto, sec0_reply, *[hx(e.get("response_hex")) for e in ex if e["endpoint"] not in ("proto-ver", "prov-session")]))
    elif plain:
        # The plaintext replies behind a synthetic sec0 proto-ver and session reply.
        proto0 = b'{"prov":{"ver":"v1.1","sec_ver":0,"cap":["wifi_scan"]}}'
        for mode in (0, 1):
            write("client-flow", f"{name}-mode{mode}", bytes([mode]) + join(proto0, bytes.fromhex("10005200"), *plain))
    # Console transport: the device's hex answers as typed lines.
    write("console-transport", name, ("\n".join(hx(e.get("response_hex")).hex() for e in ex if e.get("response_hex")) + "\n").encode())
    # HTTP: a response in protocomm_httpd's form around the proto-ver reply.
    if proto:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(proto)}\r\nSet-Cookie: session=1234\r\n\r\n".encode()
        write("http-response", name, head + proto + head + proto)

write("http-response", "chunked", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n")
write("http-response", "http10-eof", b"HTTP/1.0 200 OK\r\n\r\nbody-until-close")
write("console-transport", "log-lines", b">> I (123) wifi: chatter\r\nW (5) x: warn\r\n>> 0a0b\r\nE (9) protocomm_console: refused\r\n")
write("console-host", "relay", b"Client->Device msg : proto-ver 0 6e6f6e65\nprov-session 1 10005200\nbogus\n")
print(f"seeds written to {out}")
