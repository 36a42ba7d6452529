/* softmax: the softmax of a 1-D vector split over the domains. Each domain finds its local max,
 * an allreduce(max) gives the global one; each sums exp(x - max), an allreduce(sum) gives the
 * denominator; each scales its part. Checked against a serial softmax of the whole vector. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../common/args.h"
#include "../common/problems.h"
#include "../common/report.h"
#include "../common/world.h"
#include "../dev/dev.h"

static const char USAGE[] =
    "usage: softmax [-n ELEMENTS] [-i ITERS] [-g GPUS_PER_PROCESS] [-c 0|1]\n"
    "  ELEMENTS takes K, M, G suffixes (default 1M); -i timed repetitions (default 10);\n"
    "  -c 0 skips the serial check (for vectors too large to check on the host).\n";

typedef struct {
  size_t n;
  long iters, local, check;
} options_t;

typedef struct {
  size_t first, count;
  double *x, *y, *scalars; /* scalars: [0] max, [1] sum (domain memory) */
} part_t;

static void parse(int argc, char **argv, options_t *o) {
  *o = (options_t){1u << 20, 10, 1, 1};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int bad = 0;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { printf("%s", USAGE); exit(0); }
    else if (strcmp(a, "-n") == 0) bad = parse_size(option_value(argc, argv, &i), &o->n);
    else if (strcmp(a, "-i") == 0) bad = parse_int(option_value(argc, argv, &i), 1, &o->iters);
    else if (strcmp(a, "-g") == 0) bad = parse_int(option_value(argc, argv, &i), 1, &o->local);
    else if (strcmp(a, "-c") == 0) bad = parse_int(option_value(argc, argv, &i), 0, &o->check);
    else usage_error("softmax", USAGE, "unknown option %s", a);
    if (bad) usage_error("softmax", USAGE, "bad value for %s: %s", a, argv[i]);
  }
  if (o->local > 16) usage_error("softmax", USAGE, "-g is at most 16 GPUs per process");
  if (o->n == 0) usage_error("softmax", USAGE, "-n must be at least 1");
}

/* One softmax over every domain; the scalars end up holding the global max and sum. */
static void softmax_once(part_t *parts, int local) {
  for (int d = 0; d < local; d++) dev_softmax_max(d, parts[d].x, parts[d].count, &parts[d].scalars[0]);
  dev_group_start();
  for (int d = 0; d < local; d++) dev_allreduce(d, &parts[d].scalars[0], &parts[d].scalars[0], 1, DT_DOUBLE, OP_MAX);
  dev_group_end();
  for (int d = 0; d < local; d++) {
    dev_comm_wait(d);
    dev_softmax_expsum(d, parts[d].x, parts[d].count, &parts[d].scalars[0], &parts[d].scalars[1]);
  }
  dev_group_start();
  for (int d = 0; d < local; d++) dev_allreduce(d, &parts[d].scalars[1], &parts[d].scalars[1], 1, DT_DOUBLE, OP_SUM);
  dev_group_end();
  for (int d = 0; d < local; d++) {
    dev_comm_wait(d);
    dev_softmax_scale(d, parts[d].x, parts[d].y, parts[d].count, &parts[d].scalars[0], &parts[d].scalars[1]);
  }
  for (int d = 0; d < local; d++) dev_sync(d);
}

/* The serial softmax's max and denominator over the whole vector. */
static void serial_reference(size_t n, double *max, double *sum) {
  double m = -INFINITY, s = 0.0;
  for (size_t i = 0; i < n; i++) m = fmax(m, softmax_input(i));
  for (size_t i = 0; i < n; i++) s += exp(softmax_input(i) - m);
  *max = m;
  *sum = s;
}

/* Max |y - serial| over this process's elements; adds their sum to *total. */
static double check_part(const part_t *p, int d, double ref_max, double ref_sum, double *total) {
  double *y = (double *)malloc(p->count * sizeof(double) + 1);
  dev_download(d, y, p->y, p->count * sizeof(double));
  double err = 0.0;
  for (size_t i = 0; i < p->count; i++) {
    double want = exp(softmax_input(p->first + i) - ref_max) / ref_sum;
    err = fmax(err, fabs(y[i] - want));
    *total += y[i];
  }
  free(y);
  return err;
}

int main(int argc, char **argv) {
  options_t o;
  parse(argc, argv, &o);
  world_start(&argc, &argv, (int)o.local, "softmax");
  int local = dev_local(), ndom = dev_size();
  if (world_rank() == 0) printf("# softmax (%s build): %zu doubles over %d domains, %ld timed repetitions\n", dev_build(), o.n, ndom, o.iters);
  print_devices();
  part_t parts[16];
  for (int d = 0; d < local; d++) {
    size_t r = (size_t)dev_rank(d);
    parts[d].first = o.n * r / (size_t)ndom;
    parts[d].count = o.n * (r + 1) / (size_t)ndom - parts[d].first;
    parts[d].x = (double *)dev_alloc(d, parts[d].count * sizeof(double));
    parts[d].y = (double *)dev_alloc(d, parts[d].count * sizeof(double));
    parts[d].scalars = (double *)dev_alloc(d, 2 * sizeof(double));
    dev_softmax_fill(d, parts[d].x, parts[d].count, parts[d].first);
    dev_sync(d);
  }
  softmax_once(parts, local); /* warm-up */
  world_sum(0);
  double t0 = now_sec();
  for (long k = 0; k < o.iters; k++) softmax_once(parts, local);
  double t = world_max(now_sec() - t0) / (double)o.iters;
  double max_err = -1.0, total = NAN;
  if (o.check) {
    double ref_max, ref_sum, local_total = 0.0, local_err = 0.0;
    serial_reference(o.n, &ref_max, &ref_sum);
    for (int d = 0; d < local; d++) local_err = fmax(local_err, check_part(&parts[d], d, ref_max, ref_sum, &local_total));
    max_err = world_max(local_err);
    total = world_sum_double(local_total);
  }
  /* Bytes each repetition moves through memory: x read three times, y written once. */
  double bytes = 4.0 * (double)o.n * sizeof(double);
  double copy = dev_copy_gbps(0, parts[0].count * sizeof(double) + 8, 5);
  copy = world_max(copy);
  int ok = !o.check || (fabs(total - 1.0) < 1e-9 && max_err < 1e-12);
  if (world_rank() == 0) {
    printf("# time %.3f ms per softmax, %.2f GB/s (x read 3 times, y written once); copy bandwidth %.2f GB/s\n", t * 1e3, bytes / t / 1e9, copy);
    if (o.check) printf("# sum of softmax %.15f, max |parallel - serial| %.3g: %s\n", total, max_err, ok ? "OK" : "FAILED");
    json_t j;
    json_begin(&j, "softmax");
    json_str(&j, "build", dev_build());
    json_int(&j, "n", (long long)o.n);
    json_int(&j, "ranks", ndom);
    json_num(&j, "timeMs", t * 1e3);
    json_num(&j, "GBps", bytes / t / 1e9);
    json_num(&j, "copyGBps", copy);
    json_num(&j, "fractionOfCopy", copy > 0 ? bytes / t / 1e9 / copy : NAN);
    json_num(&j, "sum", total);
    json_num(&j, "maxAbsErr", o.check ? max_err : NAN);
    json_bool(&j, "checked", (int)o.check);
    json_bool(&j, "ok", ok);
    json_end(&j, stdout);
  }
  for (int d = 0; d < local; d++) {
    dev_release(d, parts[d].x);
    dev_release(d, parts[d].y);
    dev_release(d, parts[d].scalars);
  }
  world_stop();
  return ok ? 0 : 1;
}
