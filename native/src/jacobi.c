/* jacobi: 2-D Jacobi iteration with a halo exchange between the domains (one process per GPU,
 * or one process with -g GPUs), the residual every -r iterations, the result checked against a
 * serial solve. Reports the effective bandwidth (2 doubles moved per interior cell per
 * iteration) beside the device-to-device copy bandwidth. */
#include <math.h>
#include <stdio.h>
#include "../common/jacobi_core.h"
#include "../common/report.h"
#include "../common/world.h"
#include "../dev/dev.h"

static const char USAGE[] =
    "usage: jacobi [-x NX] [-y NY] [-n ITERS] [-r RESIDUAL_EVERY] [-g GPUS_PER_PROCESS] [-c 0|1]\n"
    "  defaults: -x 256 -y 256 -n 500 -r 100 -g 1 -c 1 (-c 0 skips the serial check)\n";

int main(int argc, char **argv) {
  jacobi_opts_t o;
  jacobi_start(&argc, &argv, "jacobi", USAGE, &o);
  jacobi_result_t r = jacobi_run(&o, 0, 1, "jacobi-residual");
  double eff = r.bytes_per_iter * (double)o.iters / r.seconds / 1e9;
  double copy = world_max(dev_copy_gbps(0, (size_t)o.nx * (size_t)o.ny * sizeof(double) / (size_t)dev_size() + 8, 10));
  int ok = !o.check || r.max_abs_diff <= 1e-6;
  if (world_rank() == 0) {
    printf("# %.3f ms per iteration, effective bandwidth %.2f GB/s per domain %.2f GB/s, copy bandwidth %.2f GB/s\n", r.seconds * 1e3 / (double)o.iters, eff, eff / dev_size(), copy);
    if (o.check) printf("# max |parallel - serial| = %.3g: %s\n", r.max_abs_diff, ok ? "OK" : "FAILED");
    json_t j;
    json_begin(&j, "jacobi");
    json_str(&j, "build", dev_build());
    json_str(&j, "mode", dev_local() > 1 ? "single-process" : "process-per-domain");
    json_int(&j, "nx", o.nx);
    json_int(&j, "ny", o.ny);
    json_int(&j, "iters", o.iters);
    json_int(&j, "ranks", dev_size());
    json_num(&j, "timeMs", r.seconds * 1e3);
    json_num(&j, "residual", r.residual);
    json_num(&j, "effGBps", eff);
    json_num(&j, "effGBpsPerDomain", eff / dev_size());
    json_num(&j, "copyGBps", copy);
    json_num(&j, "fractionOfCopy", copy > 0 ? eff / dev_size() / copy : NAN);
    json_num(&j, "maxAbsDiff", o.check ? r.max_abs_diff : NAN);
    json_bool(&j, "checked", (int)o.check);
    json_bool(&j, "ok", ok);
    json_end(&j, stdout);
  }
  jacobi_free();
  world_stop();
  return ok ? 0 : 1;
}
