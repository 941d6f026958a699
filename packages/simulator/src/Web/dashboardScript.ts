/**
 * The dashboard's browser script (plain JavaScript, inlined by `Web/Dashboard.ts`). It reads and acts through the
 * control API itself (`/_simulator/*`), so the dashboard shows and does exactly what the API does. Every value is
 * inserted as a text node (never as markup), so merchant-supplied strings cannot run.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 * @category Constants
 */
export const dashboardScript = String.raw`(() => {
  const root = document.getElementById("dashboard")
  const control = root.dataset.control
  const defaultMerchant = root.dataset.defaultMerchant
  const params = new URLSearchParams(location.search)
  let merchant = params.has("merchantId") ? params.get("merchantId") : defaultMerchant
  let token = sessionStorage.getItem("paypay-simulator-token") || ""
  let busy = false
  const merchants = new Set([defaultMerchant, merchant])
  const $ = (id) => document.getElementById(id)

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag)
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value)
      else node.setAttribute(key, value)
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child == null ? "" : String(child)))
    return node
  }
  const yen = (money) => (money ? "¥" + Number(money.amount).toLocaleString("en-US") : "")
  const jst = (seconds) => (seconds ? new Date((seconds + 9 * 3600) * 1000).toISOString().slice(0, 19).replace("T", " ") : "")
  const status = (value) => el("span", { class: "status " + value }, value)
  const tenant = () => "merchantId=" + encodeURIComponent(merchant)
  const notice = (text) => { $("notice").textContent = text }

  const call = async (method, path, body) => {
    const headers = {}
    if (method !== "GET") headers["content-type"] = "application/json"
    if (token) headers["x-simulator-token"] = token
    const response = await fetch(control + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    if (response.status === 401) {
      $("token-form").hidden = false
      throw new Error("the control API needs its token (--control-token)")
    }
    const text = await response.text()
    const data = text ? JSON.parse(text) : null
    if (!response.ok) throw new Error((data && (data.message || data.error)) || response.statusText)
    return data
  }

  const fill = (id, columns, rows) => {
    $(id).replaceChildren(...(rows.length > 0 ? rows : [el("tr", {}, el("td", { colspan: String(columns), class: "muted" }, "none yet"))]))
  }

  const act = (label, run) => el("button", { class: "small", "data-action": label, onclick: async () => {
    try { await run(); await refresh() } catch (error) { notice(label + ": " + error.message) }
  } }, label)

  const renderPayments = (payments) => {
    fill("payments", 7, payments.slice().reverse().map((p) => el("tr", { "data-payment": p.merchantPaymentId },
      el("td", {}, el("code", {}, p.merchantPaymentId)),
      el("td", {}, status(p.status)),
      el("td", { class: "num" }, yen(p.amount)),
      el("td", { class: "description" }, p.orderDescription || ""),
      el("td", {}, p.userAuthorizationId ? el("code", {}, p.userAuthorizationId) : ""),
      el("td", {}, jst(p.requestedAt)),
      el("td", {}, ...(p.status === "CREATED" || p.status === "REAUTHORIZING" ? [
        act("Approve", () => call("POST", "/payments/" + encodeURIComponent(p.merchantPaymentId) + "/approve?" + tenant(), {})), " ",
        act("Decline", () => call("POST", "/payments/" + encodeURIComponent(p.merchantPaymentId) + "/decline?" + tenant(), {}))
      ] : []))
    )))
    const refunds = payments.flatMap((p) => ((p.refunds && p.refunds.data) || []).map((r) => ({ ...r, merchantPaymentId: p.merchantPaymentId })))
    fill("refunds", 5, refunds.reverse().map((r) => el("tr", {},
      el("td", {}, el("code", {}, r.merchantRefundId)),
      el("td", {}, el("code", {}, r.merchantPaymentId)),
      el("td", {}, status(r.status)),
      el("td", { class: "num" }, yen(r.amount)),
      el("td", {}, r.reason || "")
    )))
  }

  const renderUsers = (users) => {
    fill("users", 5, users.map((u) => el("tr", { "data-user": u.userAuthorizationId },
      el("td", {}, el("code", {}, u.userAuthorizationId)),
      el("td", {}, status(u.status)),
      el("td", { class: "num" }, yen({ amount: u.balance })),
      el("td", {}, u.scopes.length + " scopes"),
      el("td", {}, u.referenceIds.join(", "))
    )))
  }

  const renderRequests = (entries) => {
    fill("requests", 6, entries.slice(-100).reverse().map((e) => el("tr", {},
      el("td", {}, new Date(e.at).toLocaleTimeString()),
      el("td", {}, e.method + " " + e.path),
      el("td", {}, e.operation),
      el("td", { class: "num" }, e.status),
      el("td", {}, e.code),
      el("td", {}, e.auth + (e.fault ? " · fault " + e.fault : ""))
    )))
  }

  const renderDeliveries = (attempts) => {
    fill("deliveries", 6, attempts.slice(-100).reverse().map((a) => el("tr", {},
      el("td", {}, new Date(a.at).toLocaleTimeString()),
      el("td", { class: "num" }, a.eventId + " #" + a.attempt),
      el("td", {}, a.url),
      el("td", { class: "num" }, a.status === undefined ? "–" : a.status),
      el("td", { class: "num" }, a.latencyMillis + " ms"),
      el("td", {}, a.outcome + (a.error ? " · " + a.error : ""))
    )))
  }

  const renderMerchants = (entries) => {
    for (const e of entries) if (e.merchantId !== undefined) merchants.add(e.merchantId)
    const select = $("merchant")
    const wanted = [...merchants].sort()
    const current = [...select.options].map((o) => o.value)
    if (wanted.join("\n") !== current.join("\n")) {
      select.replaceChildren(...wanted.map((m) => el("option", { value: m }, m === "" ? "(no merchant id)" : m)))
    }
    select.value = merchant
  }

  const refresh = async () => {
    if (busy) return
    busy = true
    try {
      const [payments, users, requests, all, clock, deliveries] = await Promise.all([
        call("GET", "/payments?" + tenant()),
        call("GET", "/users?" + tenant()),
        call("GET", "/requests?" + tenant()),
        call("GET", "/requests"),
        call("GET", "/clock"),
        call("GET", "/webhooks/deliveries?" + tenant())
      ])
      renderPayments(payments)
      renderUsers(users)
      renderRequests(requests)
      renderDeliveries(deliveries)
      renderMerchants(all)
      $("clock").textContent = jst(clock.now) + " JST" + (clock.offsetSeconds ? " (+" + clock.offsetSeconds + " s)" : "")
      $("updated").textContent = "live · updated " + new Date().toLocaleTimeString()
      if ($("notice").dataset.sticky !== "true") notice("")
    } catch (error) {
      notice(error.message)
    } finally {
      busy = false
    }
  }

  const choose = (value) => {
    merchant = value
    merchants.add(value)
    const url = new URL(location.href)
    url.searchParams.set("merchantId", value)
    history.replaceState(null, "", url)
    refresh()
  }

  $("merchant").addEventListener("change", (event) => choose(event.target.value))
  $("other-merchant").addEventListener("submit", (event) => {
    event.preventDefault()
    choose($("other-merchant-id").value.trim())
  })
  $("advance").addEventListener("submit", async (event) => {
    event.preventDefault()
    try { await call("POST", "/clock/advance", { seconds: Number($("seconds").value) }); await refresh() } catch (error) { notice(error.message) }
  })
  $("reset").addEventListener("click", async () => {
    try { await call("POST", "/reset?" + tenant()); await refresh() } catch (error) { notice(error.message) }
  })
  $("new-user").addEventListener("click", async () => {
    try { await call("POST", "/users?" + tenant(), {}); await refresh() } catch (error) { notice(error.message) }
  })
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault()
    token = $("token").value
    sessionStorage.setItem("paypay-simulator-token", token)
    $("token-form").hidden = true
    refresh()
  })
  refresh()
  setInterval(refresh, 1000)
})()
`
