/* allreduce-bench: a sweep of message sizes in the manner of nccl-tests' all_reduce_perf, out of
 * place and in place, every result checked. Prints nccl-tests' columns and, after each row, one
 * JSON line {"bench":"allreduce",...} for the extension. busbw = algbw * 2(n-1)/n. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../common/args.h"
#include "../common/dtype.h"
#include "../common/report.h"
#include "../common/world.h"
#include "../dev/dev.h"

static const char USAGE[] =
    "usage: allreduce-bench [-b MINBYTES] [-e MAXBYTES] [-f FACTOR] [-n ITERS] [-w WARMUP]\n"
    "                       [-d TYPE] [-o OP] [-g GPUS_PER_PROCESS] [-c 0|1]\n"
    "  sizes take K, M, G suffixes; TYPE: int8 uint8 int32 uint32 int64 uint64 float double;\n"
    "  OP: sum prod max min. Defaults: -b 8 -e 32M -f 2 -n 20 -w 5 -d float -o sum -g 1 -c 1\n";

typedef struct {
  size_t min_bytes, max_bytes;
  long factor, iters, warmup, local, check;
  dtype_t type;
  redop_t op;
} options_t;

typedef struct {
  double time_us, algbw, busbw;
  long long wrong;
} result_t;

static void parse(int argc, char **argv, options_t *o) {
  *o = (options_t){8, 32u << 20, 2, 20, 5, 1, 1, DT_FLOAT, OP_SUM};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int bad = 0;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { printf("%s", USAGE); exit(0); }
    else if (strcmp(a, "-b") == 0) bad = parse_size(option_value(argc, argv, &i), &o->min_bytes);
    else if (strcmp(a, "-e") == 0) bad = parse_size(option_value(argc, argv, &i), &o->max_bytes);
    else if (strcmp(a, "-f") == 0) bad = parse_int(option_value(argc, argv, &i), 2, &o->factor);
    else if (strcmp(a, "-n") == 0) bad = parse_int(option_value(argc, argv, &i), 1, &o->iters);
    else if (strcmp(a, "-w") == 0) bad = parse_int(option_value(argc, argv, &i), 0, &o->warmup);
    else if (strcmp(a, "-g") == 0) bad = parse_int(option_value(argc, argv, &i), 1, &o->local);
    else if (strcmp(a, "-c") == 0) bad = parse_int(option_value(argc, argv, &i), 0, &o->check);
    else if (strcmp(a, "-d") == 0) { int t = dtype_parse(option_value(argc, argv, &i)); bad = t < 0; o->type = (dtype_t)(t < 0 ? 0 : t); }
    else if (strcmp(a, "-o") == 0) { int op = redop_parse(option_value(argc, argv, &i)); bad = op < 0; o->op = (redop_t)(op < 0 ? 0 : op); }
    else usage_error("allreduce-bench", USAGE, "unknown option %s", a);
    if (bad) usage_error("allreduce-bench", USAGE, "bad value for %s: %s", a, argv[i]);
  }
  if (o->local > 16) usage_error("allreduce-bench", USAGE, "-g is at most 16 GPUs per process");
  if (o->min_bytes > o->max_bytes) usage_error("allreduce-bench", USAGE, "-b (%zu) is larger than -e (%zu)", o->min_bytes, o->max_bytes);
}

static void fill(const options_t *o, void **host, void **bufs, size_t count) {
  for (int d = 0; d < dev_local(); d++) {
    for (size_t i = 0; i < count; i++) store(host[d], o->type, i, contribution(o->op, i, dev_rank(d), dev_size()));
    dev_upload(d, bufs[d], host[d], count * dtype_size(o->type));
  }
}

static void run_all(const options_t *o, void **send, void **recv, size_t count, long times) {
  for (long k = 0; k < times; k++) {
    dev_group_start();
    for (int d = 0; d < dev_local(); d++) dev_allreduce(d, send[d], recv[d], count, o->type, o->op);
    dev_group_end();
  }
  for (int d = 0; d < dev_local(); d++) dev_sync(d);
}

static long long count_wrong(const options_t *o, void **host, void **recv, size_t count) {
  long long wrong = 0;
  for (int d = 0; d < dev_local(); d++) {
    dev_download(d, host[d], recv[d], count * dtype_size(o->type));
    for (size_t i = 0; i < count; i++) wrong += load(host[d], o->type, i) != expected(o->op, i, dev_size());
  }
  return world_sum(wrong);
}

/* Times `iters` allreduces (after the warm-up), then runs one more on fresh input and checks it. */
static result_t measure(const options_t *o, void **host, void **send, void **recv, size_t count, int in_place) {
  void **dst = in_place ? send : recv;
  fill(o, host, send, count);
  run_all(o, send, dst, count, o->warmup);
  world_sum(0); /* a barrier: every rank starts the timed loop together */
  double t0 = now_sec();
  run_all(o, send, dst, count, o->iters);
  double t = world_max(now_sec() - t0) / (double)o->iters;
  result_t r = {t * 1e6, 0, 0, 0};
  double bytes = (double)(count * dtype_size(o->type));
  int n = dev_size();
  r.algbw = t > 0 ? bytes / t / 1e9 : 0;
  r.busbw = r.algbw * 2.0 * (n - 1) / n;
  if (o->check) {
    fill(o, host, send, count);
    run_all(o, send, dst, count, 1);
    r.wrong = count_wrong(o, host, dst, count);
  }
  return r;
}

static void time_text(char *buf, size_t size, double us) {
  snprintf(buf, size, us < 100 ? "%7.2f" : us < 10000 ? "%7.1f" : "%7.0f", us);
}

static void print_row(const options_t *o, size_t bytes, size_t count, const result_t *oop, const result_t *ip) {
  char t1[16], t2[16], w1[16], w2[16], a[160], b[160];
  time_text(t1, sizeof t1, oop->time_us);
  time_text(t2, sizeof t2, ip->time_us);
  snprintf(w1, sizeof w1, o->check ? "%lld" : "N/A", oop->wrong);
  snprintf(w2, sizeof w2, o->check ? "%lld" : "N/A", ip->wrong);
  printf("%12zu  %12zu  %8s  %6s  %6d  %7s  %6.2f  %6.2f  %6s  %7s  %6.2f  %6.2f  %6s\n", bytes, count, dtype_name(o->type), redop_name(o->op), -1, t1, oop->algbw, oop->busbw, w1, t2, ip->algbw, ip->busbw, w2);
  snprintf(a, sizeof a, "{\"timeUs\":%.3f,\"algbw\":%.4f,\"busbw\":%.4f,\"wrong\":%lld}", oop->time_us, oop->algbw, oop->busbw, o->check ? oop->wrong : -1LL);
  snprintf(b, sizeof b, "{\"timeUs\":%.3f,\"algbw\":%.4f,\"busbw\":%.4f,\"wrong\":%lld}", ip->time_us, ip->algbw, ip->busbw, o->check ? ip->wrong : -1LL);
  json_t j;
  json_begin(&j, "allreduce");
  json_str(&j, "build", dev_build());
  json_int(&j, "size", (long long)bytes);
  json_int(&j, "count", (long long)count);
  json_str(&j, "type", dtype_name(o->type));
  json_str(&j, "redop", redop_name(o->op));
  json_int(&j, "root", -1);
  json_int(&j, "ranks", dev_size());
  json_raw(&j, "oop", a);
  json_raw(&j, "ip", b);
  json_end(&j, stdout);
}

static void header(const options_t *o) {
  printf("# allreduce-bench (%s build)\n", dev_build());
  printf("# nThread 1 nGpus %ld minBytes %zu maxBytes %zu step: %ld(factor) warmup iters: %ld iters: %ld agg iters: 1 validation: %ld graph: 0\n", o->local, o->min_bytes, o->max_bytes, o->factor, o->warmup, o->iters, o->check);
}

static void table_header(void) {
  printf("#                                                              out-of-place                       in-place          \n");
  printf("#       size         count      type   redop    root     time   algbw   busbw  #wrong     time   algbw   busbw  #wrong\n");
  printf("#        (B)    (elements)                               (us)  (GB/s)  (GB/s)             (us)  (GB/s)  (GB/s)        \n");
}

int main(int argc, char **argv) {
  options_t o;
  parse(argc, argv, &o);
  world_start(&argc, &argv, (int)o.local, "allreduce-bench");
  int root = world_rank() == 0;
  if (root) header(&o);
  print_devices();
  if (root) table_header();
  size_t esize = dtype_size(o.type), max_count = o.max_bytes / esize;
  void *host[16], *send[16], *recv[16];
  int local = dev_local() < 16 ? dev_local() : 16;
  for (int d = 0; d < local; d++) {
    host[d] = malloc(max_count * esize + 1);
    send[d] = dev_alloc(d, max_count * esize);
    recv[d] = dev_alloc(d, max_count * esize);
  }
  long long total_wrong = 0;
  double bw_sum = 0;
  int rows = 0;
  for (size_t bytes = o.min_bytes; bytes <= o.max_bytes; bytes *= (size_t)o.factor) {
    size_t count = bytes / esize;
    result_t oop = measure(&o, host, send, recv, count, 0);
    result_t ip = measure(&o, host, send, recv, count, 1);
    total_wrong += oop.wrong + ip.wrong;
    bw_sum += oop.busbw;
    rows++;
    if (root) print_row(&o, count * esize, count, &oop, &ip);
    if (bytes == 0) break;
  }
  if (root) {
    printf("# Out of bounds values : %lld %s\n", total_wrong, total_wrong == 0 ? "OK" : "FAILED");
    printf("# Avg bus bandwidth    : %g \n#\n", rows > 0 ? bw_sum / rows : 0.0);
    fflush(stdout);
  }
  for (int d = 0; d < local; d++) {
    dev_release(d, send[d]);
    dev_release(d, recv[d]);
    free(host[d]);
  }
  world_stop();
  return total_wrong == 0 ? 0 : 1;
}
