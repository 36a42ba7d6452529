/* The few NVML declarations gpu-sampler needs, written from NVIDIA's documented API (NVML API
 * Reference, nvml.h) so that the sampler builds without the CUDA toolkit and loads the library
 * with dlopen at run time. Only types and function-pointer shapes; no NVML code. */
#ifndef MLOPS_NVML_API_H
#define MLOPS_NVML_API_H

typedef int nvmlReturn_t; /* NVML_SUCCESS = 0 */
typedef struct nvmlDevice_st *nvmlDevice_t;

#define NVML_SUCCESS 0
#define NVML_ERROR_INSUFFICIENT_SIZE 7
#define NVML_TEMPERATURE_GPU 0
#define NVML_CLOCK_SM 1
#define NVML_CLOCK_MEM 2
#define NVML_PCIE_UTIL_TX_BYTES 0
#define NVML_PCIE_UTIL_RX_BYTES 1
/* Field ids: NVLink data throughput counters, KiB, summed over links when scopeId is UINT_MAX. */
#define NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX 138
#define NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX 139
#define NVML_VALUE_NOT_AVAILABLE_ULL (~0ULL)

typedef struct {
  unsigned int gpu;    /* percent of time a kernel ran */
  unsigned int memory; /* percent of time memory was read or written */
} nvmlUtilization_t;

typedef struct {
  unsigned long long total, free, used; /* bytes */
} nvmlMemory_t;

/* nvmlProcessInfo_t as nvmlDeviceGetComputeRunningProcesses_v2/_v3 fill it. */
typedef struct {
  unsigned int pid;
  unsigned long long usedGpuMemory; /* bytes, or NVML_VALUE_NOT_AVAILABLE */
  unsigned int gpuInstanceId;
  unsigned int computeInstanceId;
} nvmlProcessInfo_t;

typedef union {
  double dVal;
  unsigned int uiVal;
  unsigned long ulVal;
  unsigned long long ullVal;
  signed long long sllVal;
} nvmlValue_t;

typedef struct {
  unsigned int fieldId;
  unsigned int scopeId;
  long long timestamp;
  long long latencyUsec;
  int valueType;
  nvmlReturn_t nvmlReturn;
  nvmlValue_t value;
} nvmlFieldValue_t;

/* The functions, looked up by these names. */
typedef struct {
  nvmlReturn_t (*init)(void);
  nvmlReturn_t (*shutdown)(void);
  const char *(*error_string)(nvmlReturn_t);
  nvmlReturn_t (*count)(unsigned int *);
  nvmlReturn_t (*handle)(unsigned int, nvmlDevice_t *);
  nvmlReturn_t (*name)(nvmlDevice_t, char *, unsigned int);
  nvmlReturn_t (*uuid)(nvmlDevice_t, char *, unsigned int);
  nvmlReturn_t (*utilization)(nvmlDevice_t, nvmlUtilization_t *);
  nvmlReturn_t (*memory)(nvmlDevice_t, nvmlMemory_t *);
  nvmlReturn_t (*temperature)(nvmlDevice_t, int, unsigned int *);
  nvmlReturn_t (*power)(nvmlDevice_t, unsigned int *);
  nvmlReturn_t (*power_limit)(nvmlDevice_t, unsigned int *);
  nvmlReturn_t (*clock)(nvmlDevice_t, int, unsigned int *);
  nvmlReturn_t (*pcie)(nvmlDevice_t, int, unsigned int *);
  nvmlReturn_t (*fields)(nvmlDevice_t, int, nvmlFieldValue_t *);
  nvmlReturn_t (*processes)(nvmlDevice_t, unsigned int *, nvmlProcessInfo_t *);
} nvml_t;
#endif
