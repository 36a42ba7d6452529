/* gpu-sampler: samples every GPU of this node through NVML, loaded at run time with dlopen (no
 * link-time dependency), and prints one JSON line per GPU per interval in the GpuSample shape of
 * protocol/gpu.ts. A metric the GPU does not report is null. When NVML cannot be loaded or
 * started, or there is no GPU: one GpuSamplerError JSON line and a message on stderr, exit 3. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../common/report.h"
#include "nvml_api.h"

#define MAX_GPUS 64
#define MAX_PROCS 64

static const char USAGE[] =
    "usage: gpu-sampler [--interval-ms MS] [--count N] [--nvml LIBRARY]\n"
    "  Prints one JSON line per GPU every MS milliseconds (default 1000), N times (default: until\n"
    "  interrupted). LIBRARY is the NVML library to load (default libnvidia-ml.so.1).\n";

static volatile sig_atomic_t stopping;
static void on_signal(int sig) { (void)sig; stopping = 1; }

/* The GpuSamplerError line (stderr), a human message, and exit code `code`. */
static void fail(const char *kind, int code, const char *fmt, const char *detail) {
  char message[1024], quoted[1200];
  snprintf(message, sizeof message, fmt, detail);
  json_quote(quoted, sizeof quoted, message);
  fprintf(stderr, "{\"error\":\"%s\",\"message\":%s}\n", kind, quoted);
  fprintf(stderr, "gpu-sampler: %s\n", message);
  exit(code);
}

typedef struct {
  long interval_ms, count;
  const char *library;
} options_t;

static void parse(int argc, char **argv, options_t *o) {
  *o = (options_t){1000, 0, "libnvidia-ml.so.1"};
  for (int i = 1; i < argc; i++) {
    char *end = NULL;
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      printf("%s", USAGE);
      exit(0);
    } else if (i + 1 >= argc) {
      fail("usage", 2, "%s needs a value (see --help)", argv[i]);
    } else if (strcmp(argv[i], "--interval-ms") == 0) {
      o->interval_ms = strtol(argv[++i], &end, 10);
      if (*end != '\0' || o->interval_ms < 10) fail("usage", 2, "--interval-ms takes a number of milliseconds, at least 10 (got %s)", argv[i]);
    } else if (strcmp(argv[i], "--count") == 0) {
      o->count = strtol(argv[++i], &end, 10);
      if (*end != '\0' || o->count < 1) fail("usage", 2, "--count takes a positive number (got %s)", argv[i]);
    } else if (strcmp(argv[i], "--nvml") == 0) {
      o->library = argv[++i];
    } else {
      fail("usage", 2, "unknown option %s (see --help)", argv[i]);
    }
  }
}

static void *need(void *lib, const char *name) {
  void *f = dlsym(lib, name);
  if (f == NULL) fail("nvml-missing", 3, "the NVML library has no %s: the NVIDIA driver is too old", name);
  return f;
}

/* The first of these names that the library exports (newer versions first). */
static void *first_of(void *lib, const char *a, const char *b, const char *c) {
  void *f = dlsym(lib, a);
  if (f == NULL && b != NULL) f = dlsym(lib, b);
  if (f == NULL && c != NULL) f = dlsym(lib, c);
  return f;
}

static void load(const char *library, nvml_t *n) {
  void *lib = dlopen(library, RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    const char *why = dlerror();
    fail("nvml-missing", 3, "cannot load NVML (%s): install the NVIDIA driver, or run on a GPU node (nvidia-smi must work there)", why != NULL ? why : library);
  }
  *(void **)&n->init = need(lib, "nvmlInit_v2");
  *(void **)&n->shutdown = need(lib, "nvmlShutdown");
  *(void **)&n->error_string = need(lib, "nvmlErrorString");
  *(void **)&n->count = need(lib, "nvmlDeviceGetCount_v2");
  *(void **)&n->handle = need(lib, "nvmlDeviceGetHandleByIndex_v2");
  *(void **)&n->name = need(lib, "nvmlDeviceGetName");
  *(void **)&n->uuid = dlsym(lib, "nvmlDeviceGetUUID");
  *(void **)&n->utilization = dlsym(lib, "nvmlDeviceGetUtilizationRates");
  *(void **)&n->memory = dlsym(lib, "nvmlDeviceGetMemoryInfo");
  *(void **)&n->temperature = dlsym(lib, "nvmlDeviceGetTemperature");
  *(void **)&n->power = dlsym(lib, "nvmlDeviceGetPowerUsage");
  *(void **)&n->power_limit = dlsym(lib, "nvmlDeviceGetEnforcedPowerLimit");
  *(void **)&n->clock = dlsym(lib, "nvmlDeviceGetClockInfo");
  *(void **)&n->pcie = dlsym(lib, "nvmlDeviceGetPcieThroughput");
  *(void **)&n->fields = dlsym(lib, "nvmlDeviceGetFieldValues");
  *(void **)&n->processes = first_of(lib, "nvmlDeviceGetComputeRunningProcesses_v3", "nvmlDeviceGetComputeRunningProcesses_v2", NULL);
}

/* NVLink counters of the previous sample, to turn them into a rate. */
typedef struct {
  int have;
  unsigned long long tx, rx;
  long long ts;
} nvlink_prev_t;

static nvlink_prev_t prev[MAX_GPUS];

static void put_uint(json_t *j, const char *key, int ok, double value) {
  if (ok) json_num(j, key, value);
  else json_raw(j, key, "null");
}

static void process_list(const nvml_t *n, nvmlDevice_t dev, json_t *j) {
  nvmlProcessInfo_t infos[MAX_PROCS];
  unsigned int count = MAX_PROCS;
  if (n->processes == NULL || n->processes(dev, &count, infos) != NVML_SUCCESS) {
    json_raw(j, "processes", "null");
    return;
  }
  char list[2048] = "[";
  size_t len = 1;
  for (unsigned int i = 0; i < count && len < sizeof list - 200; i++) {
    char comm[64] = "", path[64], quoted[160], used[32];
    snprintf(path, sizeof path, "/proc/%u/comm", infos[i].pid);
    FILE *f = fopen(path, "r");
    if (f != NULL) {
      if (fgets(comm, sizeof comm, f) != NULL) comm[strcspn(comm, "\n")] = '\0';
      fclose(f);
    }
    json_quote(quoted, sizeof quoted, comm);
    if (infos[i].usedGpuMemory == NVML_VALUE_NOT_AVAILABLE_ULL) strcpy(used, "null");
    else snprintf(used, sizeof used, "%llu", infos[i].usedGpuMemory >> 20);
    len += (size_t)snprintf(list + len, sizeof list - len, "%s{\"pid\":%u,\"name\":%s,\"usedMiB\":%s}", i > 0 ? "," : "", infos[i].pid, quoted, used);
  }
  snprintf(list + len, sizeof list - len, "]");
  json_raw(j, "processes", list);
}

static void nvlink(const nvml_t *n, nvmlDevice_t dev, unsigned int index, long long ts, json_t *j) {
  nvmlFieldValue_t v[2];
  memset(v, 0, sizeof v);
  v[0].fieldId = NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX;
  v[1].fieldId = NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX;
  v[0].scopeId = v[1].scopeId = UINT_MAX;
  int ok = n->fields != NULL && n->fields(dev, 2, v) == NVML_SUCCESS && v[0].nvmlReturn == NVML_SUCCESS && v[1].nvmlReturn == NVML_SUCCESS;
  nvlink_prev_t *p = &prev[index];
  int rate = ok && p->have && ts > p->ts;
  double dt = (double)(ts - p->ts) / 1000.0;
  put_uint(j, "nvlinkTxKiBps", rate, rate ? (double)(v[0].value.ullVal - p->tx) / dt : 0);
  put_uint(j, "nvlinkRxKiBps", rate, rate ? (double)(v[1].value.ullVal - p->rx) / dt : 0);
  *p = (nvlink_prev_t){ok, v[0].value.ullVal, v[1].value.ullVal, ts};
}

static void sample(const nvml_t *n, unsigned int index) {
  nvmlDevice_t dev;
  json_t j;
  long long ts = epoch_ms();
  if (n->handle(index, &dev) != NVML_SUCCESS) return;
  char name[96] = "", uuid[96] = "";
  nvmlUtilization_t util;
  nvmlMemory_t mem;
  unsigned int temp = 0, power = 0, limit = 0, sm = 0, memclk = 0, tx = 0, rx = 0;
  n->name(dev, name, sizeof name);
  int has_uuid = n->uuid != NULL && n->uuid(dev, uuid, sizeof uuid) == NVML_SUCCESS;
  int has_util = n->utilization != NULL && n->utilization(dev, &util) == NVML_SUCCESS;
  int has_mem = n->memory != NULL && n->memory(dev, &mem) == NVML_SUCCESS;
  j.len = 0;
  j.fields = 0;
  j.text[0] = '\0';
  /* Not json_begin: a GpuSample has no "bench" field. */
  snprintf(j.text, sizeof j.text, "{\"ts\":%lld", ts);
  j.len = strlen(j.text);
  j.fields = 1;
  json_str(&j, "host", host_name());
  json_int(&j, "index", index);
  if (has_uuid) json_str(&j, "uuid", uuid); else json_raw(&j, "uuid", "null");
  json_str(&j, "name", name);
  put_uint(&j, "utilPct", has_util, has_util ? util.gpu : 0);
  put_uint(&j, "memUtilPct", has_util, has_util ? util.memory : 0);
  put_uint(&j, "memUsedMiB", has_mem, has_mem ? (double)(mem.used >> 20) : 0);
  put_uint(&j, "memTotalMiB", has_mem, has_mem ? (double)(mem.total >> 20) : 0);
  put_uint(&j, "tempC", n->temperature != NULL && n->temperature(dev, NVML_TEMPERATURE_GPU, &temp) == NVML_SUCCESS, temp);
  put_uint(&j, "powerW", n->power != NULL && n->power(dev, &power) == NVML_SUCCESS, power / 1000.0);
  put_uint(&j, "powerLimitW", n->power_limit != NULL && n->power_limit(dev, &limit) == NVML_SUCCESS, limit / 1000.0);
  put_uint(&j, "smClockMHz", n->clock != NULL && n->clock(dev, NVML_CLOCK_SM, &sm) == NVML_SUCCESS, sm);
  put_uint(&j, "memClockMHz", n->clock != NULL && n->clock(dev, NVML_CLOCK_MEM, &memclk) == NVML_SUCCESS, memclk);
  put_uint(&j, "pcieTxKiBps", n->pcie != NULL && n->pcie(dev, NVML_PCIE_UTIL_TX_BYTES, &tx) == NVML_SUCCESS, tx);
  put_uint(&j, "pcieRxKiBps", n->pcie != NULL && n->pcie(dev, NVML_PCIE_UTIL_RX_BYTES, &rx) == NVML_SUCCESS, rx);
  nvlink(n, dev, index, ts, &j);
  json_raw(&j, "xid", "null"); /* XID errors come through NVML events, which a sampler does not wait on */
  process_list(n, dev, &j);
  /* json_end closes the object and prints the line. */
  json_end(&j, stdout);
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (!stopping && nanosleep(&ts, &ts) != 0) {}
}

int main(int argc, char **argv) {
  options_t o;
  nvml_t n;
  parse(argc, argv, &o);
  load(o.library, &n);
  nvmlReturn_t r = n.init();
  if (r != NVML_SUCCESS) fail("nvml-init", 3, "NVML could not start: %s (is the NVIDIA kernel module loaded? try nvidia-smi)", n.error_string(r));
  unsigned int count = 0;
  if (n.count(&count) != NVML_SUCCESS || count == 0) {
    n.shutdown();
    fail("no-gpu", 3, "NVML sees no GPU on this node%s", "");
  }
  if (count > MAX_GPUS) count = MAX_GPUS;
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  for (long k = 0; !stopping && (o.count == 0 || k < o.count); k++) {
    double t0 = now_sec();
    for (unsigned int i = 0; i < count; i++) sample(&n, i);
    long spent = (long)((now_sec() - t0) * 1000.0);
    if (o.count == 0 || k + 1 < o.count) sleep_ms(o.interval_ms > spent ? o.interval_ms - spent : 0);
  }
  n.shutdown();
  return 0;
}
