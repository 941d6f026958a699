import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as PayPayError from "../src/PayPayError.js"

const { ResultCodes, errorCodes, fromResultInfo, resultCodes, tagOf } = PayPayError

const apiFields = {
  codeId: "01652074",
  resultMessage: "Dynamic QR already paid",
  status: 400,
  operation: "Codes.remove",
  apiName: "v2_deleteDynamicQRCode",
  requestId: "req-123",
  outcomeUnknown: false
}

const specOf = (code: PayPayError.ResultCode): PayPayError.ResultCodeSpec => ResultCodes[code]

const envelopeFor = (code: PayPayError.ResultCode, codeId: string | undefined) =>
  JSON.parse(
    JSON.stringify({
      resultInfo: { code, message: PayPayError.messageOf(code, codeId), codeId },
      data: null
    })
  ) as { readonly resultInfo: { readonly code: string; readonly message: string; readonly codeId?: string } }

describe("ResultCodes catalog", () => {
  it("holds every code of the reference §B and §C", () => {
    const expected = [
      "SUCCESS",
      "REQUEST_ACCEPTED",
      "USER_CONFIRMATION_REQUIRED",
      "INVALID_REQUEST_PARAMS",
      "MISSING_REQUEST_PARAMS",
      "UNAUTHORIZED",
      "OP_OUT_OF_SCOPE",
      "OPA_CLIENT_NOT_FOUND",
      "RATE_LIMIT",
      "SERVICE_ERROR",
      "INTERNAL_SERVER_ERROR",
      "MAINTENANCE_MODE",
      "SERVICE_UNDER_MAINTENANCE",
      "KID_NOT_FOUND",
      "UNACCEPTABLE_OP",
      "INVALID_PARAMS",
      "NO_SUFFICIENT_FUND",
      "INVALID_USER_AUTHORIZATION_ID",
      "EXPIRED_USER_AUTHORIZATION_ID",
      "USER_STATE_IS_NOT_ACTIVE",
      "CANCELED_USER",
      "RESOURCE_NOT_FOUND",
      "DUPLICATE_DYNAMIC_QR_REQUEST",
      "DYNAMIC_QR_BAD_REQUEST",
      "DYNAMIC_QR_PAYMENT_NOT_FOUND",
      "DYNAMIC_QR_ALREADY_PAID",
      "DYNAMIC_QR_NOT_FOUND",
      "PRE_AUTH_CAPTURE_UNSUPPORTED_MERCHANT",
      "PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE",
      "SUSPECTED_DUPLICATE_PAYMENT",
      "ORDER_NOT_REVERSIBLE",
      "UNSUPPORTED_PAYMENT_METHOD",
      "NO_VALID_PAYMENT_METHOD",
      "PAYMENT_METHOD_NOT_FOUND",
      "TRANSACTION_FAILED",
      "ALREADY_CAPTURED",
      "HIGHER_CAPTURE_NOT_PERMITTED",
      "ORDER_EXPIRED",
      "ORDER_NOT_CAPTURABLE",
      "REAUTHORIZATION_IN_PROGRESS",
      "TOO_CLOSE_TO_EXPIRY",
      "ORDER_NOT_CANCELABLE",
      "NO_SUCH_REFUND_ORDER",
      "REFUND_LIMIT_EXCEEDED",
      "REFUND_WINDOW_EXCEED",
      "DUPLICATE_REQUEST_ORDER",
      "SUSPECTED_DUPLICATE_ORDER",
      "REQUEST_ORDER_NOT_FOUND",
      "INVALID_REQUEST_ORDER_STATE",
      "EXPECTATION_FAILED",
      "SESSION_NOT_FOUND",
      "VALIDATION_FAILED_EXCEPTION",
      "TRANSACTION_NOT_FOUND"
    ]
    assert.deepStrictEqual([...resultCodes].sort(), [...expected].sort())
  })

  it("keeps the documented statuses, codeIds and defaults", () => {
    const row = (code: PayPayError.ResultCode) => {
      const spec = specOf(code)
      return [spec.status, spec.codeIds[0]]
    }
    assert.deepStrictEqual(row("USER_CONFIRMATION_REQUIRED"), [202, "08300103"])
    assert.deepStrictEqual(row("REQUEST_ACCEPTED"), [202, "08100001"])
    assert.deepStrictEqual(row("EXPECTATION_FAILED"), [400, "08100017"])
    assert.deepStrictEqual(row("RESOURCE_NOT_FOUND"), [404, "00200001"])
    assert.deepStrictEqual(row("DYNAMIC_QR_NOT_FOUND"), [404, "01652072"])
    assert.deepStrictEqual(row("RATE_LIMIT"), [429, "08100998"])
    assert.deepStrictEqual(row("MAINTENANCE_MODE"), [503, "08100999"])
    assert.deepStrictEqual(row("REQUEST_ORDER_NOT_FOUND"), [404, undefined])
    assert.deepStrictEqual(row("INVALID_REQUEST_ORDER_STATE"), [409, undefined])
    assert.deepStrictEqual(ResultCodes.UNACCEPTABLE_OP.codeIds, ["00200013", "00200014", "00400035"])
    assert.deepStrictEqual(ResultCodes.INVALID_PARAMS.codeIds, ["00200004", "00200015"])
    assert.deepStrictEqual(ResultCodes.TRANSACTION_FAILED.codeIds, ["00200002", "00200003", "00800017"])
    assert.deepStrictEqual(ResultCodes.INTERNAL_SERVER_ERROR.codeIds, ["08101000", "00200034"])
    assert.strictEqual(PayPayError.messageOf("INTERNAL_SERVER_ERROR", "00200034"), "Request timed out")
    assert.strictEqual(PayPayError.messageOf("INTERNAL_SERVER_ERROR"), "Something went wrong on PayPay service side")
    assert.strictEqual(PayPayError.messageOf("UNACCEPTABLE_OP", "00200014"), "Multiple refund not allowed")
    assert.strictEqual(PayPayError.messageOf("UNACCEPTABLE_OP", "99999999"), "Order cannot be refunded")
    assert.strictEqual(PayPayError.messageOf("TRANSACTION_FAILED", "00800017"), "Balance exceeded")
  })

  it("classifies retry and kind as §C.2 says", () => {
    const byRetry = (retry: PayPayError.RetryClass) => resultCodes.filter((code) => specOf(code).retry === retry).sort()
    assert.deepStrictEqual(byRetry("retryable"), ["MAINTENANCE_MODE", "RATE_LIMIT", "SERVICE_UNDER_MAINTENANCE"])
    assert.deepStrictEqual(byRetry("unknownOutcome"), ["INTERNAL_SERVER_ERROR", "SERVICE_ERROR"])
    assert.strictEqual(ResultCodes.TRANSACTION_FAILED.retry, "final")
    assert.deepStrictEqual(resultCodes.filter((code) => specOf(code).kind === "success").sort(), [
      "REQUEST_ACCEPTED",
      "SUCCESS"
    ])
    assert.strictEqual(ResultCodes.USER_CONFIRMATION_REQUIRED.kind, "error")
  })

  it("has well-formed entries", () => {
    const owners = new Map<string, Array<string>>()
    for (const code of resultCodes) {
      const spec = specOf(code)
      assert.match(code, /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, code)
      assert.isTrue(spec.status >= 200 && spec.status < 600, code)
      assert.isTrue(spec.message.length > 0, code)
      assert.isTrue(spec.description.length > 0 && !spec.description.includes("\n"), code)
      for (const codeId of spec.codeIds) {
        assert.match(codeId, /^\d{8}$/, `${code} ${codeId}`)
        owners.set(codeId, [...(owners.get(codeId) ?? []), code])
      }
      for (const codeId of Object.keys(spec.messages ?? {})) {
        assert.include(spec.codeIds, codeId, `${code} messages key ${codeId}`)
        assert.notStrictEqual(codeId, spec.codeIds[0], `${code} default message belongs in message`)
      }
    }
    const shared = [...owners.entries()].filter(([, codes]) => codes.length > 1)
    assert.deepStrictEqual(shared, [["08100001", ["SUCCESS", "REQUEST_ACCEPTED"]]])
  })

  it("lists the common codes of §C.1, all in the catalog", () => {
    assert.strictEqual(PayPayError.CommonCodes.length, 10)
    for (const code of PayPayError.CommonCodes) assert.isTrue(PayPayError.isResultCode(code), code)
  })

  it("isResultCode ignores prototype keys", () => {
    assert.isTrue(PayPayError.isResultCode("RATE_LIMIT"))
    for (const code of ["toString", "constructor", "__proto__", "hasOwnProperty", "rate_limit", ""]) {
      assert.isFalse(PayPayError.isResultCode(code), code)
    }
  })
})

describe("tags", () => {
  it("converts SCREAMING_SNAKE to PascalCase, at the type level too", () => {
    const paid: "DynamicQrAlreadyPaid" = tagOf("DYNAMIC_QR_ALREADY_PAID")
    const scope: "OpOutOfScope" = tagOf("OP_OUT_OF_SCOPE")
    const single: "Unauthorized" = tagOf("UNAUTHORIZED")
    assert.strictEqual(paid, "DynamicQrAlreadyPaid")
    assert.strictEqual(scope, "OpOutOfScope")
    assert.strictEqual(single, "Unauthorized")
    assert.strictEqual(tagOf("PRE_AUTH_CAPTURE_INVALID_EXPIRY_DATE"), "PreAuthCaptureInvalidExpiryDate")
  })

  it("are unique and never collide with the other error tags", () => {
    const tags = resultCodes.map(tagOf)
    assert.strictEqual(new Set(tags).size, tags.length)
    for (const other of ["UnknownResultCode", "PayPayRequestError", "PayPayResponseError", "PayPayApiError"]) {
      assert.notInclude(tags, other)
    }
  })

  it("key one class per error code, exported by name; success codes have none", () => {
    assert.deepStrictEqual(Object.keys(PayPayError.Errors).sort(), errorCodes.map(tagOf).sort())
    assert.deepStrictEqual(
      [...errorCodes].sort(),
      resultCodes.filter((code) => code !== "SUCCESS" && code !== "REQUEST_ACCEPTED").sort()
    )
    for (const code of errorCodes) {
      const ErrorClass = PayPayError.Errors[tagOf(code)]
      assert.strictEqual((PayPayError as Record<string, unknown>)[tagOf(code)], ErrorClass)
      assert.strictEqual(ErrorClass.name, tagOf(code))
      assert.strictEqual(ErrorClass.code, code)
      assert.strictEqual(ErrorClass.tag, tagOf(code))
      assert.strictEqual(new ErrorClass(apiFields).name, tagOf(code))
    }
    for (const tag of ["Success", "RequestAccepted"]) assert.notProperty(PayPayError, tag)
    assert.isFalse(PayPayError.isErrorCode("SUCCESS"))
    assert.isTrue(PayPayError.isErrorCode("RATE_LIMIT"))
  })
})

describe("fromResultInfo", () => {
  it.each(errorCodes)("%s round-trips from a PayPay error envelope", (code) => {
    const spec = specOf(code)
    const codeIds = spec.codeIds.length > 0 ? spec.codeIds : [undefined]
    const ErrorClass: new (fields: PayPayError.ErrorFields) => PayPayError.PayPayApiError =
      PayPayError.Errors[tagOf(code)]
    for (const codeId of codeIds) {
      const { resultInfo } = envelopeFor(code, codeId)
      const error = fromResultInfo({
        resultInfo,
        status: spec.status,
        operation: "Test.call",
        apiName: "v2_test",
        requestId: "req-1",
        write: true
      })
      assert.strictEqual(error._tag, tagOf(code))
      assert.instanceOf(error, ErrorClass)
      assert.instanceOf(error, PayPayError.PayPayApiError)
      assert.instanceOf(error, Error)
      assert.notInstanceOf(error, PayPayError.UnknownResultCode)
      assert.strictEqual(error.code, code)
      assert.strictEqual(error.codeId, codeId)
      assert.strictEqual(error.status, spec.status)
      assert.strictEqual(error.resultMessage, PayPayError.messageOf(code, codeId))
      assert.strictEqual(error.retry, spec.retry)
      assert.strictEqual(error.outcomeUnknown, spec.retry === "unknownOutcome")
      assert.isTrue(PayPayError.isCode(code)(error))
      assert.isTrue(PayPayError.isPayPayApiError(error))
    }
  })

  it("a success code is no error class: it decodes to UnknownResultCode", () => {
    for (const code of ["SUCCESS", "REQUEST_ACCEPTED"] as const) {
      const error = fromResultInfo({ resultInfo: { code, message: "m" }, status: 500, operation: "Op", write: true })
      assert.instanceOf(error, PayPayError.UnknownResultCode)
      assert.strictEqual(error.code, code)
      assert.isTrue(error.outcomeUnknown)
    }
  })

  it("keeps what PayPay sent even when it differs from the catalog", () => {
    const error = fromResultInfo({
      resultInfo: {
        code: "RESOURCE_NOT_FOUND",
        message: "Order not found | [OPA1D06808691A44677A9]",
        codeId: "00200001"
      },
      status: 400,
      operation: "Payments.get",
      write: false
    })
    assert.strictEqual(error.status, 400)
    assert.strictEqual(error.resultMessage, "Order not found | [OPA1D06808691A44677A9]")
    assert.isUndefined(error.apiName)
    assert.isUndefined(error.requestId)
  })

  it("decodes an unknown code to UnknownResultCode, classified by status", () => {
    const make = (status: number, write: boolean) =>
      fromResultInfo({
        resultInfo: { code: "SOMETHING_NEW", message: "New thing", codeId: "00400071" },
        status,
        operation: "Payments.create",
        write,
        reconcile: "query GET /v2/payments/{merchantPaymentId}"
      })
    const error = make(400, true)
    assert.instanceOf(error, PayPayError.UnknownResultCode)
    assert.instanceOf(error, PayPayError.PayPayApiError)
    assert.strictEqual(error._tag, "UnknownResultCode")
    assert.strictEqual(error.name, "UnknownResultCode")
    assert.strictEqual(error.code, "SOMETHING_NEW")
    assert.strictEqual(error.codeId, "00400071")
    assert.strictEqual(error.retry, "final")
    assert.isFalse(error.outcomeUnknown)
    assert.isUndefined(error.reconcile)
    assert.strictEqual(make(429, true).retry, "retryable")
    assert.strictEqual(make(502, false).retry, "unknownOutcome")
    assert.isFalse(make(502, false).outcomeUnknown)
    assert.isTrue(make(502, true).outcomeUnknown)
    assert.strictEqual(make(502, true).reconcile, "query GET /v2/payments/{merchantPaymentId}")
    assert.isFalse(PayPayError.isCode(...errorCodes)(error))
  })

  it("sets outcomeUnknown only for a write with an unknownOutcome code", () => {
    for (const code of errorCodes) {
      for (const write of [true, false]) {
        const error = fromResultInfo({
          resultInfo: { code, message: "m" },
          status: specOf(code).status,
          operation: "Op",
          write,
          reconcile: "query it"
        })
        const expected = write && specOf(code).retry === "unknownOutcome"
        assert.strictEqual(error.outcomeUnknown, expected, `${code} write=${write}`)
        assert.strictEqual(PayPayError.isOutcomeUnknown(error), expected, `${code} write=${write}`)
        assert.strictEqual(error.reconcile, expected ? "query it" : undefined, `${code} write=${write}`)
      }
    }
  })
})

describe("messages", () => {
  it("contain code, codeId, operation, PayPay's message, requestId and the resolve URL", () => {
    const error = new PayPayError.DynamicQrAlreadyPaid(apiFields)
    const url =
      "https://developer.paypay.ne.jp/develop/resolve?api_name=v2_deleteDynamicQRCode&code=DYNAMIC_QR_ALREADY_PAID&code_id=01652074"
    assert.strictEqual(error.resolveUrl, url)
    for (const part of [
      "DYNAMIC_QR_ALREADY_PAID",
      "01652074",
      "Codes.remove",
      "Dynamic QR already paid",
      "req-123",
      url
    ]) {
      assert.include(error.message, part)
    }
    assert.notInclude(error.message, "Outcome unknown")
    assert.include(String(error), "DynamicQrAlreadyPaid: Codes.remove failed with DYNAMIC_QR_ALREADY_PAID")
  })

  it("carry the reconcile hint when the outcome is unknown", () => {
    const error = fromResultInfo({
      resultInfo: { code: "INTERNAL_SERVER_ERROR", message: "Request timed out", codeId: "00200034" },
      status: 500,
      operation: "Payments.create",
      apiName: "v2_createPayment",
      requestId: "req-9",
      write: true,
      reconcile: "query GET /v2/payments/{merchantPaymentId} before retrying"
    })
    assert.include(error.message, "Outcome unknown")
    assert.include(error.message, "query GET /v2/payments/{merchantPaymentId} before retrying")
    assert.include(error.message, "Request timed out")
  })

  it("build the resolve URL of §A.6, encoded and with empty parts when unknown", () => {
    assert.strictEqual(
      PayPayError.resolveUrl(undefined, "A&B", undefined),
      "https://developer.paypay.ne.jp/develop/resolve?api_name=&code=A%26B&code_id="
    )
  })

  it("describe transport errors without leaking the cause", () => {
    const cause = { headers: { authorization: "hmac OPA-Auth:key:mac:nonce:1:empty" } }
    const request = new PayPayError.PayPayRequestError({
      operation: "Codes.create",
      reason: "Timeout",
      detail: "no answer within 30 seconds",
      outcomeUnknown: true,
      reconcile: "query GET /v2/codes/payments/{merchantPaymentId} before retrying",
      cause
    })
    assert.include(request.message, "Codes.create")
    assert.include(request.message, "Timeout")
    assert.include(request.message, "no answer within 30 seconds")
    assert.include(request.message, "query GET /v2/codes/payments/{merchantPaymentId} before retrying")
    assert.notInclude(request.message, "OPA-Auth")
    assert.strictEqual(request.cause, cause)
    const response = new PayPayError.PayPayResponseError({
      operation: "Payments.get",
      status: 200,
      reason: "Decode",
      detail: "Expected string at data.paymentId",
      requestId: "req-2",
      outcomeUnknown: false
    })
    for (const part of ["Payments.get", "Decode", "200", "req-2", "Expected string at data.paymentId"]) {
      assert.include(response.message, part)
    }
    assert.notInclude(response.message, "Outcome unknown")
  })
})

describe("guards", () => {
  const paid = new PayPayError.DynamicQrAlreadyPaid(apiFields)
  const rateLimited = new PayPayError.RateLimit({ ...apiFields, codeId: "08100998", status: 429 })
  const ise = (outcomeUnknown: boolean) =>
    new PayPayError.InternalServerError({ ...apiFields, codeId: "08101000", status: 500, outcomeUnknown })
  const requestError = (reason: PayPayError.RequestFailure, outcomeUnknown: boolean) =>
    new PayPayError.PayPayRequestError({ operation: "Op", reason, detail: "d", outcomeUnknown })
  const responseError = (reason: "Decode" | "UnexpectedStatus", status: number) =>
    new PayPayError.PayPayResponseError({
      operation: "Op",
      reason,
      status,
      detail: "d",
      requestId: undefined,
      outcomeUnknown: false
    })

  it("isCode matches the listed codes only", () => {
    const isQr = PayPayError.isCode("DYNAMIC_QR_ALREADY_PAID", "DYNAMIC_QR_NOT_FOUND")
    assert.isTrue(isQr(paid))
    assert.isFalse(isQr(rateLimited))
    assert.isFalse(isQr(requestError("Timeout", false)))
    assert.isFalse(isQr({ _tag: "DynamicQrAlreadyPaid", code: "DYNAMIC_QR_ALREADY_PAID" }))
    assert.isFalse(isQr(null))
    assert.isFalse(isQr("DYNAMIC_QR_ALREADY_PAID"))
  })

  it("isPayPayApiError and isPayPayError", () => {
    assert.isTrue(PayPayError.isPayPayApiError(paid))
    assert.isTrue(PayPayError.isPayPayApiError(new PayPayError.UnknownResultCode({ ...apiFields, code: "X" })))
    assert.isFalse(PayPayError.isPayPayApiError(requestError("Transport", false)))
    assert.isFalse(PayPayError.isPayPayApiError(new Error("x")))
    assert.isTrue(PayPayError.isPayPayError(requestError("Transport", false)))
    assert.isTrue(PayPayError.isPayPayError(responseError("Decode", 200)))
    assert.isFalse(PayPayError.isPayPayError({ _tag: "PayPayRequestError" }))
  })

  it("isOutcomeUnknown", () => {
    assert.isTrue(PayPayError.isOutcomeUnknown(ise(true)))
    assert.isFalse(PayPayError.isOutcomeUnknown(ise(false)))
    assert.isTrue(PayPayError.isOutcomeUnknown(requestError("Timeout", true)))
    assert.isFalse(PayPayError.isOutcomeUnknown(paid))
    assert.isFalse(PayPayError.isOutcomeUnknown({ outcomeUnknown: true }))
  })

  it("isRetryable: retryable codes and failed reads, never writes with unknown outcome", () => {
    assert.isTrue(PayPayError.isRetryable(rateLimited))
    assert.isTrue(PayPayError.isRetryable(new PayPayError.MaintenanceMode({ ...apiFields, status: 503 })))
    assert.isTrue(PayPayError.isRetryable(ise(false)))
    assert.isFalse(PayPayError.isRetryable(ise(true)))
    assert.isFalse(PayPayError.isRetryable(paid))
    assert.isFalse(PayPayError.isRetryable(new PayPayError.TransactionFailed({ ...apiFields, status: 500 })))
    assert.isTrue(PayPayError.isRetryable(requestError("Timeout", false)))
    assert.isTrue(PayPayError.isRetryable(requestError("Transport", false)))
    assert.isTrue(PayPayError.isRetryable(requestError("NotSent", false)))
    assert.isFalse(PayPayError.isRetryable(requestError("Timeout", true)))
    assert.isFalse(PayPayError.isRetryable(requestError("Transport", true)))
    assert.isFalse(PayPayError.isRetryable(requestError("InvalidRequest", false)))
    assert.isTrue(PayPayError.isRetryable(responseError("UnexpectedStatus", 503)))
    assert.isTrue(PayPayError.isRetryable(responseError("UnexpectedStatus", 429)))
    assert.isFalse(PayPayError.isRetryable(responseError("UnexpectedStatus", 418)))
    assert.isFalse(PayPayError.isRetryable(responseError("Decode", 200)))
    assert.isFalse(PayPayError.isRetryable(new Error("boom")))
  })
})

describe("with Effect", () => {
  type QrError = PayPayError.EndpointError<"DYNAMIC_QR_ALREADY_PAID" | "DYNAMIC_QR_NOT_FOUND">
  const failWith = (code: string, status: number): Effect.Effect<string, QrError> =>
    Effect.fail(
      fromResultInfo({
        resultInfo: { code, message: "m", codeId: "01652074" },
        status,
        operation: "Codes.remove",
        write: true
      }) as QrError
    )

  it.effect("catchTag narrows the error to the literal code", () =>
    Effect.gen(function* () {
      const program = failWith("DYNAMIC_QR_ALREADY_PAID", 400).pipe(
        Effect.catchTag("DynamicQrAlreadyPaid", (e) => {
          const code: "DYNAMIC_QR_ALREADY_PAID" = e.code
          const tag: "DynamicQrAlreadyPaid" = e._tag
          return Effect.succeed(`${tag}:${code}:${e.codeId}`)
        })
      )
      type Remaining = Effect.Effect.Error<typeof program>
      const caught: [Extract<Remaining, { _tag: "DynamicQrAlreadyPaid" }>] extends [never] ? true : false = true
      const kept: [Extract<Remaining, { _tag: "DynamicQrNotFound" }>] extends [never] ? false : true = true
      assert.isTrue(caught && kept)
      assert.strictEqual(yield* program, "DynamicQrAlreadyPaid:DYNAMIC_QR_ALREADY_PAID:01652074")

      // @ts-expect-error REFUND_LIMIT_EXCEEDED is not in this endpoint's error channel
      const _unrelated = failWith("X", 400).pipe(Effect.catchTag("RefundLimitExceeded", () => Effect.succeed("")))

      const common = yield* failWith("RATE_LIMIT", 429).pipe(
        Effect.catchTag("RateLimit", (e) => Effect.succeed(e.code)),
        Effect.catchAll((e) => Effect.succeed(`unexpected ${e._tag}`))
      )
      assert.strictEqual(common, "RATE_LIMIT")

      const other = yield* Effect.flip(
        failWith("DYNAMIC_QR_NOT_FOUND", 404).pipe(
          Effect.catchTag("DynamicQrAlreadyPaid", () => Effect.succeed("wrong"))
        )
      )
      assert.strictEqual(other._tag, "DynamicQrNotFound")

      const unknown = yield* failWith("BRAND_NEW", 400).pipe(
        Effect.catchTag("UnknownResultCode", (e) => Effect.succeed(e.code))
      )
      assert.strictEqual(unknown, "BRAND_NEW")
    })
  )

  it.effect("generated errors are yieldable and work with catchIf(isCode)", () =>
    Effect.gen(function* () {
      const failing = Effect.gen(function* () {
        return yield* new PayPayError.DynamicQrAlreadyPaid(apiFields)
      })
      const error = yield* Effect.flip(failing)
      const code: "DYNAMIC_QR_ALREADY_PAID" = error.code
      assert.strictEqual(code, "DYNAMIC_QR_ALREADY_PAID")
      assert.instanceOf(error, PayPayError.DynamicQrAlreadyPaid)

      const recovered = yield* failWith("RATE_LIMIT", 429).pipe(
        Effect.catchIf(PayPayError.isCode("RATE_LIMIT", "MAINTENANCE_MODE"), (e) => Effect.succeed(e.retry))
      )
      assert.strictEqual(recovered, "retryable")
    })
  )
})
