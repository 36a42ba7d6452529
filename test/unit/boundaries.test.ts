// The lint rule that enforces the house boundaries, exercised on code placed in each area.
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RuleTester } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import boundaries from '../../scripts/eslint/boundaries.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = join(__dirname, '..', '..');
const at = (p: string): string => join(root, p);
const tester = new RuleTester({ languageOptions: { parser: tsParser, sourceType: 'module' } });

tester.run('mlops/boundaries', boundaries.rules.boundaries, {
  valid: [
    { filename: at('client/src/a.ts'), code: "import * as vscode from 'vscode';" },
    { filename: at('client/src/a.ts'), code: "import type { X } from '../../protocol';" },
    { filename: at('server/src/a.ts'), code: "import type { X } from '../../protocol';" },
    { filename: at('cli/src/a.ts'), code: "import { f } from '../../server/src/services/validate';" },
    { filename: at('core/process.ts'), code: "import { spawn } from 'node:child_process';" },
    { filename: at('test/unit/a.ts'), code: "import { spawn } from 'node:child_process'; import * as v from 'vscode';" },
    { filename: at('protocol/a.ts'), code: "import type { Y } from './b'; export interface X { y: Y } export type Z = string;" },
  ],
  invalid: [
    { filename: at('server/src/a.ts'), code: "import * as vscode from 'vscode';", errors: [{ message: /must not import 'vscode'/ }] },
    { filename: at('webviews/src/a.ts'), code: "const v = require('vscode');", errors: [{ message: /must not import 'vscode'/ }] },
    { filename: at('client/src/a.ts'), code: "import { spawn } from 'child_process';", errors: [{ message: /Only core\/process/ }] },
    { filename: at('cli/src/a.ts'), code: "import('node:child_process');", errors: [{ message: /Only core\/process/ }] },
    { filename: at('client/src/a.ts'), code: "import { x } from '../../server/src/x';", errors: [{ message: /client\/ must not import from server\// }] },
    { filename: at('server/src/a.ts'), code: "import { x } from '../../client/src/x';", errors: [{ message: /server\/ must not import from client\// }] },
    { filename: at('protocol/a.ts'), code: "import { Y } from './b';", errors: [{ message: /types only/ }] },
    { filename: at('protocol/a.ts'), code: 'export const X = 1;', errors: [{ message: /types only/ }] },
  ],
});
