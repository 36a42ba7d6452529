import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules on the environment variables of containers: NCCL's settings. */
export const envRules = [
  {
    code: 'MLW3001',
    name: 'nccl-env-name',
    severity: DiagnosticSeverity.Warning,
    summary: 'An NCCL_* variable that NCCL does not read.',
    explanation:
      'NCCL looks up its settings by exact, upper-case name and silently ignores any other, so a misspelt or removed variable leaves the job on the defaults while looking tuned. Use the name the message suggests, or the variable that replaced a removed one.',
  },
  {
    code: 'MLW3002',
    name: 'nccl-env-value',
    severity: DiagnosticSeverity.Error,
    summary: 'An NCCL variable with a value NCCL does not accept.',
    explanation:
      'Where NCCL documents the values of a setting (a level such as NCCL_DEBUG or NCCL_P2P_LEVEL, 0 or 1, a number of bytes, a list of algorithms or protocols), a value outside them is ignored with at most a log line, or makes communicator set-up fail. Use one of the values the message lists.',
  },
  {
    code: 'MLW3003',
    name: 'nccl-interface-list',
    severity: DiagnosticSeverity.Error,
    summary: 'An interface or adapter list NCCL would read differently than intended.',
    explanation:
      'NCCL_SOCKET_IFNAME, NCCL_IB_HCA and NCCL_OOB_NET_IFNAME take comma-separated name prefixes, after an optional ^ (exclude the listed names) and then an optional = (exact names), both only at the very start. A ^ or = further on, a space or an empty entry becomes part of a name that matches nothing, so NCCL falls back to other interfaces or finds none. Write the list as the message shows.',
  },
  {
    code: 'MLW3004',
    name: 'nccl-debug-setting',
    severity: DiagnosticSeverity.Information,
    summary: 'An NCCL debugging setting left on.',
    explanation:
      'NCCL_DEBUG=INFO or TRACE, NCCL_DEBUG_SUBSYS, NCCL_DEBUG_FILE and argument checking help while testing, but every rank then logs heavily, writes files or checks each call, which slows large jobs and buries real warnings. Remove them, or set NCCL_DEBUG=WARN, for production runs.',
  },
] as const satisfies readonly RuleInfo[];
