/**
 * The SDK's public surface: what the root barrel and each subpath module (`@paypay-effect/sdk/<Module>`) export at
 * runtime, listed here on purpose. A change to the surface must change this list too (types are checked by
 * `types.test.ts`); internals live in `src/internal/`, which `package.json` does not export.
 */
import { assert, describe, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"

const surface: Record<string, ReadonlyArray<string>> = {
  Cashback: [
    "CashbackDetails",
    "CashbackReversalDetails",
    "ConsultExpectedCashbackParams",
    "ConsultExpectedCashbackRequest",
    "ExpectedCashback",
    "GiveCashbackParams",
    "GiveCashbackRequest",
    "Lang",
    "ReverseCashbackParams",
    "ReverseCashbackRequest",
    "WalletType",
    "consultExpected",
    "get",
    "getReversal",
    "give",
    "reverse"
  ],
  Codes: ["CreateQrCodeParams", "CreateQrCodeRequest", "QrCode", "create", "getPayment", "remove"],
  Flows: [
    "AwaitTimeout",
    "Reversal",
    "SafeOutcome",
    "UserLinkFailed",
    "awaitSettled",
    "createCodeSafely",
    "createPaymentSafely",
    "finishUserLink",
    "isSettled",
    "read",
    "reversePayment",
    "startUserLink"
  ],
  Jwt: [
    "AUTHORIZATION_BASE_URL",
    "JwtError",
    "RESPONSE_TOKEN_ISSUER",
    "RequestTokenParams",
    "ResponseToken",
    "authorizationUrl",
    "makeRequestToken",
    "verifyResponseToken"
  ],
  PayPayClient: [
    "BaseUrls",
    "PayPayClient",
    "configFromEnv",
    "layer",
    "layerConfig",
    "layerFromEnv",
    "layerTransport",
    "layerUndici",
    "layerUndiciConfig",
    "layerUndiciFromEnv",
    "make",
    "makeUndici",
    "makeWithTransport",
    "operations",
    "withDeadline",
    "withMerchant"
  ],
  PayPayError: [
    "AlreadyCaptured",
    "CanceledUser",
    "CommonCodes",
    "DuplicateDynamicQrRequest",
    "DuplicateRequestOrder",
    "DynamicQrAlreadyPaid",
    "DynamicQrBadRequest",
    "DynamicQrNotFound",
    "DynamicQrPaymentNotFound",
    "Errors",
    "ExpectationFailed",
    "ExpiredUserAuthorizationId",
    "HigherCaptureNotPermitted",
    "InternalServerError",
    "InvalidParams",
    "InvalidRequestOrderState",
    "InvalidRequestParams",
    "InvalidUserAuthorizationId",
    "KidNotFound",
    "MaintenanceMode",
    "MissingRequestParams",
    "NoSuchRefundOrder",
    "NoSufficientFund",
    "NoValidPaymentMethod",
    "OpOutOfScope",
    "OpaClientNotFound",
    "OrderExpired",
    "OrderNotCancelable",
    "OrderNotCapturable",
    "OrderNotReversible",
    "PayPayApiError",
    "PayPayRequestError",
    "PayPayResponseError",
    "PaymentMethodNotFound",
    "PreAuthCaptureInvalidExpiryDate",
    "PreAuthCaptureUnsupportedMerchant",
    "RateLimit",
    "ReauthorizationInProgress",
    "RefundLimitExceeded",
    "RefundWindowExceed",
    "RequestOrderNotFound",
    "ResourceNotFound",
    "ResultCodes",
    "ServiceError",
    "ServiceUnderMaintenance",
    "SessionNotFound",
    "SuspectedDuplicateOrder",
    "SuspectedDuplicatePayment",
    "TooCloseToExpiry",
    "TransactionFailed",
    "TransactionNotFound",
    "UnacceptableOp",
    "Unauthorized",
    "UnknownResultCode",
    "UnsupportedPaymentMethod",
    "UserConfirmationRequired",
    "UserStateIsNotActive",
    "ValidationFailedException",
    "errorCodes",
    "fromResultInfo",
    "isCode",
    "isErrorCode",
    "isOutcomeUnknown",
    "isPayPayApiError",
    "isPayPayError",
    "isResultCode",
    "isRetryable",
    "messageOf",
    "resolveUrl",
    "resultCodes",
    "tagOf"
  ],
  PayPaySchema: [
    "EchoedMetadata",
    "METADATA_MAX_BYTES",
    "METADATA_MAX_DEPTH",
    "DataList",
    "optionalObject",
    "Amount",
    "Capture",
    "CaptureStatus",
    "Currency",
    "Envelope",
    "EpochSeconds",
    "ErrorEnvelope",
    "Id64",
    "Metadata",
    "MoneyAmount",
    "OrderItem",
    "OrderItemResponse",
    "Payment",
    "PaymentStatus",
    "Refund",
    "RefundStatus",
    "ResultInfo",
    "Revert",
    "Text255",
    "decodeUnknownEither",
    "optionalNullable",
    "requestedAtOptional"
  ],
  PayPaySigner: [
    "EMPTY",
    "SignatureMismatch",
    "bodyHash",
    "header",
    "makeNonce",
    "parse",
    "sign",
    "signedString",
    "verify"
  ],
  Payments: [
    "CreateContinuousPaymentParams",
    "CreateContinuousPaymentRequest",
    "CreatePaymentParams",
    "CreatePaymentRequest",
    "ProductType",
    "cancel",
    "create",
    "createContinuous",
    "get"
  ],
  PendingPayments: [
    "PendingOrderDetails",
    "CreatePendingPaymentParams",
    "CreatePendingPaymentRequest",
    "PendingOrderItem",
    "PendingPayment",
    "cancel",
    "create",
    "get",
    "getRefund",
    "refund"
  ],
  Preauth: [
    "AuthorizePaymentParams",
    "AuthorizePaymentRequest",
    "CapturePaymentParams",
    "CapturePaymentRequest",
    "CaptureResult",
    "RevertAuthorizationParams",
    "RevertAuthorizationRequest",
    "RevertedAuthorization",
    "authorize",
    "capture",
    "revert"
  ],
  Refunds: ["RefundPaymentParams", "RefundPaymentRequest", "create", "get"],
  Topup: [
    "CreateTopupQrCodeParams",
    "CreateTopupQrCodeRequest",
    "TopupDetails",
    "TopupQrCode",
    "createQrCode",
    "get",
    "remove"
  ],
  Transport: [
    "describeCause",
    "describeLine",
    "firstHeader",
    "fromHttpClient",
    "isNotSent",
    "noResponse",
    "notSent",
    "responseFailed",
    "timedOut"
  ],
  Users: [
    "AccountLinkQrCode",
    "CreateAccountLinkQrCodeParams",
    "CreateAccountLinkQrCodeRequest",
    "MaskedUserProfile",
    "Scope",
    "UserAuthorization",
    "createAccountLinkQrCode",
    "getAuthorizationStatus",
    "getMaskedProfile",
    "unlink"
  ],
  Wallet: [
    "BalanceCheck",
    "CheckBalanceParams",
    "CheckBalanceRequest",
    "GetBalanceParams",
    "GetBalanceRequest",
    "GetPaymentMethodsParams",
    "GetPaymentMethodsRequest",
    "PaymentMethod",
    "PaymentMethods",
    "WalletBalance",
    "checkBalance",
    "getBalance",
    "getPaymentMethods"
  ],
  Webhooks: [
    "CustomerAuthorizationCanceled",
    "CustomerAuthorizationCanceledFromWire",
    "CustomerAuthorizationExtended",
    "CustomerAuthorizationExtendedFromWire",
    "CustomerAuthorizationFailed",
    "CustomerAuthorizationFailedFromWire",
    "CustomerAuthorizationRevoked",
    "CustomerAuthorizationRevokedFromWire",
    "CustomerAuthorizationSucceeded",
    "CustomerAuthorizationSucceededFromWire",
    "ReconFileCreated",
    "ReconFileCreatedFromWire",
    "TransactionEvent",
    "TransactionEventFromWire",
    "TransactionState",
    "UnknownWebhook",
    "WebhookDecodeError",
    "WebhookEvent",
    "WebhookMismatch",
    "agrees",
    "confirm",
    "decode",
    "handler"
  ],
  index: [
    "Cashback",
    "Codes",
    "Flows",
    "Jwt",
    "PayPayClient",
    "PayPayError",
    "PayPaySchema",
    "PayPaySigner",
    "Payments",
    "PendingPayments",
    "Preauth",
    "Refunds",
    "Topup",
    "Transport",
    "Users",
    "Wallet",
    "Webhooks"
  ]
}

const src = new URL("../src/", import.meta.url)
const modules = readdirSync(src)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -3))
  .sort()

describe("public surface", () => {
  it("is exactly the listed exports, module by module", async () => {
    assert.deepStrictEqual(modules, Object.keys(surface).sort(), "a module was added or removed: list it here")
    for (const name of modules) {
      const module = (await import(new URL(`${name}.ts`, src).href)) as Record<string, unknown>
      assert.deepStrictEqual(Object.keys(module).sort(), [...surface[name]!].sort(), `exports of ${name}`)
    }
  })

  it("the root barrel re-exports every public module", () => {
    assert.deepStrictEqual(
      [...surface["index"]!].sort(),
      modules.filter((name) => name !== "index")
    )
  })

  it("no public module exports a declaration marked @internal", () => {
    for (const name of modules) {
      const text = readFileSync(new URL(`${name}.ts`, src), "utf8")
      assert.notMatch(text, /@internal \*\/\s*export /, `${name}.ts exports an @internal declaration`)
      assert.notMatch(text, /\/\*\* @internal \*\/\s*readonly /, `${name}.ts has an @internal member in a public type`)
    }
  })

  it("package.json exports the modules and blocks internal/", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      readonly exports: Record<string, unknown>
    }
    assert.isNull(pkg.exports["./internal/*"])
    assert.property(pkg.exports, ".")
  })
})
