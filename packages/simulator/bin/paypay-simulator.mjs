#!/usr/bin/env node
// Runs the simulator CLI from TypeScript source through tsx (no build step needed).
import { register } from "tsx/esm/api"
register()
await import("../src/main.ts")
