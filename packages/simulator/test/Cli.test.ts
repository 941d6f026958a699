import * as Command from "@effect/cli/Command"
import * as ValidationError from "@effect/cli/ValidationError"
import { NodeContext } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import * as PayPaySigner from "@paypay-effect/sdk/PayPaySigner"
import { Cause, ConfigProvider, type Console, Effect, Exit, Option, Ref } from "effect"
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import * as https from "node:https"
import { tmpdir } from "node:os"
import { join, relative, resolve } from "node:path"
import * as Cli from "../src/Cli.js"
import * as CliHelp from "../src/CliHelp.js"
import type { Entry } from "../src/Journal.js"
import * as SimulatorConfig from "../src/SimulatorConfig.js"
import * as Tls from "../src/Tls.js"

const parse = (args: ReadonlyArray<string>, env: ReadonlyArray<readonly [string, string]> = []) =>
  Effect.gen(function* () {
    const parsed = yield* Ref.make<Cli.Settings | undefined>(undefined)
    const run = Command.run(
      Cli.makeCommand((settings) => Ref.set(parsed, settings)),
      {
        name: "paypay-simulator",
        version: "0.1.0"
      }
    )
    yield* run(["node", "paypay-simulator", ...args]).pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(env))),
      Effect.provide(NodeContext.layer)
    )
    return yield* Ref.get(parsed)
  })

const recorder = Effect.map(Ref.make<ReadonlyArray<string>>([]), (lines) => ({
  print: (line: string) => Ref.update(lines, (all) => [...all, line]),
  lines: Ref.get(lines),
  text: Effect.map(Ref.get(lines), (all) => all.join("\n"))
}))

const signedGet = (
  baseUrl: string,
  path: string,
  credential: SimulatorConfig.Credential = SimulatorConfig.defaultCredential,
  merchantId: string | null = SimulatorConfig.defaultMerchantId
) =>
  Effect.promise(async () => {
    const authorization = PayPaySigner.header(
      credential,
      { method: "GET", path },
      "abcd1234",
      Math.floor(Date.now() / 1000)
    )
    const response = await fetch(`${baseUrl}${path}`, {
      headers: merchantId === null ? { authorization } : { authorization, "x-assume-merchant": merchantId }
    })
    return {
      status: response.status,
      body: (await response.json()) as { resultInfo: { code: string; message: string } }
    }
  })

const httpsGet = (url: string, ca: string, headers: Record<string, string> = {}) =>
  Effect.async<{ readonly status: number; readonly text: string }>((resume) => {
    const req = https.get(url, { ca, headers }, (res) => {
      let text = ""
      res.setEncoding("utf8")
      res.on("data", (chunk: string) => {
        text += chunk
      })
      res.on("end", () => resume(Effect.succeed({ status: res.statusCode ?? 0, text })))
    })
    req.on("error", (error) => resume(Effect.die(error)))
  })

/** A Console that prints nothing (the usage @effect/cli prints on bad arguments). */
const silent = new Proxy({} as Console.Console, {
  get: (_, key) =>
    key === "clear" || key === "groupEnd" ? Effect.void : key === "unsafe" ? console : () => Effect.void
})

const local = { ...Cli.defaultSettings, port: 0 }

describe("Cli", () => {
  describe("parsing flags and environment variables", () => {
    it.effect("no flags, no env: the documented defaults", () =>
      Effect.gen(function* () {
        assert.deepStrictEqual(yield* parse([]), {
          ...Cli.defaultSettings,
          merchantIds: [SimulatorConfig.defaultMerchantId]
        })
        assert.strictEqual(Cli.defaultSettings.host, "127.0.0.1")
        assert.strictEqual(Cli.defaultSettings.port, 4010)
      })
    )

    it.effect("every flag", () =>
      Effect.gen(function* () {
        const settings = yield* parse([
          "--port",
          "0",
          "--host",
          "::1",
          "--db",
          "./sim.db",
          "--api-key",
          "K",
          "--api-secret",
          "S",
          "--merchant-id",
          "M",
          "--merchant-id",
          "N, O",
          "--any-merchant",
          "--public-url",
          "http://pay.test",
          "--control-token",
          "T",
          "--cors-origin",
          "http://a.test, http://b.test",
          "--code-lifetime",
          "60",
          "--tls",
          "--cert",
          "c.pem",
          "--key",
          "k.pem",
          "--quiet",
          "--webhook-url",
          "http://hooks.test/paypay",
          "--allowed-host",
          "dev.test, .corp.test"
        ])
        assert.deepStrictEqual(settings, {
          port: 0,
          host: "::1",
          database: resolve("./sim.db"),
          apiKey: "K",
          apiSecret: "S",
          merchantId: "M",
          merchantIds: ["M", "N", "O"],
          anyMerchant: true,
          publicUrl: "http://pay.test",
          controlToken: "T",
          corsOrigins: ["http://a.test", "http://b.test"],
          codeLifetimeSeconds: 60,
          tls: true,
          cert: resolve("c.pem"),
          key: resolve("k.pem"),
          quiet: true,
          webhookUrl: "http://hooks.test/paypay",
          allowedHosts: ["dev.test", ".corp.test"]
        })
      })
    )

    it.effect("environment variables fill what the flags leave out; flags win", () =>
      Effect.gen(function* () {
        const settings = yield* parse(
          ["--port", "5001"],
          [
            ["PAYPAY_SIM_PORT", "5000"],
            ["PAYPAY_SIM_HOST", "0.0.0.0"],
            ["PAYPAY_SIM_DB", "/tmp/x.db"],
            ["PAYPAY_API_KEY", "envKey"],
            ["PAYPAY_API_SECRET", "envSecret"],
            ["PAYPAY_MERCHANT_ID", "envMerchant,envShop"],
            ["PAYPAY_SIM_ANY_MERCHANT", "true"],
            ["PAYPAY_SIM_PUBLIC_URL", "https://public.test"],
            ["PAYPAY_SIM_CONTROL_TOKEN", "envToken"],
            ["PAYPAY_SIM_CODE_LIFETIME", "90"],
            ["PAYPAY_SIM_TLS", "true"],
            ["PAYPAY_SIM_QUIET", "true"]
          ]
        )
        assert.deepStrictEqual(settings, {
          ...Cli.defaultSettings,
          port: 5001,
          host: "0.0.0.0",
          database: "/tmp/x.db",
          apiKey: "envKey",
          apiSecret: "envSecret",
          merchantId: "envMerchant",
          merchantIds: ["envMerchant", "envShop"],
          anyMerchant: true,
          publicUrl: "https://public.test",
          controlToken: "envToken",
          codeLifetimeSeconds: 90,
          tls: true,
          quiet: true
        })
      })
    )

    it.effect("invalid values are refused before anything starts", () =>
      Effect.gen(function* () {
        for (const args of [["--port", "70000"], ["--port", "abc"], ["--code-lifetime", "0"], ["--unknown"]]) {
          const exit = yield* Effect.exit(parse(args))
          assert.isTrue(Exit.isFailure(exit), args.join(" "))
          if (Exit.isFailure(exit)) {
            const error = Cause.failureOption(exit.cause)
            assert.isTrue(Option.isSome(error) && ValidationError.isValidationError(error.value), args.join(" "))
          }
        }
        const fromEnv = yield* Effect.exit(parse([], [["PAYPAY_SIM_PORT", "not-a-port"]]))
        assert.isTrue(Exit.isFailure(fromEnv))
      }).pipe(Effect.withConsole(silent))
    )
  })

  describe("start", () => {
    it.scopedLive("prints the actual URL, exportable credentials, the control API, then one line per request", () =>
      Effect.gen(function* () {
        const out = yield* recorder
        const started = yield* Cli.start(local, { print: out.print })
        assert.notStrictEqual(started.port, 0)
        assert.strictEqual(started.baseUrl, `http://127.0.0.1:${started.port}`)
        assert.strictEqual(started.publicUrl, started.baseUrl)
        const banner = yield* out.text
        assert.include(banner, `PayPay simulator listening on ${started.baseUrl}`)
        assert.include(banner, `export PAYPAY_BASE_URL=${started.baseUrl}\n`)
        assert.include(banner, `export PAYPAY_API_KEY=${SimulatorConfig.defaultCredential.apiKey}\n`)
        assert.include(banner, `export PAYPAY_API_SECRET=${SimulatorConfig.defaultCredential.apiSecret}\n`)
        assert.include(banner, `export PAYPAY_MERCHANT_ID=${SimulatorConfig.defaultMerchantId}\n`)
        assert.include(banner, `Control API: ${started.baseUrl}/_simulator`)
        assert.include(banner, `curl -X POST '${started.baseUrl}/_simulator/payments/<merchantPaymentId>/approve?`)
        assert.notInclude(banner, "fingerprint")

        const before = (yield* out.lines).length
        const missing = yield* signedGet(started.baseUrl, "/v2/codes/payments/nope")
        assert.strictEqual(missing.body.resultInfo.code, "DYNAMIC_QR_PAYMENT_NOT_FOUND")
        const refused = yield* signedGet(started.baseUrl, "/v2/codes/payments/nope", { apiKey: "who", apiSecret: "x" })
        assert.strictEqual(refused.status, 401)
        const health = yield* Effect.promise(() => fetch(`${started.controlUrl}/health`))
        assert.strictEqual(health.status, 200)
        const logged = (yield* out.lines).slice(before)
        assert.strictEqual(logged.length, 3)
        assert.match(
          logged[0]!,
          /^\d\d:\d\d:\d\d\.\d{3} GET \/v2\/codes\/payments\/nope 400 DYNAMIC_QR_PAYMENT_NOT_FOUND \d+ms merchant=sim_merchant auth=ok$/
        )
        assert.match(
          logged[1]!,
          / GET \/v2\/codes\/payments\/nope 401 UNAUTHORIZED \d+ms .*auth=key: unknown API key "who"/
        )
        assert.match(logged[2]!, / GET \/_simulator\/health 200 control \d+ms$/)
      })
    )

    it.scopedLive("--quiet logs no requests", () =>
      Effect.gen(function* () {
        const out = yield* recorder
        const started = yield* Cli.start({ ...local, quiet: true }, { print: out.print })
        const before = (yield* out.lines).length
        yield* signedGet(started.baseUrl, "/v2/codes/payments/nope")
        assert.strictEqual((yield* out.lines).length, before)
      })
    )

    it.scopedLive("custom credentials are the only ones accepted and the secret is not printed", () =>
      Effect.gen(function* () {
        const out = yield* recorder
        const credential = { apiKey: "team_key", apiSecret: "team-secret-value" }
        const started = yield* Cli.start(
          { ...local, ...credential, merchantId: "team_merchant", publicUrl: "https://pay.example.test" },
          { print: out.print }
        )
        const banner = yield* out.text
        assert.include(banner, "export PAYPAY_API_KEY=team_key")
        assert.include(banner, "export PAYPAY_MERCHANT_ID=team_merchant")
        assert.include(banner, "approve?merchantId=team_merchant")
        assert.notInclude(banner, "team-secret-value")
        assert.strictEqual(started.publicUrl, "https://pay.example.test")
        const ok = yield* signedGet(started.baseUrl, "/v2/codes/payments/x", credential, "team_merchant")
        assert.strictEqual(ok.body.resultInfo.code, "DYNAMIC_QR_PAYMENT_NOT_FOUND")
        const defaults = yield* signedGet(started.baseUrl, "/v2/codes/payments/x")
        assert.strictEqual(defaults.status, 401)
      })
    )

    it.scopedLive("only registered merchants are accepted; 401 names the merchant sent and the registered ones", () =>
      Effect.gen(function* () {
        const out = yield* recorder
        const started = yield* Cli.start({ ...local, merchantIds: ["shop-a", "shop-b"], merchantId: "shop-a" }, out)
        assert.include(yield* out.text, "merchants accepted for this key: shop-a, shop-b")
        const path = "/v2/codes/payments/x"
        const a = yield* signedGet(started.baseUrl, path, SimulatorConfig.defaultCredential, "shop-b")
        assert.strictEqual(a.body.resultInfo.code, "DYNAMIC_QR_PAYMENT_NOT_FOUND")
        for (const merchantId of ["ASSUME_MERCHANT_ID", "", null, SimulatorConfig.defaultMerchantId]) {
          const refused = yield* signedGet(started.baseUrl, path, SimulatorConfig.defaultCredential, merchantId)
          assert.strictEqual(refused.status, 401, String(merchantId))
          assert.strictEqual(refused.body.resultInfo.code, "UNAUTHORIZED")
          const message = refused.body.resultInfo.message
          assert.include(message, "registered for sim_api_key: shop-a, shop-b")
          if (merchantId === null) assert.include(message, "no merchant was sent")
          else assert.include(message, `merchant ${JSON.stringify(merchantId)} is not registered`)
          assert.notInclude(message, SimulatorConfig.defaultCredential.apiSecret)
        }
        const control = `${started.controlUrl}/merchants`
        const added = yield* Effect.promise(() =>
          fetch(control, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ merchantId: "ASSUME_MERCHANT_ID" })
          })
        )
        assert.strictEqual(added.status, 201)
        const now = yield* signedGet(started.baseUrl, path, SimulatorConfig.defaultCredential, "ASSUME_MERCHANT_ID")
        assert.strictEqual(now.body.resultInfo.code, "DYNAMIC_QR_PAYMENT_NOT_FOUND")
        const registry = yield* Effect.promise(() => fetch(control).then((response) => response.json()))
        assert.deepStrictEqual(registry, {
          anyMerchant: false,
          merchants: ["shop-a", "shop-b", "ASSUME_MERCHANT_ID"].map((merchantId) => ({
            apiKey: "sim_api_key",
            merchantId
          }))
        })
      })
    )

    it.scopedLive("--any-merchant accepts any merchant id, or none, each isolated", () =>
      Effect.gen(function* () {
        const out = yield* recorder
        const started = yield* Cli.start({ ...local, anyMerchant: true }, out)
        assert.include(yield* out.text, "any merchant id is accepted (--any-merchant)")
        for (const merchantId of ["anything", "", null]) {
          const ok = yield* signedGet(started.baseUrl, "/v2/codes/payments/x", undefined, merchantId)
          assert.strictEqual(ok.body.resultInfo.code, "DYNAMIC_QR_PAYMENT_NOT_FOUND", String(merchantId))
        }
      })
    )

    it.scopedLive("a control token guards the control API and shows in the curl example", () =>
      Effect.gen(function* () {
        const out = yield* recorder
        const started = yield* Cli.start({ ...local, controlToken: "s3cret" }, { print: out.print })
        assert.include(yield* out.text, `-H "Authorization: Bearer $PAYPAY_SIM_CONTROL_TOKEN"`)
        assert.notInclude(yield* out.text, "s3cret")
        const without = yield* Effect.promise(() => fetch(`${started.controlUrl}/health`))
        assert.strictEqual(without.status, 401)
        const withToken = yield* Effect.promise(() =>
          fetch(`${started.controlUrl}/health`, { headers: { authorization: "Bearer s3cret" } })
        )
        assert.strictEqual(withToken.status, 200)
      })
    )

    it.effect("half a credential or half a key pair is refused", () =>
      Effect.gen(function* () {
        const key = yield* Effect.flip(
          Effect.scoped(Cli.start({ ...local, apiKey: "K" }, { print: () => Effect.void }))
        )
        assert.strictEqual(key._tag, "CliError")
        assert.include(key.message, "--api-secret")
        const cert = yield* Effect.flip(
          Effect.scoped(Cli.start({ ...local, cert: "c.pem" }, { print: () => Effect.void }))
        )
        assert.strictEqual(cert._tag, "CliError")
        const unreadable = yield* Effect.flip(
          Effect.scoped(
            Cli.start({ ...local, cert: "/nonexistent.pem", key: "/nonexistent.key" }, { print: () => Effect.void })
          )
        )
        assert.strictEqual(unreadable._tag, "TlsError")
      })
    )

    it.scopedLive("--port in use fails with ServeError", () =>
      Effect.gen(function* () {
        const first = yield* Cli.start(local, { print: () => Effect.void })
        const error = yield* Effect.flip(
          Effect.scoped(Cli.start({ ...local, port: first.port }, { print: () => Effect.void }))
        )
        assert.strictEqual(error._tag, "ServeError")
      })
    )
  })

  describe("TLS", () => {
    it.scopedLive("--tls: generated certificate, fingerprint printed, CA file written and removed", () =>
      Effect.gen(function* () {
        const out = yield* recorder
        const started = yield* Effect.scoped(
          Effect.gen(function* () {
            const started = yield* Cli.start({ ...local, tls: true }, { print: out.print })
            assert.strictEqual(started.baseUrl, `https://127.0.0.1:${started.port}`)
            const tls = started.tls!
            assert.strictEqual(tls.fingerprint256, yield* Tls.fingerprint256(tls.cert))
            assert.include(yield* out.text, `TLS certificate SHA-256 fingerprint: ${tls.fingerprint256}`)
            assert.include(yield* out.text, `curl --cacert ${started.certFile} ${started.controlUrl}/health`)
            assert.isTrue(existsSync(started.certFile!))
            const health = yield* httpsGet(`${started.controlUrl}/health`, tls.cert)
            assert.strictEqual(health.status, 200)
            const peer = yield* Effect.async<string>((resume) => {
              const req = https.get(`${started.baseUrl}/`, { ca: tls.cert }, (res) => {
                const socket = res.socket as import("node:tls").TLSSocket
                resume(Effect.succeed(socket.getPeerCertificate().fingerprint256))
                res.resume()
              })
              req.on("error", (error) => resume(Effect.die(error)))
            })
            assert.strictEqual(peer, tls.fingerprint256)
            return started
          })
        )
        assert.isFalse(existsSync(started.certFile!))
      })
    )

    it.scopedLive("--cert/--key: served from files, fingerprint of that certificate", () =>
      Effect.gen(function* () {
        const material = yield* Tls.selfSigned
        const dir = yield* Effect.acquireRelease(
          Effect.sync(() => mkdtempSync(join(tmpdir(), "paypay-sim-tls-"))),
          (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
        )
        writeFileSync(join(dir, "cert.pem"), material.cert)
        writeFileSync(join(dir, "key.pem"), material.key)
        const started = yield* Cli.start(
          { ...local, cert: join(dir, "cert.pem"), key: join(dir, "key.pem") },
          { print: () => Effect.void }
        )
        assert.strictEqual(started.tls?.fingerprint256, material.fingerprint256)
        assert.isFalse(started.tls?.selfSigned)
        assert.isUndefined(started.certFile)
        const health = yield* httpsGet(`${started.controlUrl}/health`, material.cert)
        assert.strictEqual(health.status, 200)
      })
    )
  })

  it("requestLine renders one line with fault", () => {
    const entry: Entry = {
      at: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
      requestId: "r",
      method: "POST",
      path: "/v2/codes",
      operation: "Codes.create",
      apiKey: "k",
      merchantId: "m",
      auth: "ok",
      status: 500,
      code: "INTERNAL_SERVER_ERROR",
      fault: "commitThenFail",
      millis: 7
    }
    assert.strictEqual(
      Cli.requestLine(entry),
      "03:04:05.006 POST /v2/codes 500 INTERNAL_SERVER_ERROR 7ms merchant=m auth=ok fault=commitThenFail"
    )
    assert.strictEqual(
      Cli.requestLine({ ...entry, fault: undefined, status: 200, code: "SUCCESS", warning: "[simulator, inferred] w" }),
      "03:04:05.006 POST /v2/codes 200 SUCCESS 7ms merchant=m auth=ok warning=[simulator, inferred] w"
    )
  })
})

/** Runs the whole command line as `main.ts` does, recording what it prints and what it prints as errors. */
const runCli = (args: ReadonlyArray<string>, env: ReadonlyArray<readonly [string, string]> = []) =>
  Effect.gen(function* () {
    const out = yield* recorder
    const err = yield* recorder
    const exit = yield* Cli.run(["node", "paypay-simulator", ...args], {
      print: out.print,
      printError: err.print,
      color: false
    }).pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(env))),
      Effect.provide(NodeContext.layer),
      Effect.timeout("20 seconds"),
      Effect.exit
    )
    return { exit, out: yield* out.lines, err: yield* err.lines }
  })

const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "paypay-sim-cli-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

describe("Cli, as a user meets it", () => {
  it.effect(
    "relative --db/--cert/--key start from INIT_CWD (where pnpm was run), else from the current directory",
    () =>
      Effect.gen(function* () {
        const fromRoot = yield* parse(
          ["--db", "./sim.db", "--cert", "tls/c.pem", "--key", "/abs/k.pem"],
          [["INIT_CWD", "/home/me/project"]]
        )
        assert.strictEqual(fromRoot?.database, "/home/me/project/sim.db")
        assert.strictEqual(fromRoot?.cert, "/home/me/project/tls/c.pem")
        assert.strictEqual(fromRoot?.key, "/abs/k.pem")
        const here = yield* parse(["--db", "sim.db"])
        assert.strictEqual(here?.database, resolve(process.cwd(), "sim.db"))
        const memory = yield* parse(["--db", ":memory:"], [["INIT_CWD", "/x"]])
        assert.strictEqual(memory?.database, ":memory:")
      })
  )

  it.scopedLive("the banner prints the database path absolute", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const out = yield* recorder
      const relativePath = join(".", relative(process.cwd(), dir), "sim.db")
      const started = yield* Cli.start({ ...local, database: relativePath }, { print: out.print })
      assert.strictEqual(started.database, join(dir, "sim.db"))
      assert.include(yield* out.text, `  state: ${join(dir, "sim.db")}`)
    })
  )

  it.scopedLive("no 'stopped' line for a server that never started; one after a server that did", () =>
    Effect.gen(function* () {
      const first = yield* Cli.start(local, { print: () => Effect.void })
      const failed = yield* recorder
      yield* Effect.flip(Effect.scoped(Cli.start({ ...local, port: first.port }, { print: failed.print })))
      assert.deepStrictEqual(yield* failed.lines, [])
      const ran = yield* recorder
      yield* Effect.scoped(Cli.start(local, { print: ran.print }))
      assert.strictEqual((yield* ran.lines).at(-1), "PayPay simulator stopped")
    })
  )

  it.scopedLive("start-up errors are one line each, with their cause and a hint", () =>
    Effect.gen(function* () {
      const first = yield* Cli.start(local, { print: () => Effect.void })
      const dir = yield* tempDir
      writeFileSync(join(dir, "notes.txt"), "not a database")
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, ReadonlyArray<string>]> = [
        [
          ["--port", String(first.port)],
          ["port is in use", "EADDRINUSE", "hint: choose another with --port"]
        ],
        [
          ["--port", "0", "--host", "10.254.254.254"],
          ["EADDRNOTAVAIL", "hint: --host 127.0.0.1"]
        ],
        [
          ["--port", "0", "--db", join(dir, "missing", "sim.db")],
          [`the folder ${join(dir, "missing")} does not exist`]
        ],
        [
          ["--port", "0", "--db", join(dir, "notes.txt")],
          ["not a SQLite database", "SQLITE_NOTADB"]
        ],
        [
          ["--port", "0", "--db", dir],
          ["it is a directory", "hint: --db takes a file path"]
        ],
        [
          ["--port", "0", "--cert", "nope.pem", "--key", "nope.key"],
          ["ENOENT", "hint: check the paths"]
        ]
      ]
      for (const [args, parts] of cases) {
        const { err, exit, out } = yield* runCli(args)
        assert.isTrue(Exit.isFailure(exit), args.join(" "))
        assert.lengthOf(err, 1, args.join(" "))
        assert.match(err[0]!, /^paypay-simulator: /)
        assert.notInclude(err[0]!, "\n")
        for (const part of parts) assert.include(err[0]!, part, args.join(" "))
        assert.notInclude(out.join("\n"), "stopped", args.join(" "))
      }
    })
  )

  it.effect("argument errors name the flag, suggest the nearest one and print the usage line", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["--port"], "--port needs a value: --port PORT"],
        [["--prot", "5000"], "unknown flag --prot; did you mean --port?"],
        [["--databse", "x"], "unknown flag --databse"],
        [["--port", "abc"], "--port takes a whole number, got 'abc'"],
        [["--port", "70000"], "--port must be an integer from 0 to 65535"],
        [["--code-lifetime", "--quiet"], "--code-lifetime needs a value: --code-lifetime SECONDS"],
        [["stray"], "unexpected argument 'stray' (flags start with --)"]
      ]
      for (const [args, message] of cases) {
        const { err, exit, out } = yield* runCli(args)
        assert.isTrue(Exit.isFailure(exit), args.join(" "))
        assert.deepStrictEqual(err, [`paypay-simulator: ${message}`, CliHelp.usage], args.join(" "))
        assert.deepStrictEqual(out, [])
      }
      const env = yield* runCli([], [["PAYPAY_SIM_PORT", "not-a-port"]])
      assert.isTrue(Exit.isFailure(env.exit))
      assert.lengthOf(env.err, 2)
      assert.include(env.err[0]!, "not-a-port")
      assert.notInclude(env.err[0]!, "a integer")
    })
  )

  it.effect("--help fits a screen, groups the flags and has no ANSI codes unless colours are on", () =>
    Effect.gen(function* () {
      const { exit, out } = yield* runCli(["--help"])
      assert.isTrue(Exit.isSuccess(exit))
      const text = out.join("\n")
      const lines = text.split("\n")
      assert.isAtMost(lines.length, 30)
      for (const line of lines) assert.isAtMost(line.length, 100, line)
      assert.notInclude(text, "\u001b")
      for (const group of CliHelp.groups) assert.include(lines, group.title)
      for (const flag of CliHelp.flags()) assert.include(text, flag.flag)
      assert.include(text, "PAYPAY_SIM_PORT")
      assert.include(text, "docs/dev-server.md")
      assert.include(CliHelp.help({ color: true }), "\u001b[1m")
      assert.isFalse(CliHelp.colorful(false, {}))
      assert.isFalse(CliHelp.colorful(true, { NO_COLOR: "1" }))
      assert.isTrue(CliHelp.colorful(true, {}))
      const version = yield* runCli(["--version"])
      assert.deepStrictEqual(version.out, ["paypay-simulator 0.1.0"])
    })
  )

  it("every flag is in a help group", () => {
    const grouped = new Set(CliHelp.groups.flatMap((group) => group.flags.map(([flag]) => flag)))
    for (const flag of CliHelp.flags()) assert.isTrue(grouped.has(flag.flag), `${flag.flag}: add it to CliHelp.groups`)
  })
})
