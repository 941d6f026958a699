/**
 * Control handlers for fault rules: add, list, remove one, clear all.
 *
 * @since 0.1.0
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { ControlApi } from "./ControlApi.js"
import { FaultNotFound } from "./ControlErrors.js"
import { FaultStore } from "./FaultStore.js"

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = HttpApiBuilder.group(ControlApi, "faults", (handlers) =>
  handlers
    .handle("add", ({ payload }) => Effect.flatMap(FaultStore, (store) => store.add(payload)))
    .handle("list", () => Effect.flatMap(FaultStore, (store) => store.list))
    .handle("clear", () => Effect.flatMap(FaultStore, (store) => store.clear()))
    .handle("remove", ({ path }) =>
      Effect.flatMap(FaultStore, (store) => store.remove(path.id)).pipe(
        Effect.filterOrFail(
          (removed) => removed,
          () => new FaultNotFound({ id: path.id, message: `no fault rule ${path.id}` })
        ),
        Effect.asVoid
      )
    )
)
