/// The page and its script (static; every value comes from the JSON API, inserted as text, never as HTML,
/// except the server's own QR code SVG).
enum CounterPage {
    static let html = #"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>驾驶证核验 · Licence check</title>
        <style>
        body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        h1 { font-size: 1.4rem; } .sandbox { color: #a15c00; font-size: .9rem; }
        button { font-size: 1rem; padding: .6rem 1rem; margin: .3rem .3rem .3rem 0; cursor: pointer; }
        section { display: none; } body[data-state="choose"] #choose, body[data-state="qr"] #qr-step,
        body[data-state="dc-api"] #dc-step, body[data-state="result"] #result { display: block; }
        #qr { width: 16rem; height: 16rem; } #qr svg { width: 100%; height: 100%; }
        .outcome { font-size: 1.6rem; font-weight: bold; padding: .4rem .8rem; display: inline-block; border-radius: .3rem; }
        .pass { background: #d7f5dd; color: #11602a; } .fail, .refused { background: #fbdada; color: #8a1414; }
        .refer, .declined { background: #fff0c2; color: #7a5500; }
        #portrait { width: 8rem; image-rendering: pixelated; float: right; border: 1px solid #ccc; } td { padding: .15rem .6rem .15rem 0; vertical-align: top; }
        .reason { margin: .3rem 0; } .reason small { color: #666; }
        </style>
        </head>
        <body data-state="choose">
        <h1>驾驶证核验 · Driving licence check</h1>
        <p class="sandbox">沙箱演示：测试用密钥与证件 · Sandbox: test keys and licences only</p>
        <section id="choose">
          <p>请选择业务 · Pick the use case:</p>
          <button data-use-case="rental">租车 · Car rental</button>
          <button data-use-case="insurance-claim">保险理赔 · Insurance claim</button>
          <button data-use-case="driving-job">驾驶岗位 · Driving job</button>
          <p><label><input type="checkbox" id="force-qr"> 用手机扫码 · Use a phone (QR code) even if this browser has a wallet</label></p>
        </section>
        <section id="qr-step">
          <p>请用手机钱包扫描二维码 · Scan with the wallet on your phone:</p>
          <div id="qr"></div>
          <p><a id="qr-link" href="#">在本机打开 · Open on this device</a></p>
          <p id="waiting">等待钱包回应… · Waiting for the wallet…</p>
        </section>
        <section id="dc-step"><p>请在浏览器弹出的钱包中确认 · Confirm in the wallet your browser shows…</p></section>
        <section id="result">
          <img id="portrait" alt="portrait · 照片">
          <p><span id="outcome" class="outcome"></span> <span id="use-case"></span></p>
          <div id="reasons"></div>
          <h2>同意回执 · Consent receipt</h2>
          <table id="receipt"></table>
          <p><button id="again">重新开始 · Start again</button></p>
        </section>
        <script src="/app.js"></script>
        </body>
        </html>
        """#

    static let script = #"""
        "use strict";
        const $ = (id) => document.getElementById(id);
        const labels = { pass: "通过 · PASS", fail: "不通过 · FAIL", refer: "转人工 · REFER", refused: "拒绝 · REFUSED", declined: "持证人拒绝 · DECLINED" };
        const useCases = { "rental": "租车 · Car rental", "insurance-claim": "保险理赔 · Insurance claim", "driving-job": "驾驶岗位 · Driving job" };
        function hasDigitalCredentials() {
          return typeof window.DigitalCredential !== "undefined" && !!navigator.credentials && !$("force-qr").checked;
        }
        function setState(state) { document.body.dataset.state = state; }
        function text(tag, value, className) { const e = document.createElement(tag); e.textContent = value; if (className) e.className = className; return e; }
        async function start(useCase) {
          const flow = hasDigitalCredentials() ? "dc-api" : "qr";
          const reply = await fetch("/api/start", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ useCase, flow }) });
          const session = await reply.json();
          if (!reply.ok) return show(session);
          if (flow === "qr") {
            $("qr").innerHTML = session.qr;
            $("qr").dataset.uri = session.uri;
            $("qr-link").href = session.uri;
            setState("qr");
            return poll(session.id);
          }
          setState("dc-api");
          let credential;
          try {
            credential = await navigator.credentials.get(session.request);
          } catch (error) {
            return show({ outcome: "declined", useCase, error: { code: "holderDeclined", message: String(error) } });
          }
          const posted = await fetch("/api/credential/" + encodeURIComponent(session.id), {
            method: "POST", headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ protocol: credential.protocol, data: credential.data }) });
          show(await posted.json());
        }
        async function poll(id) {
          for (;;) {
            const reply = await fetch("/api/result/" + encodeURIComponent(id));
            if (reply.status === 200) return show(await reply.json());
            if (reply.status !== 204) return show({ outcome: "refused", error: { code: "requestUnknown" } });
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
        }
        function show(result) {
          $("outcome").textContent = labels[result.outcome] || result.outcome;
          $("outcome").className = "outcome " + result.outcome;
          document.body.dataset.outcome = result.outcome;
          $("use-case").textContent = useCases[result.useCase] || "";
          const reasons = $("reasons"); reasons.replaceChildren();
          for (const reason of result.reasons || []) {
            const line = text("div", "", "reason");
            line.append(text("div", reason.zh), text("div", reason.en), text("small", reason.severity + " · " + reason.code));
            reasons.append(line);
          }
          if (result.error) reasons.append(text("div", "错误 · Error: " + result.error.code + (result.error.message ? " — " + result.error.message : ""), "reason"));
          const portrait = $("portrait");
          if (result.portrait) { portrait.src = result.portrait; portrait.style.display = ""; } else { portrait.removeAttribute("src"); portrait.style.display = "none"; }
          const table = $("receipt"); table.replaceChildren();
          const receipt = result.receipt;
          if (receipt) {
            const rows = [["依赖方 · Relying party", receipt.relyingPartyZH + " · " + receipt.relyingPartyEN + " (" + receipt.clientID + ")"],
              ["用途 · Purpose", receipt.purposeZH + " · " + receipt.purposeEN], ["时间 · Time", receipt.time],
              ["状态 · Licence status", receipt.status],
              ["已出示 · Disclosed", receipt.disclosed.map((d) => d.element + (d.retained ? " (保留 · retained)" : "")).join("\n")],
              ["已拒绝 · Declined", receipt.declined.join("\n") || "—"]];
            for (const [name, value] of rows) { const row = document.createElement("tr"); row.append(text("td", name), text("td", value)); table.append(row); }
            table.querySelectorAll("td").forEach((cell) => { cell.style.whiteSpace = "pre-line"; });
          } else {
            table.append(text("tr", "无回执 · No receipt"));
          }
          setState("result");
        }
        document.querySelectorAll("button[data-use-case]").forEach((button) => button.addEventListener("click", () => start(button.dataset.useCase)));
        $("again").addEventListener("click", () => { document.body.removeAttribute("data-outcome"); setState("choose"); });
        """#
}
