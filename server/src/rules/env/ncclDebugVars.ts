import { entriesOf, type NcclVariable } from './ncclTypes';

const v = entriesOf('debugging');

/** Path types NCCL's source accepts besides the documented levels (it compares them with strcmp). */
const OTHER_PATHS = ['NVB', 'C2C', 'PXN', 'P2C'];
const ZERO_ONE_TWO = ['0', '1', '2'];

/**
 * The "Debugging" section of NCCL's environment variable documentation (tuning that overrides
 * NCCL's own choices), with the variables NCCL removed.
 */
export const NCCL_DEBUG_VARIABLES: readonly NcclVariable[] = [
  v('NCCL_P2P_DISABLE', 'bool01', 'Turn off the peer-to-peer transport (direct GPU access over NVLink or PCI).'),
  v('NCCL_P2P_LEVEL', 'enum', 'Farthest path between two GPUs over which NCCL still uses peer-to-peer.', {
    values: ['LOC', 'NVL', 'PIX', 'PXB', 'PHB', 'SYS'],
    alsoAccepted: OTHER_PATHS,
    caseSensitive: true,
    legacyInts: true,
    default: 'chosen by NCCL for the platform',
    since: '2.3.4',
  }),
  v('NCCL_P2P_DIRECT_DISABLE', 'bool01', "Stop NCCL from reading other GPUs' user buffers directly within one process."),
  v('NCCL_SHM_DISABLE', 'bool01', 'Turn off the shared-memory transport between GPUs of a node.'),
  v('NCCL_BUFFSIZE', 'size', 'Bytes of the buffer used between each pair of GPUs (a power of two is advised).', { default: '4194304' }),
  v('NCCL_NTHREADS', 'enum', "CUDA threads per block of NCCL's kernels.", {
    values: ['64', '128', '256', '512'],
    fallback: 'NCCL warns and uses the nearest limit instead (its maximum for a value that is not a multiple of 32)',
    default: '512 (256 on some older GPUs)',
  }),
  v('NCCL_MAX_NCHANNELS', 'int', 'Most channels (CUDA blocks) NCCL may use.', {
    min: 1,
    since: '2.5.0',
    deprecated: { since: '2.17', replacement: 'NCCL_MAX_CTAS' },
  }),
  v('NCCL_MAX_NRINGS', 'int', 'Name of NCCL_MAX_NCHANNELS until 2.4; ignored when that is set.', {
    min: 1,
    since: '2.0.5',
    deprecated: { since: '2.5.0', replacement: 'NCCL_MAX_CTAS' },
  }),
  v('NCCL_MIN_NCHANNELS', 'int', 'Fewest channels (CUDA blocks) NCCL uses.', {
    min: 0,
    max: 32,
    since: '2.5.0',
    deprecated: { since: '2.17', replacement: 'NCCL_MIN_CTAS' },
  }),
  v('NCCL_MIN_NRINGS', 'int', 'Name of NCCL_MIN_NCHANNELS until 2.4; ignored when that is set.', {
    min: 0,
    since: '2.2.0',
    deprecated: { since: '2.5.0', replacement: 'NCCL_MIN_CTAS' },
  }),
  v('NCCL_CHECKS_DISABLE', 'bool01', 'Skipped the argument checks of each call.', {
    default: '0',
    since: '2.0.5',
    removed: { note: 'deprecated in 2.2.12, when pointer checks became opt-in; NCCL_CHECK_MODE sets argument checks since 2.29.7' },
  }),
  v('NCCL_CHECK_POINTERS', 'bool01', 'Check the CUDA pointers of every collective call.', {
    default: '0',
    since: '2.2.12',
    deprecated: { since: '2.29.7', replacement: 'NCCL_CHECK_MODE=DEBUG_LOCAL' },
    debugOnly: ['1'],
    debugWhy: 'adds pointer checks, and latency, to every call',
  }),
  v('NCCL_CHECK_MODE', 'enum', 'How NCCL checks call arguments: DEFAULT (not at all), DEBUG_LOCAL, or DEBUG_GLOBAL across ranks.', {
    values: ['DEFAULT', 'DEBUG_LOCAL', 'DEBUG_GLOBAL'],
    default: 'DEFAULT',
    since: '2.29.7',
    debugOnly: ['DEBUG_LOCAL', 'DEBUG_GLOBAL'],
    debugWhy: 'adds argument checks, and latency, to every call',
  }),
  v('NCCL_LAUNCH_MODE', 'enum', 'How kernels are launched for a process driving several GPUs; GROUP is deprecated since 2.9.', {
    values: ['PARALLEL', 'GROUP'],
    default: 'PARALLEL',
    since: '2.1.0',
  }),
  v('NCCL_IB_DISABLE', 'bool01', 'Turn off the InfiniBand/RoCE transport, so NCCL falls back to another one such as sockets.'),
  v('NCCL_IB_AR_THRESHOLD', 'size', 'Message size in bytes above which IB data goes in a separate message that can use adaptive routing.', {
    default: '8192',
    since: '2.6',
  }),
  v('NCCL_IB_OOO_RQ', 'bool01', 'Let the receiving queue pair consume receive requests out of order.', { default: '0', since: '2.30' }),
  v('NCCL_IB_QPS_PER_CONNECTION', 'int', 'InfiniBand queue pairs per connection between two ranks.', {
    min: 1,
    max: 128,
    default: '1',
    since: '2.10',
  }),
  v('NCCL_IB_SPLIT_DATA_ON_QPS', 'bool01', 'Split every message across all queue pairs (1) instead of using them in turn (0).', {
    default: '0',
    since: '2.18',
  }),
  v('NCCL_IB_CUDA_SUPPORT', 'bool01', 'Forced or prevented GPU Direct RDMA.', {
    removed: { since: '2.4.0', replacement: 'NCCL_NET_GDR_LEVEL' },
  }),
  v('NCCL_IB_PCI_RELAXED_ORDERING', 'enum', 'PCI relaxed ordering for IB verbs: 0 off, 1 required, 2 when available.', {
    values: ZERO_ONE_TWO,
    default: '2',
    since: '2.12',
  }),
  v('NCCL_IB_ADAPTIVE_ROUTING', 'bool01', 'Send IB data in a way that can use adaptive routing (pick an adaptive-routing service level).', {
    default: '1 on InfiniBand, 0 on RoCE',
    since: '2.16',
  }),
  v('NCCL_IB_ECE_ENABLE', 'bool01', 'Use Enhanced Connection Establishment on IB/RoCE, passing its options through to the adapters.', {
    default: '1',
    since: '2.23',
  }),
  v('NCCL_MEM_SYNC_DOMAIN', 'enum', "CUDA memory synchronization domain of NCCL's kernels (CUDA 12, sm90 and later).", {
    values: ['0', '1'],
    default: '1',
    since: '2.16',
  }),
  v('NCCL_CUMEM_ENABLE', 'bool01', "Allocate NCCL's GPU memory with the CUDA cuMem API.", {
    default: 'on where supported (since 2.19)',
    since: '2.18',
  }),
  v('NCCL_CUMEM_HOST_ENABLE', 'bool01', "Allocate NCCL's host memory with the CUDA cuMem API.", {
    default: '1 with recent CUDA drivers (since 2.24)',
    since: '2.23',
  }),
  v('NCCL_NET_GDR_LEVEL', 'enum', 'Farthest path between a NIC and a GPU over which GPU Direct RDMA is used.', {
    values: ['LOC', 'PIX', 'PXB', 'PHB', 'SYS'],
    alsoAccepted: ['NVL', ...OTHER_PATHS],
    caseSensitive: true,
    legacyInts: true,
    default: 'chosen by NCCL for the platform',
    since: '2.3.4',
  }),
  v('NCCL_IB_GDR_LEVEL', 'enum', 'Former name of NCCL_NET_GDR_LEVEL.', {
    since: '2.3.4',
    removed: { since: '2.4.0', replacement: 'NCCL_NET_GDR_LEVEL' },
  }),
  v('NCCL_NET_GDR_C2C', 'bool01', 'Use GPU Direct RDMA through a NIC on a CPU that reaches the GPU over C2C.', {
    default: '1 (0 in 2.26)',
    since: '2.26',
  }),
  v('NCCL_NET_GDR_READ', 'bool01', 'Send data from GPU memory straight to the NIC, without a copy through host memory.', {
    default: '1 on NVLink platforms, else 0',
  }),
  v('NCCL_GDRCOPY_ENABLE', 'bool01', "Use GDRCopy for the CPU's access to NCCL's control structures in GPU memory.", { default: '0' }),
  v('NCCL_GDRCOPY_FIFO_ENABLE', 'bool01', 'Keep the work FIFO in GDRCopy-mapped GPU memory when GDRCopy is on.', { default: '1' }),
  v('NCCL_GDRCOPY_SYNC_ENABLE', 'bool01', 'Keep network proxy synchronization words in GDRCopy-mapped GPU memory.', { default: '1' }),
  v('NCCL_GDRCOPY_FLUSH_ENABLE', 'bool01', 'Flush GPU Direct RDMA receives with a CPU read through GDRCopy.', { default: '0' }),
  v('NCCL_NET_SHARED_BUFFERS', 'bool01', 'Share one buffer pool among all remote peers of point-to-point traffic.', {
    default: '1',
    since: '2.8',
  }),
  v('NCCL_NET_SHARED_COMMS', 'bool01', 'Reuse the same network connections for PXN traffic.', { default: '1', since: '2.12' }),
  v('NCCL_IGNORE_NET_MISMATCH', 'bool01', 'Go on when ranks see different numbers of network devices (0 fails instead).', {
    default: '1',
    since: '2.30',
  }),
  v('NCCL_IGNORE_COLLNET_MISMATCH', 'bool01', 'Go on when ranks see different numbers of CollNet devices (0 fails instead).', {
    default: '0',
    since: '2.30',
  }),
  v('NCCL_SINGLE_RING_THRESHOLD', 'size', 'Size under which NCCL used a single ring.', {
    since: '2.1',
    removed: { since: '2.3' },
  }),
  v('NCCL_LL_THRESHOLD', 'size', 'Size under which NCCL used the low-latency protocol.', {
    since: '2.1',
    removed: { since: '2.5', note: 'NCCL_PROTO, added in 2.5, chooses the protocols' },
  }),
  v('NCCL_TREE_THRESHOLD', 'size', 'Size under which NCCL used trees instead of rings.', {
    since: '2.4',
    removed: { since: '2.5', note: 'NCCL_ALGO, added in 2.5, chooses the algorithms' },
  }),
  v('NCCL_RINGS', 'string', 'Listed ring orders by hand, in the examples of the 2.3 and 2.4 documentation.', {
    removed: { note: 'it is no longer documented; NCCL builds its rings from the detected topology' },
  }),
  v('NCCL_ALGO', 'algo', 'Algorithms NCCL may use, for all collectives or per collective (case-insensitive).', {
    values: ['Ring', 'Tree', 'CollnetDirect', 'CollnetChain', 'NVLS', 'NVLSTree', 'PAT'],
    caseInsensitive: true,
    default: 'chosen by NCCL for the topology',
    since: '2.5',
  }),
  v('NCCL_PROTO', 'algo', 'Protocols NCCL may use, for all collectives or per collective (case-insensitive).', {
    values: ['LL', 'LL128', 'Simple'],
    caseInsensitive: true,
    default: 'every protocol the platform supports',
    since: '2.5',
  }),
  v('NCCL_NVB_DISABLE', 'bool01', 'Stop routing intra-node traffic over NVLink through an intermediate GPU.', { default: '0', since: '2.11' }),
  v('NCCL_PXN_DISABLE', 'bool01', "Stop sending inter-node traffic through another GPU's NIC over NVLink (PXN).", { default: '0', since: '2.12' }),
  v('NCCL_P2P_PXN_LEVEL', 'enum', "When send/receive goes through PXN: 0 never, 1 when the destination's NIC is not behind the same PCI switches, 2 always.", {
    values: ZERO_ONE_TWO,
    default: '2',
    since: '2.12',
  }),
  v('NCCL_PXN_C2C', 'bool01', 'Allow PXN through a peer GPU that reaches the NIC over C2C and PCIe.', { default: '1 (0 in 2.27)', since: '2.27' }),
  v('NCCL_RUNTIME_CONNECT', 'bool01', 'Connect peers when they are first needed instead of during init.', { default: '1', since: '2.22' }),
  v('NCCL_GRAPH_REGISTER', 'bool01', 'Register user buffers of NCCL calls captured in CUDA graphs.', { default: '1', since: '2.11' }),
  v('NCCL_LOCAL_REGISTER', 'bool01', 'Register the user buffers passed to ncclCommRegister.', { default: '1', since: '2.19' }),
  v('NCCL_LEGACY_CUDA_REGISTER', 'bool01', 'Allow registering cudaMalloc buffers, which can synchronize implicitly and hang.', {
    default: '0',
    since: '2.24',
  }),
  v('NCCL_WIN_ENABLE', 'bool01', 'Allow window memory registration.', { default: '1', since: '2.27' }),
  v('NCCL_SET_STACK_SIZE', 'bool01', "Set the CUDA stack size up front to the largest of NCCL's kernels.", { default: '0', since: '2.9' }),
  v('NCCL_GRAPH_MIXING_SUPPORT', 'bool01', 'Support NCCL calls from parallel CUDA graphs, or graphs mixed with uncaptured calls.', {
    default: '1',
    since: '2.13',
  }),
  v('NCCL_GRAPH_STREAM_ORDERING', 'bool01', "Keep NCCL's own ordering of kernels during graph capture; 0 leaves it to the application.", {
    default: '1',
    since: '2.30',
  }),
  v('NCCL_RMA_EAGER_INIT', 'bool01', 'Set up one-sided RMA signalling at communicator init instead of at the first window registration.', {
    default: '0',
    since: '2.31',
  }),
  v('NCCL_DMABUF_ENABLE', 'bool01', 'Register GPU Direct RDMA buffers through Linux dma-buf where supported.', { default: '1', since: '2.13' }),
  v('NCCL_P2P_NET_CHUNKSIZE', 'size', 'Bytes per network message of send/receive operations.', { default: '131072', since: '2.14' }),
  v('NCCL_P2P_LL_THRESHOLD', 'size', 'Largest send/receive message, in bytes, that uses the LL protocol.', { default: '16384', since: '2.14' }),
  v('NCCL_ALLOC_P2P_NET_LL_BUFFERS', 'bool01', 'Give every network send/receive connection its own LL buffers.', { default: '0', since: '2.14' }),
  v('NCCL_COMM_BLOCKING', 'bool01', "Make all communicators blocking (1) or nonblocking (0), overriding their configuration.", { since: '2.14' }),
  v('NCCL_CGA_CLUSTER_SIZE', 'int', "Thread block cluster size of NCCL's kernels (sm90 and later).", { min: 0, max: 8, since: '2.16' }),
  v('NCCL_MAX_CTAS', 'int', 'Most CTAs (channels) NCCL uses, overriding the communicator configuration.', { min: 1, max: 64, since: '2.17' }),
  v('NCCL_MIN_CTAS', 'int', 'Fewest CTAs (channels) NCCL uses, overriding the communicator configuration.', { min: 1, max: 64, since: '2.17' }),
  v('NCCL_NVLS_ENABLE', 'enum', 'Use NVLink SHARP: 0 off; 1 or 2 on where the system supports it.', {
    values: ZERO_ONE_TWO,
    default: '2',
    since: '2.17',
  }),
  v('NCCL_IB_MERGE_NICS', 'bool01', 'Merge the ports of dual-port NICs into one logical device.', { default: '1', since: '2.20' }),
  v('NCCL_NET_MERGE_POLICY', 'enum', 'Which physical NICs may merge into one virtual NIC: ALL at the merge level, or only those of one RAIL.', {
    values: ['ALL', 'RAIL'],
    default: 'ALL',
    since: '2.30.5',
  }),
  v('NCCL_MNNVL_ENABLE', 'enum', 'Multi-node NVLink: 0 off, 1 required, 2 used when available.', { values: ZERO_ONE_TWO, since: '2.21' }),
  v('NCCL_MNNVL_UUID', 'int', 'Overrides the multi-node NVLink domain UUID set by the fabric manager.', { hex: true, since: '2.25' }),
  v('NCCL_MNNVL_CLIQUE_ID', 'int', 'Overrides the multi-node NVLink clique id, to split an NVLink domain between jobs.', {
    hex: true,
    since: '2.25',
  }),
  v('NCCL_RAS_ENABLE', 'bool01', 'Run the RAS subsystem that answers health queries about running jobs.', { default: '1', since: '2.24' }),
  v('NCCL_RAS_ADDR', 'string', 'Host and port the RAS subsystem listens on.', { default: 'localhost:28028', since: '2.24' }),
  v('NCCL_RAS_TIMEOUT_FACTOR', 'number', 'Factor applied to every timeout of the RAS subsystem.', { default: '1', since: '2.24' }),
  v('NCCL_LAUNCH_ORDER_IMPLICIT', 'bool01', 'Order the operations of different communicators on one GPU by host program order.', {
    default: '0',
    since: '2.26',
  }),
  v('NCCL_LAUNCH_RACE_FATAL', 'bool01', 'Fail when host threads race to launch on the same GPU.', { default: '1', since: '2.26' }),
  v('NCCL_IPC_USE_ABSTRACT_SOCKET', 'bool01', 'Exchange CUDA IPC handles over Linux abstract sockets (0 helps containers in other network namespaces).', {
    default: '1',
    since: '2.29',
  }),
  v('NCCL_SYM_GIN_KERNELS_ENABLE', 'bool01', 'Use the symmetric kernels that communicate through GIN.', { default: '1', since: '2.29' }),
];
