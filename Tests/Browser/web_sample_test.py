#!/usr/bin/env python3
"""The web sample (Samples/CounterWeb, `mdl-rp-web`) in headless Chromium, driven over WebDriver (chromedriver).

Standard library only: the W3C WebDriver protocol is plain HTTP + JSON. Flows, each asserted on the decision shown:
  1. cross-device: the page shows the openid4vp:// QR code; the test reads its URI from the page and has the
     sandbox wallet answer it (POST /sandbox/wallet/present); the page updates itself by polling  -> pass
  2. Digital Credentials API: a test-only navigator.credentials.get hands the page's real request to the sandbox
     wallet (POST /sandbox/wallet/dc-api, the origin the browser reports) and returns its real credential  -> pass
  3. the same, insurance claim (no statement as of an accident)                                           -> refer
  4. a replayed credential (the first DC API answer handed back to a new request)                         -> refused
Screenshots of each state go to .build/web-sample/. When Chromium cannot run it prints one `SKIPPED: why` line and
exits 0, or 1 when MDLKIT_REQUIRE_BROWSER=1 (CI).

Usage: Tests/Browser/web_sample_test.py [--binary .build/debug/mdl-rp-web]
"""
import base64, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.error, urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHOTS = os.path.join(REPO, ".build", "web-sample")
TIMEOUT = 30  # seconds for one state to appear (counted in polls, not asserted on)


def skip(why):
    print(f"SKIPPED: {why}", flush=True)
    sys.exit(1 if os.environ.get("MDLKIT_REQUIRE_BROWSER") == "1" else 0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Browser:
    """A WebDriver session on chromedriver."""

    def __init__(self, driver_url, chromium):
        self.url = driver_url
        self.profile = tempfile.mkdtemp(prefix="mdl-web-chromium-")
        options = {"binary": chromium, "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                 "--window-size=900,1100", f"--user-data-dir={self.profile}"]}
        status, body = http("POST", f"{driver_url}/session", {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}})
        value = json.loads(body).get("value", {})
        if status != 200 or "sessionId" not in value:
            raise RuntimeError(value.get("message", body.decode(errors="replace"))[:300])
        self.session = f"{driver_url}/session/{value['sessionId']}"

    def call(self, method, path, body=None):
        status, reply = http(method, self.session + path, body)
        value = json.loads(reply).get("value") if reply else None
        if status != 200:
            raise AssertionError(f"WebDriver {path}: {value}")
        return value

    def cdp(self, command, params):
        return self.call("POST", "/goog/cdp/execute", {"cmd": command, "params": params})

    def go(self, url):
        self.call("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def click(self, selector):
        self.js("document.querySelector(arguments[0]).click()", selector)

    def wait_for(self, script, what):
        for _ in range(TIMEOUT * 10):
            value = self.js(script)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; page state {self.js('return document.body.dataset.state')}")

    def screenshot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        path = os.path.join(SHOTS, f"{name}.png")
        with open(path, "wb") as file:
            file.write(base64.b64decode(self.call("GET", "/screenshot")))
        print(f"  screenshot {os.path.relpath(path, REPO)}")

    def close(self):
        try:
            http("DELETE", self.session)
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


# The test-only Digital Credentials API: the page's real request goes to the sandbox wallet, its real answer comes back.
FAKE_DC_API = """
window.DigitalCredential = window.DigitalCredential || function DigitalCredential() {};
window.__answers = [];
Object.defineProperty(navigator.credentials, "get", { configurable: true, value: async (options) => {
  const reply = await fetch("/sandbox/wallet/dc-api", { method: "POST", headers: { "Content-Type": "application/json" },
                                                        body: JSON.stringify({ digital: options.digital }) });
  if (!reply.ok) throw new DOMException("the wallet refused the request", "NotAllowedError");
  const credential = await reply.json();
  window.__answers.push(credential);
  return window.__replay || credential;
}});
"""


def decision(browser, expected, label):
    outcome = browser.wait_for("return document.body.dataset.state === 'result' && document.body.dataset.outcome", f"the {label} decision")
    shown = browser.js("return document.getElementById('outcome').textContent")
    print(f"  {label}: {outcome} ({shown})")
    assert outcome == expected, f"{label}: expected {expected}, the page shows {outcome}: {browser.js('return document.body.innerText')[:800]}"
    return outcome


def main():
    binary = os.path.join(REPO, ".build", "debug", "mdl-rp-web")
    if "--binary" in sys.argv:
        binary = sys.argv[sys.argv.index("--binary") + 1]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        skip("no chromium/chromedriver on PATH (apt-get install chromium chromium-driver, or `make setup`)")
    if not os.access(binary, os.X_OK):
        print(f"FAILED: {binary} is not built (swift build --product mdl-rp-web)")
        return 1

    port, driver_port = free_port(), free_port()
    origin = f"http://127.0.0.1:{port}"
    site = subprocess.Popen([binary, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    driver = subprocess.Popen([chromedriver, f"--port={driver_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = None
    try:
        line = site.stdout.readline()
        if "open http://" not in line:
            print(f"FAILED: mdl-rp-web did not start: {line.strip()}")
            return 1
        for _ in range(100):
            try:
                if http("GET", f"http://127.0.0.1:{driver_port}/status")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        try:
            browser = Browser(f"http://127.0.0.1:{driver_port}", chromium)
        except (RuntimeError, OSError) as error:
            skip(f"headless Chromium cannot start here: {error}")

        print("web sample, cross-device flow (QR code, sandbox wallet on a 'phone'):")
        browser.go(origin + "/")
        browser.wait_for("return document.body.dataset.state === 'choose'", "the use-case choice")
        browser.screenshot("1-choose")
        browser.click("#force-qr")
        browser.click("button[data-use-case='rental']")
        uri = browser.wait_for("return document.body.dataset.state === 'qr' && document.getElementById('qr').dataset.uri", "the QR code")
        assert uri.startswith("openid4vp://"), uri
        assert browser.js("return !!document.querySelector('#qr svg path')"), "no QR code drawn"
        browser.screenshot("2-qr-waiting")
        status, body = http("POST", origin + "/sandbox/wallet/present", uri.encode(), {"Content-Type": "text/plain"})
        assert status == 200, f"sandbox wallet: {status} {body!r}"
        decision(browser, "pass", "rental via QR code")
        receipt = browser.js("return document.getElementById('receipt').innerText")
        assert "valid" in receipt, f"the receipt does not record a checked status: {receipt}"
        assert browser.js("return (document.getElementById('portrait').src || '').startsWith('data:image/')"), "no portrait"
        browser.screenshot("3-pass-qr")

        print("web sample, Digital Credentials API flow (test-only navigator.credentials.get -> sandbox wallet):")
        browser.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_DC_API})
        browser.go(origin + "/")
        browser.wait_for("return document.body.dataset.state === 'choose'", "the use-case choice")
        browser.click("button[data-use-case='driving-job']")
        decision(browser, "pass", "driving job via DC API")
        browser.screenshot("4-pass-dc-api")
        browser.click("#again")
        browser.click("button[data-use-case='insurance-claim']")
        decision(browser, "refer", "insurance claim via DC API")
        browser.screenshot("5-refer-dc-api")

        print("web sample, a replayed credential:")
        browser.click("#again")
        browser.js("window.__replay = window.__answers[0]")
        browser.click("button[data-use-case='driving-job']")
        decision(browser, "refused", "replayed DC API credential")
        code = browser.js("return document.getElementById('reasons').innerText")
        print(f"  refusal shown: {code.strip()}")
        browser.screenshot("6-refused-replay")
        print("web sample browser tests: PASSED")
        return 0
    except AssertionError as error:
        print(f"FAILED: {error}")
        if browser:
            browser.screenshot("failure")
        return 1
    finally:
        if browser:
            browser.close()
        driver.terminate()
        site.terminate()
        for process in (driver, site):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
