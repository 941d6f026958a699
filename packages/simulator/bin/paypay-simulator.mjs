#!/usr/bin/env node
// The `paypay-simulator` bin inside this repository only: runs the CLI from TypeScript source through tsx, so no
// build step is needed while developing. Not shipped: the published package's bin is the compiled dist/main.js
// (package.json#publishConfig.bin), which runs on plain node.
import { register } from "tsx/esm/api"
register()
await import("../src/main.ts")
