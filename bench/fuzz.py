#!/usr/bin/env python3
"""bench/fuzz.sh's generator and sender (Python 3 standard library only).

Builds N raw HTTP requests from a seeded RNG (the same SEED and N give the same requests): about 40 % webhooks
with mutated bodies and secrets, 40 % calls of the endpoints in the service's OpenAPI description (and of the
pages, login, actuator and static files it does not list) with fuzzed paths and parameters, logged in and
anonymous, and 20 % requests with odd headers, methods and framing. Sends them over raw sockets (an HTTP client
refuses most of them), CONC at a time, and prints a table of request kind x status class and the 5xx found.
"""
import argparse
import base64
import collections
import concurrent.futures
import copy
import json
import random
import re
import socket
import sys
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

ESCAPES = ["%", "%zz", "%e9", "%c3%28", "%00", "%%", "%2", "%u0041", "%C0%AF", "%ff%fe"]
EXTREME_DATES = ["%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "9999-12-31", "0000-01-01",
                 "2026-02-30", "2026-13-01T00:00:00Z", "1970-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"]
HOSTILE_IDS = ["0x1", "%23%201", "-1", "0", "99999999999999999999", "%D9%A1", "1.0", "1e3", "%20%31", "1%00",
               "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "null", "x" * 300, "%F0%9F%92%A9"]
HOSTILE_VALUES = ESCAPES + EXTREME_DATES + [
    "", "99999999999999999999", "-1", "-99999999999", "NaN", "Infinity", "1e400", "true", "%27%20OR%201%3D1--",
    "..%2F..%2Fetc%2Fpasswd", "Mars%2FPhobos", "%2B99%3A00", "UTC%2B25", "%E2%80%AE", "%F0%9F%92%A9", "a%0d%0ab",
    "%3Cscript%3E", "x,y,z", ",", "createdOn,sideways", "id,asc,desc"]
VALID_VALUES = {
    "from": ["2026-12-01", "2026-01-01T00:00:00Z"], "to": ["2026-12-31", "2030-01-01T00:00:00Z"],
    "page": ["0", "1", "5"], "size": ["1", "50", "200"], "limit": ["1", "10"], "zone": ["Europe%2FAmsterdam", "UTC"],
    "bucket": ["hour", "day", "week", "month"], "outcome": ["done", "failed", "recorded", "pending"],
    "sort": ["createdOn,desc", "device,asc", "id"], "download": ["true", "false"],
}
DOORS = [("GET", "/"), ("GET", "/alarms"), ("GET", "/alarms/1"), ("GET", "/status"), ("GET", "/session"),
         ("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/error"), ("GET", "/actuator"),
         ("GET", "/actuator/health"), ("GET", "/actuator/health/liveness"), ("GET", "/actuator/info"),
         ("GET", "/actuator/prometheus"), ("GET", "/v3/api-docs"), ("GET", "/swagger-ui.html"),
         ("GET", "/swagger-ui/index.html"), ("GET", "/favicon.ico"), ("GET", "/js/common.js"),
         ("GET", "/css/app.css"), ("GET", "/app/index.html")]
CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/xml",
                 "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
                 "application/json; charset=bogus", "application/json; charset=ISO-8859-1", "\xe9/\xe9", "*/*",
                 ";;;", "application/octet-stream"]


def request(method, target, headers=(), body=b"", host="localhost", length=True):
    """The request's bytes; headers are (name, value) pairs or raw lines (str or bytes)."""
    lines = [f"{method} {target} HTTP/1.1".encode("utf-8", "surrogateescape")]
    if host is not None:
        lines.append(b"Host: " + host.encode("utf-8", "surrogateescape"))
    for h in headers:
        if isinstance(h, tuple):
            h = f"{h[0]}: {h[1]}"
        lines.append(h if isinstance(h, bytes) else h.encode("utf-8", "surrogateescape"))
    if length and (body or method not in ("GET", "HEAD")):
        lines.append(b"Content-Length: %d" % len(body))
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def exchange(port, data, timeout=20):
    """Sends the bytes, half-closes (so a request that promised more body ends), reads the answer's head."""
    answer = b""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.settimeout(timeout)
            try:
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the server may refuse (and answer) before the whole request is sent
            while len(answer) < 262144:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
    except OSError:
        pass
    m = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return (int(m.group(1)) if m else 0), answer


class Session:
    """A logged-in browser: session cookie and CSRF token from a form login."""

    def __init__(self, port, user, password):
        self.port = port
        status, form = exchange(port, request("GET", "/login", host=f"127.0.0.1:{port}"))
        token = re.search(rb'name="_csrf"[^>]*value="([^"]+)"', form).group(1).decode()
        xsrf = re.search(rb"Set-Cookie: (XSRF-TOKEN=[^;]*)", form).group(1).decode()
        body = urllib.parse.urlencode({"username": user, "password": password, "_csrf": token}).encode()
        status, login = exchange(port, request("POST", "/login", [("Cookie", xsrf), (
            "Content-Type", "application/x-www-form-urlencoded")], body, host=f"127.0.0.1:{port}"))
        self.session = re.search(rb"Set-Cookie: (JSESSIONID=[^;]*)", login).group(1).decode()
        status, page = exchange(port, request("GET", "/", [("Cookie", self.session)], host=f"127.0.0.1:{port}"))
        self.xsrf = re.search(rb"Set-Cookie: XSRF-TOKEN=([^;]*)", page).group(1).decode()

    def headers(self, method):
        cookie = ("Cookie", f"{self.session}; XSRF-TOKEN={self.xsrf}")
        return [cookie] if method in ("GET", "HEAD") else [cookie, ("X-XSRF-TOKEN", self.xsrf)]

    def get_json(self, path):
        return json_of(exchange(self.port, request("GET", path, self.headers("GET"), host=f"127.0.0.1:{self.port}")))


def json_of(exchanged):
    status, answer = exchanged
    head, _, body = answer.partition(b"\r\n\r\n")
    try:
        return json.loads(dechunk(body) if b"Transfer-Encoding: chunked" in head else body)
    except ValueError:
        raise SystemExit(f"expected JSON, got: {answer[:300]!r}")


def dechunk(body):
    out, rest = b"", body
    while rest:
        size, _, rest = rest.partition(b"\r\n")
        n = int(size.split(b";")[0] or b"0", 16)
        if n == 0:
            break
        out, rest = out + rest[:n], rest[n + 2:]
    return out


class Generator:
    def __init__(self, rnd, docs, examples, secret, session, ids, port):
        self.r, self.examples, self.secret, self.session, self.ids = rnd, examples, secret, session, ids
        self.host = f"127.0.0.1:{port}"
        self.endpoints = []
        for path, ops in docs["paths"].items():
            for method, op in ops.items():
                params = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
                self.endpoints.append((method.upper(), path, params, "requestBody" in op))

    # -- webhooks ------------------------------------------------------------------------------------------
    def webhook(self):
        r = self.r
        doc = copy.deepcopy(r.choice(self.examples))
        names = []
        if isinstance(doc, dict):
            # The examples' createdOn, or another from the RNG: the same SEED sends the same bytes on any day.
            if r.random() < 0.5:
                doc["createdOn"] = (datetime(2026, 11, 26, tzinfo=timezone.utc) + timedelta(
                    seconds=r.randint(0, 86400 * 365))).strftime("%Y-%m-%dT%H:%M:%S")
            for _ in range(r.choice([0, 1, 1, 2, 3])):
                if isinstance(doc, dict):  # a mutation may have written the bytes already
                    name, doc = self.mutate(doc)
                    names.append(name)
        body = json.dumps(doc).encode() if not isinstance(doc, bytes) else doc
        if r.random() < 0.25:
            name, body = self.mutate_bytes(body)
            names.append(name)
        auth_name, query, headers = self.webhook_auth()
        content_type = "application/json" if r.random() < 0.7 else r.choice(CONTENT_TYPES + [None])
        if content_type:
            headers.append(("Content-Type", content_type))
        if content_type != "application/json":
            names.append(f"Content-Type {content_type}")
        sub = "+".join(names or ["valid"]) + " / " + auth_name
        return "webhook", sub, request("POST", "/webhook" + query, headers, body, host=self.host)

    def mutate(self, doc):
        r = self.r
        key = r.choice(list(doc))
        extra = doc.get("extraInfo") if isinstance(doc.get("extraInfo"), dict) else {}
        kind = r.choice(["drop", "drop-extra", "retype", "huge", "deep", "createdOn", "createdOn", "control",
                         "unicode", "null-all", "duplicate"])
        if kind == "drop":
            doc.pop(key, None)
        elif kind == "drop-extra" and extra:
            extra.pop(r.choice(list(extra)), None)
        elif kind == "retype":
            doc[key] = r.choice([42, -1, 1e308, True, None, [], {}, [1, "a"], {"a": {"b": []}}, "", 0.5])
        elif kind == "huge":
            doc[key if r.random() < 0.5 else "shortContent"] = "A" * r.choice([10_000, 100_000, 1_000_000])
        elif kind == "deep":
            depth = r.choice([100, 1000, 5000])
            return kind, json.dumps(doc)[:-1].encode() + b', "extraInfo": ' + b"[" * depth + b"]" * depth + b"}"
        elif kind == "createdOn":
            doc["createdOn"] = r.choice([None, "", "not a date", "2026-02-30T25:61:61", "+999999999-12-31T23:59:59",
                                         "-999999999-01-01T00:00:00", "9999-12-31T23:59:59", "0000-01-01T00:00:00",
                                         1700000000, 1e300, [], {}, "2026-12-07T10:00:00Z",
                                         "2026-12-07T10:00:00+05:30", "2026-12-07T10:00:00.123456789",
                                         "2026-12-07", "x" * 100_000, "\u0000"])
            if r.random() < 0.2:
                doc.pop("createdOn", None)
        elif kind == "control":
            doc["shortContent"] = "Press\r\n2026 ERROR [main] forged\u001b[2J\u0000\u202e"
            if extra:
                extra["Device name"] = "\u0000\u0007" + "\u202e" * 10
        elif kind == "unicode":
            doc["shortContent"] = "".join(chr(r.randint(0x80, 0x10FFFF)) for _ in range(50)).encode(
                "utf-8", "surrogatepass").decode("utf-8", "replace")
        elif kind == "null-all":
            doc = {k: None for k in doc}
        elif kind == "duplicate":
            text = json.dumps(doc)
            return kind, (text[:-1] + ', "createdOn": "2020-01-01T00:00:00", "createdOn": 7}').encode()
        return kind, doc

    def mutate_bytes(self, body):
        r = self.r
        kind = r.choice(["truncate", "invalid-utf8", "not-json", "empty", "array", "bom", "trailing-garbage"])
        if kind == "truncate":
            return kind, body[:r.randint(0, max(0, len(body) - 1))]
        if kind == "invalid-utf8":
            at = r.randint(0, len(body))
            return kind, body[:at] + r.choice([b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80"]) + body[at:]
        if kind == "not-json":
            return kind, r.choice([b"hello", b"<xml/>", b"a=%zz&b=%", b"\x00" * 100, b"--x\r\n\r\n"])
        if kind == "empty":
            return kind, b""
        if kind == "array":
            return kind, b"[" + body + b"]"
        if kind == "bom":
            return kind, b"\xef\xbb\xbf" + body
        return kind, body + b"}}]]garbage"

    def webhook_auth(self):
        """The secret, right or wrong, in each place the webhook looks for it; the query's bad escapes."""
        r = self.r
        good, bad = self.secret, "wrong-" + self.secret[::-1]
        q = urllib.parse.quote(good, safe="")
        options = {
            "header": ("", [("X-Webhook-Secret", good)]), "header-bad": ("", [("X-Webhook-Secret", bad)]),
            "header-empty": ("", [("X-Webhook-Secret", "")]), "bearer": ("", [("Authorization", "Bearer " + good)]),
            "bearer-bad": ("", [("Authorization", "Bearer " + bad)]), "none": ("", []),
            "token": ("?token=" + q, []), "token-bad": ("?token=" + bad, []),
            "token-escape": ("?token=" + r.choice(ESCAPES), []),
            "token+escape": ("?token=" + q + "&x=" + r.choice(ESCAPES), []),
            "token-twice": ("?token=" + bad + "&token=" + q, []),
            "token-encoded": ("?token=" + "".join("%%%02x" % b for b in good.encode()), []),
        }
        kind = r.choice(list(options))
        query, headers = options[kind]
        return kind, query, list(headers)

    # -- API and the other doors -----------------------------------------------------------------------------
    def api(self):
        r = self.r
        if r.random() < 0.8:
            method, template, params, has_body = r.choice(self.endpoints)
        else:
            (method, template), params, has_body = r.choice(DOORS), [], False
        names = []
        path = template
        for var in re.findall(r"\{[^}]+}", template):
            real = self.real_id(template, var, method)
            if method == "DELETE" and r.random() < 0.98:
                real = r.choice(HOSTILE_IDS)  # now and then a real one: deleting is allowed, not every time
            value = real if r.random() < 0.6 else r.choice(HOSTILE_IDS)
            names.append("real id" if value == real else "hostile id")
            path = path.replace(var, value, 1)
        if r.random() < 0.12:
            path, spelled = self.spell(path)
            names.append(spelled)
        query = self.query(params, names)
        auth, headers = self.auth(method)
        names.append(auth)
        body = b""
        if has_body or method in ("POST", "PUT") or r.random() < 0.05:
            body, content_type, body_name = self.api_body(template)
            names.append(body_name)
            if content_type:
                headers.append(("Content-Type", content_type))
        return "api", " ".join(names), request(method, path + query, headers, body, host=self.host)

    def real_id(self, template, var, method):
        before = template[:template.index(var)]
        if before.endswith("/clips/"):
            return str(self.ids["clip"])
        if before.endswith("/cameras/"):
            return self.ids["camera"]
        return str(self.r.choice(self.ids["alarms"]))

    def spell(self, path):
        r = self.r
        kind = r.choice(["%-letter", "double slash", "trailing slash", ";jsessionid", ";a=b", "upper case", "/./",
                         "%2e%2e", "%2F", "backslash", "%5c", "%00"])
        letters = [i for i, c in enumerate(path) if c.isalpha()]
        if kind == "%-letter" and letters:
            i = r.choice(letters)
            return path[:i] + "%%%02x" % ord(path[i]) + path[i + 1:], kind
        second = path.find("/", 1)
        head, tail = (path[:second], path[second:]) if second > 0 else (path, "")
        return {"double slash": head + "/" + tail, "trailing slash": path + "/",
                ";jsessionid": head + ";jsessionid=x" + tail, ";a=b": path + ";a=b", "upper case": path.upper(),
                "/./": head + "/." + tail, "%2e%2e": head + "/x/%2e%2e" + tail, "%2F": path.replace("/", "%2F", 2),
                "backslash": path.replace("/", "\\", 2), "%5c": path.replace("/", "%5c", 2),
                "%00": path + "%00"}.get(kind, path), kind

    def query(self, params, names):
        r = self.r
        pairs = []
        for _ in range(r.choice([0, 1, 1, 2, 3, 4])):
            name = r.choice(params + ["x", "page", "size"]) if params else r.choice(["x", "page", "a"])
            hostile = r.random() < 0.5
            pool = HOSTILE_VALUES if hostile else VALID_VALUES.get(name, ["hello", "Line%204", "1"])
            value = r.choice(pool)
            if hostile and r.random() < 0.1:
                value = "a" * r.choice([1000, 5000, 9000])
            names.append("hostile " + (value if len(value) < 30 else f"{len(value)} chars") if hostile else "valid")
            pairs.append(f"{name}={value}")
        if r.random() < 0.05:
            pairs.append(r.choice(["", "&&", "=x", "from", "outcome=a&outcome=b&outcome=", "%=%"]))
        return ("?" + "&".join(pairs)) if pairs else ""

    def auth(self, method):
        r = self.r
        roll = r.random()
        if roll < 0.5:
            return "logged in", self.session.headers(method)
        if roll < 0.75:
            return "anonymous", []
        if roll < 0.85:
            return "anonymous via proxy", [("X-Forwarded-For", "203.0.113.7")]
        if roll < 0.92:
            return "bearer secret", [("Authorization", "Bearer " + self.secret)]
        if roll < 0.96:
            return "basic wrong", [("Authorization", "Basic " + base64.b64encode(b"fuzzer:wrong-password").decode())]
        return "basic garbage", [("Authorization", "Basic !!" + "x" * r.randint(0, 50))]

    def api_body(self, template):
        r = self.r
        if r.random() < 0.5:
            body = {"text": r.choice(["fuzz", "", "x" * 5000, None, 7, ["a"]])} if "cameras" in template else {
                "kept": r.choice([True, False, None, "yes", 1, {}])}
            return json.dumps(body).encode(), "application/json", "valid-ish body"
        _, body = self.mutate_bytes(json.dumps({"text": "fuzz", "kept": True}).encode())
        return body, r.choice(CONTENT_TYPES + [None]), "garbage body"

    # -- headers --------------------------------------------------------------------------------------------
    def header(self):
        r = self.r
        clip = self.ids["clip"]
        method, target = r.choice([("GET", f"/api/clips/{clip}/video"), ("GET", f"/api/clips/{clip}/thumbnail"),
                                   ("GET", "/api/alarms"), ("GET", "/actuator/prometheus"),
                                   ("GET", "/actuator/health"), ("GET", "/js/common.js"), ("GET", "/login"),
                                   ("POST", "/webhook")])
        headers = self.session.headers(method) if r.random() < 0.5 else []
        body = json.dumps(r.choice(self.examples)).encode() if method == "POST" else b""
        if method == "POST":
            headers += [("Content-Type", "application/json"), ("X-Webhook-Secret", self.secret)]
        host, length, names = self.host, True, []
        for _ in range(r.choice([1, 1, 2])):
            kind = r.choice(["range", "host", "authorization", "content-length", "transfer-encoding", "forwarded",
                             "method", "version", "conditional", "accept", "many", "long", "bytes", "fold",
                             "name", "cookie", "expect"])
            names.append(kind)
            if kind == "range":
                headers.append(("Range", r.choice(["bytes=", "bytes=5-1", "bytes=99999999999-", "items=0-1",
                                                   "bytes=-0", "bytes=0-0," * 1000 + "1-1", "bytes=x-y",
                                                   "bytes=99999999999999999999-", "bytes=0-1, 0-1", "bytes"])))
            elif kind == "host":
                host = r.choice([None, "", "a b", "evil.example", "x" * 5000, "[::1]:x", "127.0.0.1:99999",
                                 "\u00e9.example", "localhost, evil.example", "%00"])
            elif kind == "authorization":
                headers.append(("Authorization", r.choice([
                    "Basic !!!", "Basic " + base64.b64encode(b"no-colon").decode(), "Basic ",
                    "Bearer " + base64.b64encode(r.randbytes(32)).decode(), "Bearer " + "A" * 7000, "Digest x",
                    "Bearer " + self.secret + " ", "bearer " + self.secret, ""])))
            elif kind == "content-length":
                length = False
                headers.append(r.choice([("Content-Length", str(len(body) + r.choice([1, 100, 10_000]))),
                                         ("Content-Length", str(max(0, len(body) - 5))), ("Content-Length", "-1"),
                                         ("Content-Length", "abc"), ("Content-Length", "99999999999999999999"),
                                         b"Content-Length: 1\r\nContent-Length: 2"]))
            elif kind == "transfer-encoding":
                length = False
                te = r.choice(["chunked", "gzip, chunked", "identity", "chunked, chunked", "x"])
                headers.append(("Transfer-Encoding", te))
                if r.random() < 0.5:
                    body = r.choice([b"zz\r\nabc\r\n0\r\n\r\n", b"5\r\nabc\r\n", b"ffffffffffff\r\n", b"0\r\n\r\n",
                                     b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)])
            elif kind == "forwarded":
                headers.append(r.choice([("X-Forwarded-For", "203.0.113.7, 127.0.0.1"),
                                         ("X-Forwarded-For", "127.0.0.1"), ("X-Forwarded-Host", "evil.example"),
                                         ("X-Forwarded-Proto", "gopher"), ("X-Forwarded-Port", "99999"),
                                         ("X-Forwarded-Prefix", "/../admin"), ("Forwarded", "for=unknown;proto=x"),
                                         ("X-Real-IP", "::1"), ("X-Original-URL", "/actuator/prometheus"),
                                         ("X-Rewrite-URL", "/api/alarms"), ("Via", "1.1 x")]))
            elif kind == "method":
                method = r.choice(["PROPFIND", "TRACE", "BREW", "get", "OPTIONS", "HEAD", "PATCH", "CONNECT",
                                   "DELETE", "G", "X" * 300])
            elif kind == "version":
                return "header", "version", request(method, target, headers, body, host=self.host).replace(
                    b"HTTP/1.1", r.choice([b"HTTP/1.0", b"HTTP/1.2", b"HTTP/2.0", b"HTTP/9.9", b"HTTP/1", b"FOO"]), 1)
            elif kind == "conditional":
                headers.append(r.choice([("If-Modified-Since", "yesterday"), ("If-None-Match", "*, x"),
                                         ("If-Modified-Since", "Fri, 31 Dec 99999 23:59:59 GMT"),
                                         ("If-Range", "garbage"), ("If-Match", "\"x\""),
                                         ("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")]))
            elif kind == "accept":
                headers.append(r.choice([("Accept", "application/x-java-serialized-object"), ("Accept", ";;;"),
                                         ("Accept", "text/html;q=abc"), ("Accept-Encoding", "gzip;q=x, br"),
                                         ("Accept-Charset", "bogus"), ("Accept-Language", "x" * 2000)]))
            elif kind == "many":
                headers += [(f"X-H{i}", "v") for i in range(r.choice([50, 150, 300]))]
            elif kind == "long":
                headers.append(("X-Padding", "p" * r.choice([4000, 9000, 20000])))
            elif kind == "bytes":
                headers.append(b"X-Bytes: " + bytes(r.randint(0x80, 0xFF) for _ in range(20)))
            elif kind == "fold":
                headers.append(b"X-Folded: a\r\n  continued")
            elif kind == "name":
                headers.append(r.choice([b"Bad Name: x", b": empty", b"X\x00Y: z", b"NoColon"]))
            elif kind == "cookie":
                headers.append(("Cookie", r.choice(["JSESSIONID=../../x", "XSRF-TOKEN=%", "=;;=;",
                                                    "JSESSIONID=" + "x" * 4000, "a=\u00e9"])))
            elif kind == "expect":
                headers.append(("Expect", r.choice(["100-continue", "garbage"])))
        return "header", "+".join(names), request(method, target, headers, body, host=host, length=length)

    def next(self):
        roll = self.r.random()
        return self.webhook() if roll < 0.4 else self.api() if roll < 0.8 else self.header()


def prepare(port, secret, session):
    """Something to find: three alarms and one recorded clip (record-now on the demo camera)."""
    for i in range(3):
        alarm = {"companyId": "c", "createdOn": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S"),
                 "systemLabel": "alarm-high", "shortContent": f"Fuzz seed {i}",
                 "extraInfo": {"Device ID": f"fuzz{i}", "Device name": f"Fuzz press {i}"}}
        exchange(port, request("POST", "/webhook", [("X-Webhook-Secret", secret), ("Content-Type", "application/json")],
                               json.dumps(alarm).encode(), host=f"127.0.0.1:{port}"))
    alarm_id = json_of(exchange(port, request("POST", "/api/cameras/nobody/recordings", session.headers("POST") + [
        ("Content-Type", "application/json")], b'{"text": "fuzz seed clip"}', host=f"127.0.0.1:{port}")))["alarmId"]
    clip = None
    for _ in range(300):
        alarm = session.get_json(f"/api/alarms/{alarm_id}")
        if alarm.get("clips"):
            clip = alarm["clips"][0]["id"]
            break
        time.sleep(0.1)
    alarms = [a["id"] for a in session.get_json("/api/alarms?size=10")["items"]]
    return {"alarms": alarms, "clip": clip if clip is not None else 1, "camera": "nobody"}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--secret", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--examples", required=True, nargs="+")
    p.add_argument("--n", type=int, default=10000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--conc", type=int, default=4)
    a = p.parse_args()
    session = Session(a.port, a.user, a.password)
    ids = prepare(a.port, a.secret, session)
    docs = session.get_json("/v3/api-docs")
    examples = [json.loads(open(f, encoding="utf-8").read()) for f in a.examples]
    gen = Generator(random.Random(a.seed), docs, examples, a.secret, session, ids, a.port)
    requests = [gen.next() for _ in range(a.n)]
    start = time.time()
    with concurrent.futures.ThreadPoolExecutor(a.conc) as pool:
        answers = list(pool.map(lambda req: exchange(a.port, req[2]), requests))
    took = time.time() - start
    table = collections.defaultdict(collections.Counter)
    failures = collections.defaultdict(list)
    protocol = collections.Counter()
    for (kind, sub, data), (status, answer) in zip(requests, answers):
        table[kind][f"{status // 100}xx" if status else "none"] += 1
        if status in (501, 505):
            protocol[status] += 1
        elif status >= 500 or status == 0:
            title = re.search(rb'"title":"([^"]*)"', answer)
            # Grouped by what was sent, not by which secret came with it.
            failures[(kind, status, sub.split(" / ")[0])].append((data, title.group(1).decode() if title else ""))
    cols = ["2xx", "3xx", "4xx", "5xx", "none"]
    print(f"fuzz: {a.n} requests (seed {a.seed}, {a.conc} at a time) in {took:.1f} s; "
          f"{len(docs['paths'])} paths from /v3/api-docs; alarms {ids['alarms'][:3]}, clip {ids['clip']}")
    print(f"{'kind':10}" + "".join(f"{c:>7}" for c in cols) + f"{'total':>8}")
    for kind in ["webhook", "api", "header"]:
        print(f"{kind:10}" + "".join(f"{table[kind][c]:>7}" for c in cols) + f"{sum(table[kind].values()):>8}")
    print(f"{'all':10}" + "".join(f"{sum(t[c] for t in table.values()):>7}" for c in cols) + f"{a.n:>8}")
    fives = sum(len(v) for (kind, status, sub), v in failures.items() if status)
    print(f"5xx: {fives} (must be 0), besides " + ", ".join(f"{n} x {s}" for s, n in sorted(protocol.items()))
          + " (a method, Transfer-Encoding or HTTP version the server does not speak); "
          + f"no answer: {sum(t['none'] for t in table.values())}")
    for (kind, status, sub), items in sorted(failures.items(), key=lambda f: (-len(f[1]), f[0][0], f[0][2]))[:20]:
        data, title = items[0]
        line = data.split(b"\r\n", 1)[0].decode("utf-8", "replace")
        print(f"  {len(items):4} x {status or 'none'} {kind} [{sub[:70]}] e.g. {line[:90]} -> {title}")

if __name__ == "__main__":
    sys.exit(main())
