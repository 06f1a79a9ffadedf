#!/usr/bin/env node
// The `flow` command. Node 24 runs the TypeScript entry directly (type stripping);
// npm puts the project's Node 24 (the `node` dev dependency) first on PATH for npx and npm scripts.
import './flow.ts';
