/**
 * The stylesheet of the hosted pages, inlined into each page (no extra request, works offline).
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 * @category Constants
 */
export const stylesheet = `
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Hiragino Sans",sans-serif;color:#222;background:#f4f4f6}
header.bar{background:#ff0033;color:#fff;padding:10px 20px;display:flex;gap:12px;align-items:center}
header.bar strong{font-size:17px}
header.bar .tag{font-size:12px;background:rgba(255,255,255,.2);padding:2px 8px;border-radius:10px}
main{max-width:760px;margin:24px auto;padding:0 16px}
main.wide{max-width:1280px}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:20px 24px;margin-bottom:16px}
h1{font-size:22px;margin:0 0 12px}
h2{font-size:17px;margin:0 0 10px}
.amount{font-size:34px;font-weight:700;margin:4px 0}
.muted{color:#666;font-size:13px}
.error h1{color:#c00}
.ok h1{color:#0a7d32}
.qr{display:flex;gap:20px;align-items:center;flex-wrap:wrap}
.qr svg{width:200px;height:200px;border:1px solid #eee;border-radius:8px}
.qr>div:last-child{flex:1;min-width:240px}
code{word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{font-weight:600;color:#555;background:#fafafa}
td.num,th.num{text-align:right}
form.actions{display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin-top:12px}
button,.button{font:inherit;border:0;border-radius:8px;padding:9px 18px;cursor:pointer;background:#e6e6ea;color:#222;text-decoration:none;display:inline-block}
button.primary,.button.primary{background:#ff0033;color:#fff;font-weight:600}
button.small{padding:3px 10px;font-size:13px}
select,input{font:inherit;padding:7px 8px;border:1px solid #ccc;border-radius:6px;background:#fff}
input[type=number]{width:120px}
label{display:block;margin:8px 0 4px;font-weight:600;font-size:14px}
ul.scopes{margin:6px 0;padding-left:20px}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#eee}
.status.COMPLETED,.status.REFUNDED,.status.ACTIVE{background:#dff5e6;color:#0a7d32}
.status.CREATED,.status.AUTHORIZED,.status.REAUTHORIZING{background:#fff4d6;color:#8a5a00}
.status.FAILED,.status.CANCELED,.status.EXPIRED,.status.INACTIVE{background:#fde2e2;color:#b00020}
.toolbar{display:flex;gap:10px;flex-wrap:wrap;align-items:center}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}
@media (max-width:900px){.grid{grid-template-columns:1fr}}
`
