/**
 * Type-level tests (checked by `tsc -b`, which `pnpm test` runs first; the `it` blocks only keep vitest honest):
 * narrow flow error types, no success-code errors, nameable per-code errors, no leaked internals.
 */
import { describe, expectTypeOf, it } from "@effect/vitest"
import { Effect } from "effect"
import { Codes, Flows, type PayPayClient, PayPayError, Payments, Refunds } from "../src/index.js"

type TagsOf<F> = Flows.ErrorOf<F> extends infer E ? (E extends { readonly _tag: infer T } ? T : never) : never

type CommonTags =
  | "InvalidRequestParams"
  | "MissingRequestParams"
  | "Unauthorized"
  | "OpOutOfScope"
  | "OpaClientNotFound"
  | "RateLimit"
  | "ServiceError"
  | "InternalServerError"
  | "MaintenanceMode"
  | "ServiceUnderMaintenance"

type TransportTags = "UnknownResultCode" | "PayPayRequestError" | "PayPayResponseError"

const fields: PayPayError.ErrorFields = {
  codeId: "01652074",
  resultMessage: "Dynamic QR already paid",
  status: 400,
  operation: "Codes.remove",
  apiName: "v2_deleteDynamicQRCode",
  requestId: undefined,
  outcomeUnknown: false
}

describe("types", () => {
  it("1. a flow's error type is the union of what its calls can produce", () => {
    expectTypeOf<TagsOf<typeof Flows.awaitSettled<"code">>>().toEqualTypeOf<
      "AwaitTimeout" | "DynamicQrPaymentNotFound" | "DynamicQrBadRequest" | CommonTags | TransportTags
    >()
    expectTypeOf<TagsOf<typeof Flows.awaitSettled<"native">>>().toEqualTypeOf<
      | "AwaitTimeout"
      | "ResourceNotFound"
      | "DynamicQrPaymentNotFound"
      | "DynamicQrBadRequest"
      | CommonTags
      | TransportTags
    >()
    expectTypeOf<TagsOf<typeof Flows.createCodeSafely>>().toEqualTypeOf<
      | "DuplicateDynamicQrRequest"
      | "PreAuthCaptureUnsupportedMerchant"
      | "PreAuthCaptureInvalidExpiryDate"
      | "DynamicQrBadRequest"
      | "OrderNotReversible"
      | CommonTags
      | TransportTags
    >()
    const settled = Flows.awaitSettled("order-1")
    // @ts-expect-error DYNAMIC_QR_NOT_FOUND is Codes.remove's; polling a payment cannot produce it
    settled.pipe(Effect.catchTag("DynamicQrNotFound", () => Effect.void))
    // @ts-expect-error success codes are no errors
    settled.pipe(Effect.catchTag("Success", () => Effect.void))
    // @ts-expect-error KID_NOT_FOUND belongs to no endpoint of a flow
    settled.pipe(Effect.catchTag("KidNotFound", () => Effect.void))
    settled.pipe(Effect.catchTag("DynamicQrPaymentNotFound", () => Effect.void))

    const safely = Flows.createPaymentSafely({
      merchantPaymentId: "m",
      userAuthorizationId: "u",
      amount: { amount: 1, currency: "JPY" }
    })
    safely.pipe(Effect.catchTag("NoSufficientFund", () => Effect.void))
    safely.pipe(Effect.catchTag("OrderNotReversible", () => Effect.void))
    // @ts-expect-error the query's not-found is handled (NotCreated), never an error of the flow
    safely.pipe(Effect.catchTag("DynamicQrPaymentNotFound", () => Effect.void))
    // @ts-expect-error not a code of Payments.create or Payments.cancel
    safely.pipe(Effect.catchTag("DuplicateDynamicQrRequest", () => Effect.void))

    const reversed = Flows.reversePayment("m", { merchantRefundId: "r" })
    reversed.pipe(Effect.catchTag("RefundLimitExceeded", () => Effect.void))
    // @ts-expect-error ORDER_NOT_REVERSIBLE turns into a refund
    reversed.pipe(Effect.catchTag("OrderNotReversible", () => Effect.void))
  })

  it("2. success codes are not error classes", () => {
    expectTypeOf<Extract<PayPayError.ErrorCode, "SUCCESS" | "REQUEST_ACCEPTED">>().toBeNever()
    expectTypeOf<Extract<PayPayError.PayPayError["_tag"], "Success" | "RequestAccepted">>().toBeNever()
    // @ts-expect-error no class for SUCCESS
    PayPayError.Success
    // @ts-expect-error no class for REQUEST_ACCEPTED
    PayPayError.RequestAccepted
    // @ts-expect-error ResultCodeError takes error codes only
    expectTypeOf<PayPayError.ResultCodeError<"SUCCESS">>()
  })

  it("3. every per-code error is nameable as a type and a value", () => {
    const paid: PayPayError.DynamicQrAlreadyPaid = new PayPayError.DynamicQrAlreadyPaid(fields)
    expectTypeOf(paid._tag).toEqualTypeOf<"DynamicQrAlreadyPaid">()
    expectTypeOf(paid.code).toEqualTypeOf<"DYNAMIC_QR_ALREADY_PAID">()
    expectTypeOf(PayPayError.DynamicQrAlreadyPaid.code).toEqualTypeOf<"DYNAMIC_QR_ALREADY_PAID">()
    expectTypeOf<
      PayPayError.ResultCodeError<"DYNAMIC_QR_ALREADY_PAID">
    >().toEqualTypeOf<PayPayError.DynamicQrAlreadyPaid>()
    expectTypeOf<Flows.ErrorOf<typeof Codes.remove>>().toEqualTypeOf<
      | PayPayError.DynamicQrAlreadyPaid
      | PayPayError.DynamicQrBadRequest
      | PayPayError.DynamicQrNotFound
      | PayPayError.ResultCodeError<PayPayError.CommonCode>
      | PayPayError.UnknownResultCode
      | PayPayError.PayPayRequestError
      | PayPayError.PayPayResponseError
    >()
    Codes.remove("04-x").pipe(
      Effect.catchTag("DynamicQrAlreadyPaid", (e) => {
        expectTypeOf(e).toEqualTypeOf<PayPayError.DynamicQrAlreadyPaid>()
        return Effect.void
      })
    )
  })

  it("4. internals are not exported", () => {
    // @ts-expect-error the endpoint definitions are internal
    Refunds.Create
    // @ts-expect-error the endpoint definitions are internal
    Refunds.Get
    // @ts-expect-error internal helper
    Refunds.refundQuery
    // @ts-expect-error internal helper
    Payments.Create
    expectTypeOf<keyof PayPayClient.PayPayClient.Service>().not.toEqualTypeOf<"transport">()
    expectTypeOf<Extract<keyof PayPayClient.PayPayClient.Service, "transport">>().toBeNever()
  })

  it("7. timeouts are keyed by operation name", () => {
    expectTypeOf<PayPayClient.Operation>().toExtend<string>()
    const options: PayPayClient.Options = {
      apiKey: "k",
      apiSecret: undefined as never,
      timeouts: { "Codes.create": "10 seconds", "Refunds.get": "5 seconds" }
    }
    expectTypeOf(options.timeouts).not.toBeAny()
    // @ts-expect-error a typo is a compile error
    const typo: PayPayClient.Options["timeouts"] = { "Codes.craete": "10 seconds" }
    expectTypeOf(typo).not.toBeAny()
  })
})
