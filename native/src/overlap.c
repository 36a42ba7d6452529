/* overlap: the Jacobi solver run twice, without and with overlap of the halo exchange and the
 * interior update (boundary rows first, their exchange on the communication queue while the
 * interior is computed on the compute queue); reports both times. Both results are checked. */
#include <math.h>
#include <stdio.h>
#include "../common/jacobi_core.h"
#include "../common/report.h"
#include "../common/world.h"
#include "../dev/dev.h"

static const char USAGE[] =
    "usage: overlap [-x NX] [-y NY] [-n ITERS] [-r RESIDUAL_EVERY] [-g GPUS_PER_PROCESS] [-c 0|1]\n"
    "  defaults: -x 256 -y 256 -n 500 -r 100 -g 1 -c 1\n";

int main(int argc, char **argv) {
  jacobi_opts_t o;
  jacobi_start(&argc, &argv, "overlap", USAGE, &o);
  jacobi_run(&o, 1, 0, "overlap"); /* warm-up */
  jacobi_result_t plain = jacobi_run(&o, 0, 0, "overlap");
  jacobi_result_t over = jacobi_run(&o, 1, 0, "overlap");
  int ok = !o.check || (plain.max_abs_diff <= 1e-6 && over.max_abs_diff <= 1e-6);
  if (world_rank() == 0) {
    printf("# without overlap %.3f ms, with overlap %.3f ms (speed-up %.2fx)\n", plain.seconds * 1e3, over.seconds * 1e3, plain.seconds / over.seconds);
    if (o.check) printf("# max |parallel - serial| = %.3g / %.3g: %s\n", plain.max_abs_diff, over.max_abs_diff, ok ? "OK" : "FAILED");
    json_t j;
    json_begin(&j, "overlap");
    json_str(&j, "build", dev_build());
    json_int(&j, "nx", o.nx);
    json_int(&j, "ny", o.ny);
    json_int(&j, "iters", o.iters);
    json_int(&j, "ranks", dev_size());
    json_num(&j, "timeNoOverlapMs", plain.seconds * 1e3);
    json_num(&j, "timeOverlapMs", over.seconds * 1e3);
    json_num(&j, "speedup", plain.seconds / over.seconds);
    json_num(&j, "maxAbsDiff", o.check ? fmax(plain.max_abs_diff, over.max_abs_diff) : NAN);
    json_bool(&j, "checked", (int)o.check);
    json_bool(&j, "ok", ok);
    json_end(&j, stdout);
  }
  jacobi_free();
  world_stop();
  return ok ? 0 : 1;
}
