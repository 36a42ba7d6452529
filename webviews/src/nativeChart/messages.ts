// What the busbw chart accepts from its host, and the state it keeps: checked on arrival
// (protocol/native.ts has the types).
import type { BusbwSeries, ToNativeChart } from '../../../protocol';
import { array, bool, type Guard, num, object, str, union } from '../shared/validate';

export const busbwSeries: Guard<BusbwSeries> = object({ jobId: str, label: str, sizes: array(num), busbw: array(num), wrong: num, done: bool });

export const toNativeChart: Guard<ToNativeChart> = union({ series: { series: busbwSeries }, error: { message: str } });

/** The page keeps nothing but whether the y axis is logarithmic. */
export interface NativeChartState {
  readonly logY: boolean;
}

export const nativeChartState: Guard<NativeChartState> = object({ logY: bool });

/** A size in bytes as the chart labels it: 8 B, 1 KiB, 4 MiB... */
export function sizeLabel(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Math.round(v * 10) / 10} ${units[u] ?? 'B'}`;
}
