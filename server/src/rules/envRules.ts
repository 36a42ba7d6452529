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
    severity: DiagnosticSeverity.Warning,
    summary: 'An NCCL variable with a value NCCL ignores.',
    explanation:
      'Where NCCL documents the values of a setting (a level such as NCCL_DEBUG or NCCL_P2P_LEVEL, 0 or 1, a number of bytes), it does not stop on a value outside them: it keeps its default, clamps the value or skips the item, with at most a log line, and the job runs without the setting you meant (NCCL_DEBUG=VERBOSE gives no debug output at all). A warning, since the job still runs. Use one of the values the message lists. Values that make NCCL fail are MLW3005.',
  },
  {
    code: 'MLW3003',
    name: 'nccl-interface-list',
    severity: DiagnosticSeverity.Warning,
    summary: 'An interface or adapter list NCCL would read differently than intended.',
    explanation:
      'NCCL_SOCKET_IFNAME, NCCL_IB_HCA and NCCL_OOB_NET_IFNAME take comma-separated name prefixes, after an optional ^ (exclude the listed names) and then an optional = (exact names), both only at the very start. A ^ or = further on, a space or an empty entry becomes part of a name that matches nothing, so NCCL uses only what the rest of the list selects, or falls back to other interfaces. A warning: NCCL still starts unless nothing on the node matches, which only the node can tell. Write the list as the message shows.',
  },
  {
    code: 'MLW3004',
    name: 'nccl-debug-setting',
    severity: DiagnosticSeverity.Information,
    summary: 'An NCCL debugging setting left on.',
    explanation:
      'NCCL_DEBUG=INFO or TRACE, NCCL_DEBUG_SUBSYS, NCCL_DEBUG_FILE and argument checking help while testing, but every rank then logs heavily, writes files or checks each call, which slows large jobs and buries real warnings. Remove them, or set NCCL_DEBUG=WARN, for production runs.',
  },
  {
    code: 'MLW3005',
    name: 'nccl-env-value-rejected',
    severity: DiagnosticSeverity.Error,
    summary: 'An NCCL variable with a value NCCL refuses, so the job fails.',
    explanation:
      'Some settings NCCL parses strictly: an algorithm, protocol or collective name it does not know in NCCL_ALGO or NCCL_PROTO makes communicator creation fail with ncclInvalidUsage; a pre-shared key that is too short is refused; an InfiniBand retry count above 7 cannot be set on the queue pairs. The job then stops at start-up, after it waited for its nodes. Use a value the message lists.',
  },
] as const satisfies readonly RuleInfo[];
