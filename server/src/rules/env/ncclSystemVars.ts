import { entriesOf, type NcclVariable } from './ncclTypes';

const v = entriesOf('system');

const FAMILIES = ['AF_INET', 'AF_INET6'];
const LOG_LEVELS = ['VERSION', 'WARN', 'INFO', 'ABORT', 'TRACE', 'ALL'];
const SUBSYSTEMS = [
  'INIT', 'COLL', 'P2P', 'SHM', 'NET', 'GRAPH', 'TUNING', 'ENV', 'ALLOC', 'ALLOC_HOST', 'CALL', 'PROXY', 'NVLS',
  'BOOTSTRAP', 'REG', 'PROFILE', 'RAS', 'DESTROY', 'ALL',
];

/** The "System configuration" section of NCCL's environment variable documentation. */
export const NCCL_SYSTEM_VARIABLES: readonly NcclVariable[] = [
  v('NCCL_SOCKET_IFNAME', 'ifname', 'Selects the IP interfaces NCCL uses for its sockets, by name prefix or exact name.', {
    default: 'automatic: interfaces starting with ib first, lo and docker* only as a last resort',
  }),
  v('NCCL_SOCKET_FAMILY', 'enum', 'Restricts NCCL to IPv4 (AF_INET) or IPv6 (AF_INET6) interfaces.', { values: FAMILIES, caseSensitive: true }),
  v('NCCL_SOCKET_MAGIC', 'int', "Replaces the 64-bit handshake value of NCCL's internal TCP sockets, to keep unrelated jobs on shared nodes apart.", {
    min: 0,
    hex: true,
  }),
  v('NCCL_SOCKET_RETRY_CNT', 'int', 'How many times NCCL retries a socket connection that timed out, was refused or had no route.', {
    min: 1,
    default: '34',
    since: '2.24',
  }),
  v('NCCL_SOCKET_RETRY_SLEEP_MSEC', 'int', 'Milliseconds to wait before the first socket retry; later waits grow linearly with the retry count.', {
    min: 1,
    default: '100',
    since: '2.24',
  }),
  v('NCCL_SOCKET_POLL_TIMEOUT_MSEC', 'int', 'Milliseconds to poll between bootstrap socket attempts to save CPU; 0 retries without pausing.', {
    min: 0,
    default: '0',
    since: '2.28',
  }),
  v('NCCL_PSK', 'string', "A pre-shared key that turns on TLS encryption of NCCL's host TCP traffic; every process needs the same key.", {
    minLength: 32,
  }),
  v('NCCL_SOCKET_NTHREADS', 'int', 'CPU helper threads per connection of the socket transport (threads times sockets per thread at most 64).', {
    min: 1,
    max: 16,
    default: '1 (2 on AWS, 4 on Google Cloud with gVNIC)',
    since: '2.4.8',
  }),
  v('NCCL_NSOCKS_PERTHREAD', 'int', 'Sockets opened by each helper thread of the socket transport.', {
    min: 1,
    default: '1 (8 on AWS)',
    since: '2.4.8',
  }),
  v('NCCL_CROSS_NIC', 'enum', 'Whether rings and trees may use different NICs on different nodes: 0 never, 1 freely, 2 when it is faster.', {
    values: ['0', '1', '2'],
    default: '2',
  }),
  v('NCCL_IB_HCA', 'hca', 'Selects the RDMA adapters (and ports, rails, planes) NCCL uses, by name prefix or exact name.', {
    default: 'every adapter found',
  }),
  v('NCCL_IB_RAIL_POLICY', 'enum', 'Automatic rail and plane assignment of ConnectX SuperNIC ports (used with NCCL_NET_MERGE_POLICY=RAIL).', {
    values: ['NONE', 'CX9', 'CX9:FLIP', 'CX9:ALT', 'CX9:BLOCK'],
    default: 'CX9',
    since: '2.30.5',
  }),
  v('NCCL_IB_TIMEOUT', 'int', 'InfiniBand acknowledgement timeout, as the exponent of 4.096 µs × 2^n; 0 and values from 32 up mean no timeout.', {
    min: 0,
    default: '20 (18 from 2.14, 14 before)',
  }),
  v('NCCL_IB_RETRY_CNT', 'int', 'InfiniBand retries before NCCL reports a network error.', {
    min: 0,
    max: 7,
    outOfRange: 'The verbs take the retry count in a 3-bit field, so setting up the queue pairs fails (EINVAL) and the job fails at its first connection.',
    default: '7',
    since: '2.1.15',
  }),
  v('NCCL_IB_GID_INDEX', 'int', 'RoCE Global ID index to use (see show_gids); when unset NCCL picks one itself.', {
    default: '-1',
    since: '2.1.4',
  }),
  v('NCCL_IB_ADDR_FAMILY', 'enum', 'Address family of the GID NCCL picks when NCCL_IB_GID_INDEX is unset.', {
    values: FAMILIES,
    default: 'AF_INET',
    since: '2.21',
  }),
  v('NCCL_IB_ADDR_RANGE', 'string', 'CIDR range the GID NCCL picks must lie in, when NCCL_IB_GID_INDEX is unset.', { since: '2.21' }),
  v('NCCL_IB_ROCE_VERSION_NUM', 'int', 'RoCE version of the GID NCCL picks when NCCL_IB_GID_INDEX is unset.', { default: '2', since: '2.21' }),
  v('NCCL_IB_PKEY', 'int', "Index of the InfiniBand partition key in the port's PKey table.", { min: 0, default: '0', since: '2.1.4' }),
  v('NCCL_IB_PKEY_VALUE', 'int', 'Selects the InfiniBand partition key by its value (e.g. 0x8111) instead of its table index.', {
    hex: true,
    default: '-1 (use NCCL_IB_PKEY)',
    since: '2.31',
  }),
  v('NCCL_IB_SL', 'int', 'InfiniBand service level of the queue pairs.', { min: 0, default: '0', since: '2.1.4' }),
  v('NCCL_IB_TC', 'int', 'InfiniBand traffic class of the queue pairs.', { min: 0, default: '0', since: '2.1.15' }),
  v('NCCL_IB_FIFO_TC', 'int', "Traffic class of NCCL's short credit-return control messages, so they can get a low-latency class.", {
    min: 0,
    default: 'the value of NCCL_IB_TC',
    since: '2.22.3',
  }),
  v('NCCL_IB_RETURN_ASYNC_EVENTS', 'bool01', 'Also stop InfiniBand communication on fatal asynchronous IB events, besides logging them.', {
    default: '1',
    since: '2.23',
  }),
  v('NCCL_IB_EVENT_BASED_LB', 'bool01', 'Split the traffic of a merged IB device by the current link speed of each port.', {
    default: '0',
    since: '2.31',
  }),
  v('NCCL_OOB_NET_ENABLE', 'bool01', "Use NCCL's network for the out-of-band exchange of communicator set-up.", { since: '2.23' }),
  v('NCCL_OOB_NET_IFNAME', 'hca', 'Selects the network devices of the out-of-band exchange, by name prefix or exact name.', { since: '2.23' }),
  v('NCCL_UID_STAGGER_THRESHOLD', 'int', 'Number of ranks per unique id above which their first connections are staggered.', {
    min: 1,
    default: '256',
    since: '2.23',
  }),
  v('NCCL_UID_STAGGER_RATE', 'int', 'Messages per second aimed at when connections to the unique id are staggered.', {
    min: 1,
    default: '7000',
    since: '2.23',
  }),
  v('NCCL_NET', 'string', "Forces the network by name, case-insensitive: IB, Socket, or a plugin's own name.", { since: '2.10' }),
  v('NCCL_NET_PLUGIN', 'plugin', 'Network plugin to load: a library suffix, a file name, or none.', { since: '2.11' }),
  v('NCCL_GIN_PLUGIN', 'plugin', 'GPU-initiated networking plugins to load (comma-separated), or none.', { since: '2.29.3' }),
  v('NCCL_RMA_PLUGIN', 'plugin', 'One-sided RMA plugins to try in order (comma-separated), or none.', { since: '2.30.7' }),
  v('NCCL_TUNER_PLUGIN', 'plugin', 'Tuner plugin to load: a library suffix, a file name, or none.'),
  v('NCCL_PROFILER_PLUGIN', 'plugin', 'Profiler plugin to load: a library suffix, a file name, STATIC_PLUGIN, or none.'),
  v('NCCL_ENV_PLUGIN', 'plugin', 'Environment plugin to load: a library suffix, a path, or none.', { since: '2.28' }),
  v('NCCL_IGNORE_CPU_AFFINITY', 'bool01', 'Ignore the CPU affinity the process inherited and use only the GPU-local CPUs.', {
    default: '0',
    since: '2.4.6',
  }),
  v('NCCL_CONF_FILE', 'path', 'File of NCCL settings read instead of ~/.nccl.conf.', { noTilde: true, since: '2.23' }),
  v('NCCL_DEBUG', 'enum', 'How much NCCL logs: VERSION, WARN, INFO or TRACE (case-insensitive).', {
    values: ['VERSION', 'WARN', 'INFO', 'TRACE'],
    alsoAccepted: ['ABORT', 'ATTN'],
    caseInsensitive: true,
    default: 'no output',
    debugOnly: ['INFO', 'ABORT', 'TRACE'],
    debugWhy: 'logs set-up and tuning detail on every rank (TRACE logs every call as well)',
  }),
  v('NCCL_DEBUG_LEVELS', 'list', 'Log levels added to those NCCL_DEBUG selects; names NCCL does not know are ignored.', {
    values: ['VERSION', 'WARN', 'ATTN', 'INFO', 'ABORT', 'TRACE', 'ALL'],
    lenient: true,
    since: '2.32',
    debugOnly: ['INFO', 'ABORT', 'TRACE', 'ALL'],
    debugWhy: 'adds INFO or TRACE logging on every rank',
  }),
  v('NCCL_DEBUG_FILE', 'path', "Sends NCCL's log to this file instead of stdout; %h and %p become the host name and PID.", {
    noTilde: true,
    since: '2.2.12',
    debugOnly: true,
    debugWhy: 'makes every process create (and overwrite) its own log file',
  }),
  v('NCCL_DEBUG_SUBSYS', 'list', 'Subsystems whose NCCL_DEBUG=INFO output is shown; a leading ^ hides the listed ones.', {
    values: SUBSYSTEMS,
    caseInsensitive: true,
    exclude: true,
    default: 'INIT,BOOTSTRAP,ENV',
    since: '2.3.4',
    debugOnly: true,
    debugWhy: 'only shapes the INFO output of a debugging session',
  }),
  v('NCCL_DEBUG_TIMESTAMP_FORMAT', 'string', 'Format of log timestamps as strftime reads it; %Nf adds N digits of fractional seconds and _ prints a space.', {
    default: '[%F %T] ',
    since: '2.26',
  }),
  v('NCCL_DEBUG_TIMESTAMP_LEVELS', 'list', 'Log levels whose lines carry a timestamp; a leading ^ inverts the list.', {
    values: LOG_LEVELS,
    alsoAccepted: ['ATTN'],
    caseInsensitive: true,
    exclude: true,
    default: 'WARN',
    since: '2.26',
  }),
  v('NCCL_COLLNET_ENABLE', 'bool01', 'Use the CollNet plugin for in-network reductions.', { default: '0', since: '2.6' }),
  v('NCCL_COLLNET_NODE_THRESHOLD', 'int', 'Fewest nodes for which CollNet is used.', { min: 0, default: '2', since: '2.9.9' }),
  v('NCCL_CTA_POLICY', 'list', "The communicators' CTA policy: DEFAULT, EFFICIENCY or ZERO, combined with |.", {
    values: ['DEFAULT', 'EFFICIENCY', 'ZERO'],
    legacy: ['0', '1', '2'],
    separator: '|',
    default: 'DEFAULT',
    since: '2.27 (names since 2.29)',
  }),
  v('NCCL_NETDEVS_POLICY', 'enum', 'How network devices are shared out among GPUs: AUTO, ALL, or at most n per GPU with MAX:n.', {
    values: ['AUTO', 'ALL'],
    patterns: [{ re: /^MAX:\d+$/, shown: 'MAX:<n>' }],
    default: 'AUTO',
    since: '2.28',
  }),
  v('NCCL_MULTI_RANK_GPU_ENABLE', 'bool01', 'Allow several ranks to share one GPU (experimental).', { default: '0', since: '2.30' }),
  v('NCCL_TOPO_FILE', 'path', 'XML file describing (part of) the node topology, loaded before detection.', {
    default: '/var/run/nvidia-topologyd/virtualTopology.xml when present',
    since: '2.6',
  }),
  v('NCCL_TOPO_DUMP_FILE', 'path', 'File NCCL writes the detected XML topology to.', { since: '2.6' }),
  v('NCCL_SET_THREAD_NAME', 'bool01', "Give NCCL's CPU threads descriptive names, for debugging and profiling.", { default: '0', since: '2.12' }),
];
