import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Topup } from "../src/index.js"
import { assertShape, failWith, rejectsInput, succeed } from "./utils/Calls.js"

const params: Topup.CreateTopupQrCodeParams = {
  merchantTopUpId: "tu-1",
  userAuthorizationId: "ua-1",
  minimumTopUpAmount: { amount: 1000, currency: "JPY" },
  redirectType: "WEB_LINK",
  redirectUrl: "https://shop.test/topped-up"
}

describe("Topup", () => {
  it.effect("createQrCode posts /v1/code/topup with TOPUP_QR and requestedAt filled; extra fields pass", () =>
    Effect.gen(function* () {
      const { body, request, result } = yield* succeed(
        Topup.createQrCode({ ...params, futureField: "kept" }),
        { codeId: "tu-code-1", url: "https://qr.test/topup", status: "CREATED", unknownField: 1 },
        201
      )
      assertShape(request, { method: "POST", path: "/v1/code/topup" })
      assert.deepStrictEqual(body, { ...params, futureField: "kept", codeType: "TOPUP_QR", requestedAt: 0 })
      assert.instanceOf(result, Topup.TopupQrCode)
      assert.strictEqual(result.codeId, "tu-code-1")
    })
  )

  it.effect("createQrCode maps common codes and still checks the known fields", () =>
    Effect.gen(function* () {
      const error = yield* failWith(Topup.createQrCode(params), 401, "UNAUTHORIZED", "08100016")
      assert.strictEqual(error._tag, "Unauthorized")
      const detail = yield* rejectsInput(Topup.createQrCode({ ...params, merchantTopUpId: "" }))
      assert.include(detail, "merchantTopUpId")
      yield* rejectsInput(Topup.createQrCode({ ...params, codeType: "ORDER_QR" } as any))
    })
  )

  it.effect("get reads /v1/code/topup/{merchantTopUpId}", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(Topup.get("tu-1"), {
        topUpId: "0001",
        merchantTopUpId: "tu-1",
        status: "COMPLETED",
        acceptedAt: 5
      })
      assertShape(request, { method: "GET", path: "/v1/code/topup/tu-1" })
      assert.strictEqual(result.status, "COMPLETED")
      const error = yield* failWith(Topup.get("tu-1"), 401, "OP_OUT_OF_SCOPE", "08100023")
      assert.strictEqual(error._tag, "OpOutOfScope")
      yield* rejectsInput(Topup.get("t".repeat(65)))
    })
  )

  it.effect("remove deletes /v1/code/topup/{codeId}", () =>
    Effect.gen(function* () {
      const { request, result } = yield* succeed(Topup.remove("tu-code-1"), null)
      assertShape(request, { method: "DELETE", path: "/v1/code/topup/tu-code-1" })
      assert.isUndefined(result)
      const error = yield* failWith(Topup.remove("tu-code-1"), 400, "INVALID_REQUEST_PARAMS", "08100006")
      assert.strictEqual(error._tag, "InvalidRequestParams")
      yield* rejectsInput(Topup.remove(""))
    })
  )
})
