#!/usr/bin/env python3
"""Saves screenshots of a running Reef's console (e.g. `./mvnw quarkus:dev`) for the README.

Drives Debian's headless Chromium through chromedriver's W3C WebDriver API (standard library only):
    python3 src/docs/screenshot-console.py [base-url] [operator-token]
Defaults: http://localhost:8080 and the dev-mode token. Writes src/docs/console-dashboard.png.
Nothing is downloaded; the token is typed into the login form and never printed.
"""
import base64, json, os, subprocess, sys, tempfile, time, urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
TOKEN = sys.argv[2] if len(sys.argv) > 2 else "dev-admin-token"
PORT = 9515
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)))
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://localhost:{PORT}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["value"]


def main():
    driver = subprocess.Popen(["/usr/bin/chromedriver", f"--port={PORT}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                call("GET", "/status")
                break
            except OSError:
                time.sleep(0.2)
        profile = tempfile.mkdtemp(prefix="reef-shot-")
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--window-size=1280,800", "--hide-scrollbars"]
        session = call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}})
        s = session["sessionId"]
        try:
            call("POST", f"/session/{s}/url", {"url": BASE + "/console/login"})
            token = call("POST", f"/session/{s}/element", {"using": "css selector", "value": "#token"})[ELEMENT]
            call("POST", f"/session/{s}/element/{token}/value", {"text": TOKEN})
            button = call("POST", f"/session/{s}/element",
                          {"using": "css selector", "value": "form.login button[type=submit]"})[ELEMENT]
            call("POST", f"/session/{s}/element/{button}/click", {})
            for page, name, height in (("/console/", "console-dashboard.png", 1100),):
                call("POST", f"/session/{s}/url", {"url": BASE + page})
                call("POST", f"/session/{s}/window/rect", {"width": 1280, "height": height})
                png = base64.b64decode(call("GET", f"/session/{s}/screenshot"))
                with open(os.path.join(OUT, name), "wb") as f:
                    f.write(png)
                print("wrote", os.path.join(OUT, name))
        finally:
            call("DELETE", f"/session/{s}")
    finally:
        driver.terminate()


if __name__ == "__main__":
    main()
