#!/usr/bin/env node
// The `lodyn` command: runs the TypeScript CLI through tsx, so it works right after `npm install`, no build needed.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
