/**
 * Control handlers for test users: create one (`POST /_simulator/users`) and list a tenant's users.
 *
 * @since 0.1.0
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { UserStore } from "../Store/UserStore.js"
import { ControlApi } from "./ControlApi.js"
import { DuplicateUser } from "./ControlErrors.js"
import * as ControlTenant from "./Tenant.js"

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = HttpApiBuilder.group(ControlApi, "users", (handlers) =>
  handlers
    .handle("create", ({ payload, request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        const users = yield* UserStore
        return yield* users.create(tenant, payload).pipe(
          Effect.catchTags({
            DuplicateUser: (error) =>
              new DuplicateUser({
                userAuthorizationId: error.userAuthorizationId,
                message: `test user ${error.userAuthorizationId} already exists for this tenant`
              }),
            SqlError: Effect.die
          })
        )
      })
    )
    .handle("list", ({ request, urlParams }) =>
      Effect.gen(function* () {
        const tenant = yield* ControlTenant.resolve(urlParams, request)
        return yield* UserStore.pipe(
          Effect.flatMap((users) => users.list(tenant)),
          Effect.orDie
        )
      })
    )
)
